import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { DEFAULT_HOTKEY } from '../../../../shared/launch/hotkey';
import {
  CLOUD_PROFILE_IDS,
  CLOUD_PROFILE_LABELS,
  PUBLIC_CLOUD,
  SANDBOX_STAND_IN_NOTICE,
  type CloudProfileId,
} from '../../../../shared/platform/cloud-profile';
import { APP_REGISTRATION, settingsSchema, signInReadiness } from '../../../../shared/settings/settings';
import { invoke } from '../../app/bridge/bridge';
import { useCommand } from '../../app/bridge/use-command';
import { CommandErrorBar } from '../../components/CommandError';
import { useApp } from '../../app/app-store';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    overflowY: 'auto',
    height: '100%',
    boxSizing: 'border-box',
    maxWidth: '960px',
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  title: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  steps: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'grid',
    gap: tokens.spacingVerticalS,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

const CLOUD_HELP: Readonly<Record<CloudProfileId, string>> = {
  sandbox: SANDBOX_STAND_IN_NOTICE,
  public: `Microsoft’s global cloud (${new URL(PUBLIC_CLOUD.authorityHost).host}). Most partners.`,
  usgov:
    'GCC High and DoD tenants. Security Copilot has no published portal there, so launching is not offered.',
  china:
    'Tenants operated by 21Vianet. Security Copilot has no published portal there, so launching is not offered.',
};

/** Settings: the Microsoft cloud, the app registration, and how to register the app. */
export function SettingsView() {
  const styles = useStyles();
  const info = useApp((s) => s.info);
  // The form shows the saved settings once read; until then (or if they cannot be read) it cannot be saved,
  // so a failed read never turns into saving the defaults over them.
  const settings = useCommand('settings.get', {});
  const loaded = settings.data !== undefined;
  const [cloud, setCloud] = useState<CloudProfileId>('sandbox');
  const [clientId, setClientId] = useState('');
  const [hotkey, setHotkey] = useState('');
  const [errors, setErrors] = useState<{
    cloudProfile?: string;
    clientId?: string;
    globalHotkey?: string;
    form?: string;
  }>({});
  const [saved, setSaved] = useState<string | undefined>();

  useEffect(() => {
    if (!settings.data) return;
    setCloud(settings.data.cloudProfile);
    setClientId(settings.data.clientId ?? '');
    setHotkey(settings.data.globalHotkey ?? '');
  }, [settings.data]);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSaved(undefined);
    const input = {
      cloudProfile: cloud,
      clientId: clientId.trim() === '' ? null : clientId,
      globalHotkey: hotkey.trim() === '' ? null : hotkey,
    };
    const checked = settingsSchema.safeParse(input);
    if (!checked.success) {
      const next: typeof errors = {};
      for (const issue of checked.error.issues)
        next[issue.path[0] as 'cloudProfile' | 'clientId' | 'globalHotkey'] = issue.message;
      setErrors(next);
      return;
    }
    const result = await invoke('settings.update', input);
    if (!result.ok) {
      const next: typeof errors = { form: result.error.message };
      for (const issue of result.error.issues ?? [])
        next[issue.field as 'cloudProfile' | 'clientId' | 'globalHotkey'] = issue.message;
      setErrors(next);
      return;
    }
    setErrors({});
    setClientId(result.value.clientId ?? '');
    setHotkey(result.value.globalHotkey ?? '');
    setSaved(`Saved. Switchboard now uses the ${CLOUD_PROFILE_LABELS[result.value.cloudProfile]}.`);
  }

  const readiness = signInReadiness({
    cloudProfile: cloud,
    clientId: clientId.trim() === '' ? null : clientId,
    globalHotkey: null,
  });

  return (
    <section className={styles.page} aria-labelledby="settings-title">
      <Title2 as="h1" id="settings-title" className={styles.title}>
        Settings
      </Title2>

      <form className={styles.form} onSubmit={(e) => void save(e)} aria-label="Cloud and app registration">
        {settings.error && (
          <CommandErrorBar
            error={settings.error}
            title="Could not read your settings; they cannot be changed until they are read"
            retrying={settings.loading}
            onRetry={() => void settings.reload()}
          />
        )}
        <Field label="Microsoft cloud" validationMessage={errors.cloudProfile}>
          <RadioGroup
            value={cloud}
            onChange={(_, d) => setCloud(d.value as CloudProfileId)}
            disabled={!loaded}
          >
            {CLOUD_PROFILE_IDS.map((id) => (
              <Radio
                key={id}
                value={id}
                label={
                  <>
                    {CLOUD_PROFILE_LABELS[id]}
                    <Text size={200} block className={styles.muted}>
                      {CLOUD_HELP[id]}
                    </Text>
                  </>
                }
              />
            ))}
          </RadioGroup>
        </Field>
        <Field
          label="App registration: application (client) ID"
          hint="Leave empty to stay on the sandbox. Steps to register the app are below."
          validationMessage={errors.clientId}
        >
          <Input
            value={clientId}
            onChange={(_, d) => setClientId(d.value)}
            placeholder="00000000-0000-0000-0000-000000000000"
            className={styles.mono}
            disabled={!loaded}
          />
        </Field>
        <Field
          label="Switcher hotkey (desktop app)"
          hint={`Opens the tenant switcher from any app. Empty: ${DEFAULT_HOTKEY}. Inside Switchboard, Ctrl/Cmd+K always works.`}
          validationMessage={errors.globalHotkey}
        >
          <Input
            value={hotkey}
            onChange={(_, d) => setHotkey(d.value)}
            placeholder={DEFAULT_HOTKEY}
            className={styles.mono}
            disabled={!loaded}
          />
        </Field>
        {readiness && (
          <MessageBar intent="info">
            <MessageBarBody>{readiness}</MessageBarBody>
          </MessageBar>
        )}
        {errors.form && (
          <MessageBar intent="error">
            <MessageBarBody>{errors.form}</MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={!loaded}>
            Save settings
          </Button>
          {saved && <Text role="status">{saved}</Text>}
        </div>
      </form>

      <Title3 as="h2" className={styles.title}>
        Register Switchboard in your partner tenant
      </Title3>
      <ol className={styles.steps}>
        {APP_REGISTRATION.steps.map((step) => (
          <li key={step}>
            <Text>{step}</Text>
          </li>
        ))}
      </ol>
      <Table aria-label="Permissions Switchboard asks for">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>API</TableHeaderCell>
            <TableHeaderCell>Delegated permission</TableHeaderCell>
            <TableHeaderCell>What Switchboard uses it for</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {APP_REGISTRATION.permissions.map((p) => (
            <TableRow key={`${p.api} ${p.permission}`}>
              <TableCell>{p.api}</TableCell>
              <TableCell className={styles.mono}>{p.permission}</TableCell>
              <TableCell>{p.why}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Title3 as="h2" className={styles.title}>
        Data
      </Title3>
      <Text>
        Switchboard keeps your customers and settings in{' '}
        <span className={styles.mono}>{info?.dataDir ?? '…'}</span>. Start with{' '}
        <span className={styles.mono}>--data-dir DIR</span> to use another folder.
      </Text>
    </section>
  );
}
