import {
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  Switch,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { CommandError } from '../../../../shared/contract/contract';
import {
  BROWSER_LABELS,
  BROWSERS,
  DEFAULT_LAUNCH_MODE,
  describeLaunchMode,
  LAUNCH_MODE_LABELS,
  type BrowserId,
  type LaunchMode,
  type LaunchModeId,
} from '../../../../shared/launch/launch-mode';
import { invoke } from '../../app/bridge/bridge';
import { useCommand } from '../../app/bridge/use-command';
import { CommandErrorBar } from '../../components/CommandError';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * How this partner account's launches open: the default browser, a browser profile of its own (so
 * each partner identity keeps its cookies), or a Switchboard window on the account's own session.
 */
export function LaunchModeEditor({ homeAccountId }: { readonly homeAccountId: string }) {
  const styles = useStyles();
  const modeRead = useCommand('launch.modes', {});
  const modes = modeRead.data;
  const [draft, setDraft] = useState<LaunchMode>(DEFAULT_LAUNCH_MODE);
  const [error, setError] = useState<CommandError | undefined>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (modes) setDraft(modes.accounts[homeAccountId] ?? DEFAULT_LAUNCH_MODE);
  }, [modes, homeAccountId]);
  if (!modes)
    return modeRead.error ? (
      <div data-testid="launch-mode">
        <CommandErrorBar
          error={modeRead.error}
          title="Could not read how this account's launches open"
          retrying={modeRead.loading}
          onRetry={() => void modeRead.reload()}
        />
      </div>
    ) : null;
  const change = (next: Partial<LaunchMode>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...next }));
  };
  const fieldError = (field: string) => error?.issues?.find((i) => i.field.endsWith(field))?.message;
  async function save() {
    setError(undefined);
    const r = await invoke('launch.setMode', { homeAccountId, mode: draft });
    if (!r.ok) return setError(r.error);
    modeRead.replace(r.value);
    setSaved(true);
  }
  return (
    <div data-testid="launch-mode">
      <div className={styles.row}>
        <Field label="Launches open in">
          <Dropdown
            value={LAUNCH_MODE_LABELS[draft.mode]}
            selectedOptions={[draft.mode]}
            onOptionSelect={(_, d) => change({ mode: d.optionValue as LaunchModeId })}
          >
            {modes.available.map((m) => (
              <Option key={m} value={m}>
                {LAUNCH_MODE_LABELS[m]}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {draft.mode === 'browserProfile' && (
          <>
            <Field label="Browser">
              <Dropdown
                value={BROWSER_LABELS[draft.browser]}
                selectedOptions={[draft.browser]}
                onOptionSelect={(_, d) => change({ browser: d.optionValue as BrowserId })}
              >
                {BROWSERS.map((b) => (
                  <Option key={b} value={b}>
                    {BROWSER_LABELS[b]}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            <Switch
              checked={draft.privateWindow}
              onChange={(_, d) => change({ privateWindow: d.checked })}
              label="Private window"
            />
            {!draft.privateWindow && (
              <Field
                label="Profile folder"
                hint='As in edge://version or chrome://version, "Profile path", last part: Default, Profile 2…'
                validationMessage={fieldError('profileDirectory')}
              >
                <Input
                  value={draft.profileDirectory ?? ''}
                  onChange={(_, d) => change({ profileDirectory: d.value === '' ? null : d.value })}
                />
              </Field>
            )}
          </>
        )}
        <Button onClick={() => void save()}>Save launch mode</Button>
      </div>
      <Caption1 className={styles.muted} role="status">
        {error && !fieldError('profileDirectory')
          ? error.message
          : saved
            ? `Saved: this account's launches open in ${describeLaunchMode(draft)}.`
            : `Now: ${describeLaunchMode(modes.accounts[homeAccountId] ?? DEFAULT_LAUNCH_MODE)}.`}
      </Caption1>
    </div>
  );
}
