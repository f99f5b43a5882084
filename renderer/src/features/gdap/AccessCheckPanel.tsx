import {
  Badge,
  Button,
  Caption1,
  Combobox,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AccessCheck, CheckState } from '../../../../shared/gdap/access-check';
import type { CommandError } from '../../../../shared/contract/contract';
import type { PartnerUser } from '../../../../shared/gdap/gdap-contract';
import { invoke } from '../../app/bridge/bridge';
import { useCommand } from '../../app/bridge/use-command';
import { CommandErrorBar } from '../../components/CommandError';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  steps: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  step: { display: 'grid', gridTemplateColumns: '24px 1fr', columnGap: tokens.spacingHorizontalXS },
  fix: { color: tokens.colorBrandForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
});

const MARK: Record<CheckState, string> = { pass: '✓', warn: '!', fail: '✗' };
const VERDICT = {
  green: { color: 'success', text: 'Has access' },
  amber: { color: 'warning', text: 'Has access, with a warning' },
  red: { color: 'danger', text: 'No access' },
} as const;

/**
 * Why does (or doesn't) an analyst reach Security Copilot in this customer through GDAP: each link
 * of the chain, read fresh from Graph, and the one next step that fixes each gap.
 */
export function AccessCheckPanel({ tenantId }: { readonly tenantId: string }) {
  const styles = useStyles();
  const [search, setSearch] = useState('');
  const [user, setUser] = useState<PartnerUser | null>(null);
  const [check, setCheck] = useState<AccessCheck | undefined>();
  const [error, setError] = useState<CommandError | undefined>();
  const [running, setRunning] = useState(false);

  useEffect(() => setCheck(undefined), [tenantId]);
  // Partner users matching what is typed; nothing is read until something is.
  const userRead = useCommand('gdap.partnerUsers', { search }, { enabled: search.trim() !== '' });
  const users: ReadonlyArray<PartnerUser> = userRead.data ?? [];

  /**
   * The person the check is about: the one picked, else the one typed (a UPN or a name, resolved
   * through the partner's users), else, with nothing typed, the signed-in account. What was typed but
   * matches nobody, or several people, is refused: the answer is never about someone else.
   */
  async function resolveUser(): Promise<{ ok: true; id: string | null } | { ok: false; message: string }> {
    if (user) return { ok: true, id: user.id };
    const typed = search.trim();
    if (typed === '') return { ok: true, id: null };
    const found = await invoke('gdap.partnerUsers', { search: typed });
    if (!found.ok) return { ok: false, message: found.error.message };
    const q = typed.toLowerCase();
    const exact = found.value.filter(
      (u) => u.userPrincipalName.toLowerCase() === q || u.displayName.toLowerCase() === q,
    );
    const matches = exact.length > 0 ? exact : found.value;
    const only = matches.length === 1 ? matches[0] : undefined;
    if (only) {
      setUser(only);
      return { ok: true, id: only.id };
    }
    return matches.length === 0
      ? {
          ok: false,
          message: `No user in your partner tenant matches "${typed}". Check the spelling, type their sign-in name (name@yourdomain), or clear the box to check yourself.`,
        }
      : {
          ok: false,
          message: `"${typed}" matches ${matches.length} users in your partner tenant. Pick one from the list.`,
        };
  }

  async function run() {
    setRunning(true);
    setError(undefined);
    setCheck(undefined);
    const who = await resolveUser();
    if (!who.ok) {
      setRunning(false);
      setError({ code: 'invalid_input', message: who.message });
      return;
    }
    const result = await invoke('gdap.accessCheck', { tenantId, userId: who.id });
    setRunning(false);
    if (result.ok) setCheck(result.value);
    else setError(result.error);
  }

  const reached = check?.plugins.filter((p) => p.reach === 'reached').length ?? 0;
  const partly = check?.plugins.filter((p) => p.reach === 'partly').length ?? 0;
  return (
    <section className={styles.panel} aria-label="Access check" data-testid="access-check">
      <Text weight="semibold">Why does (or doesn&apos;t) an analyst have access?</Text>
      <div className={styles.row}>
        <Field label="Partner user" hint="Leave empty for yourself (the signed-in account).">
          <Combobox
            freeform
            placeholder="Yourself, or type a name"
            value={user ? user.displayName : search}
            onChange={(e) => {
              setUser(null);
              setSearch((e.target as HTMLInputElement).value);
            }}
            onOptionSelect={(_, d) => setUser(users.find((u) => u.id === d.optionValue) ?? null)}
          >
            {users.map((u) => (
              <Option key={u.id} value={u.id} text={u.displayName}>
                {u.displayName} ({u.userPrincipalName})
              </Option>
            ))}
          </Combobox>
        </Field>
        <Button appearance="primary" disabled={running} onClick={() => void run()}>
          Check access
        </Button>
        {running && <Spinner size="tiny" label="Reading Graph…" />}
      </div>
      {userRead.error && (
        <CommandErrorBar
          error={userRead.error}
          title="Could not find partner users"
          retrying={userRead.loading}
          onRetry={() => void userRead.reload()}
        />
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error.message}</MessageBarBody>
        </MessageBar>
      )}
      {check && (
        <>
          <div className={styles.row}>
            <Badge appearance="filled" color={VERDICT[check.verdict].color} data-verdict={check.verdict}>
              {VERDICT[check.verdict].text}
            </Badge>
            <Caption1 className={styles.muted}>
              {check.user.userPrincipalName} · checked {new Date(check.checkedAt).toLocaleTimeString()}
            </Caption1>
          </div>
          <Text data-testid="access-summary">{check.summary}</Text>
          <ol className={styles.steps} aria-label="Access chain">
            {check.steps.map((s) => (
              <li key={s.id} className={styles.step} data-step={s.id} data-state={s.state}>
                <Text aria-label={s.state}>{MARK[s.state]}</Text>
                <div>
                  <Text weight="semibold" block>
                    {s.title}
                  </Text>
                  <Caption1 block>{s.detail}</Caption1>
                  {s.fix && (
                    <Caption1 block className={styles.fix}>
                      Next step: {s.fix}
                    </Caption1>
                  )}
                </div>
              </li>
            ))}
          </ol>
          <Caption1>
            Copilot plugins reached: {reached} fully{partly > 0 ? `, ${partly} partly` : ''}, of{' '}
            {check.plugins.length} (see the plugin list below for each).
          </Caption1>
        </>
      )}
    </section>
  );
}
