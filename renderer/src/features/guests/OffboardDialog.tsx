import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { CommandError } from '../../../../shared/contract/contract';
import type { MatrixAnalyst } from '../../../../shared/guests/access-matrix';
import {
  STEP_OUTCOME_LABELS,
  type OffboardPlan,
  type OffboardResults,
  type StepOutcome,
} from '../../../../shared/guests/guests';
import { getBridge, invoke } from '../../app/bridge/bridge';

const useStyles = makeStyles({
  // Wide enough for the plan's sentences and for its buttons to keep one line each.
  surface: { maxWidth: '760px', '& .fui-Button': { whiteSpace: 'nowrap' } },
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxHeight: '70vh',
    overflowY: 'auto',
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  muted: { color: tokens.colorNeutralForeground3 },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

/** "2 guest accounts and 1 partner group membership" */
function changes(guests: number, groups: number): string {
  const parts = [
    guests > 0 ? `${guests} guest account${guests === 1 ? '' : 's'}` : '',
    groups > 0 ? `${groups} partner group membership${groups === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.join(' and ');
}

/**
 * Offboard an analyst: one plan of everything that gives them access (their guest account in every
 * customer, read fresh; the partner groups GDAP maps that they are in, one step per group however
 * many customers it reaches), reviewed, then applied with progress and a result per customer and per
 * group; failures can be retried alone.
 */
export function OffboardDialog({
  analysts,
  onClose,
}: {
  readonly analysts: ReadonlyArray<MatrixAnalyst>;
  readonly onClose: () => void;
}) {
  const styles = useStyles();
  const [analystId, setAnalystId] = useState(analysts[0]?.id ?? '');
  const [plan, setPlan] = useState<OffboardPlan | undefined>();
  const [results, setResults] = useState<OffboardResults | undefined>();
  const [error, setError] = useState<CommandError | undefined>();
  const [busy, setBusy] = useState<'planning' | 'applying' | undefined>();
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  useEffect(() => getBridge().on('guests.progress', setProgress), []);

  async function makePlan() {
    setBusy('planning');
    setPlan(undefined);
    setResults(undefined);
    const r = await invoke('guests.offboardPlan', { partnerUserId: analystId });
    setBusy(undefined);
    setProgress(undefined);
    if (r.ok) setPlan(r.value);
    setError(r.ok ? undefined : r.error);
  }

  async function apply(retry?: { tenantIds: string[]; groupIds: string[] }) {
    setBusy('applying');
    const r = await invoke('guests.offboardApply', { partnerUserId: analystId, ...(retry ?? {}) });
    setBusy(undefined);
    setProgress(undefined);
    if (!r.ok) return setError(r.error);
    setError(undefined);
    // A retry replaces the results of the customers and groups it retried.
    setResults((before) => {
      if (!retry || !before) return r.value;
      const customers = new Map(r.value.customers.map((x) => [x.tenantId, x]));
      const groups = new Map(r.value.groups.map((x) => [x.groupId, x]));
      return {
        customers: before.customers.map((x) => customers.get(x.tenantId) ?? x),
        groups: before.groups.map((x) => groups.get(x.groupId) ?? x),
      };
    });
  }

  const failedCustomers = results?.customers.filter((r) => r.outcome === 'failed') ?? [];
  const failedGroups = results?.groups.filter((r) => r.outcome === 'failed') ?? [];
  const failed = failedCustomers.length + failedGroups.length;
  const count = (o: StepOutcome) =>
    (results?.customers.filter((r) => r.outcome === o).length ?? 0) +
    (results?.groups.filter((r) => r.outcome === o).length ?? 0);
  const possible = plan?.items.filter((i) => i.possible).length ?? 0;
  const toApply = changes(possible, plan?.groups.length ?? 0);

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label="Offboard an analyst" className={styles.surface}>
        <DialogBody>
          <DialogTitle>Offboard an analyst</DialogTitle>
          <DialogContent className={styles.content}>
            <Field label="Analyst">
              <Select
                value={analystId}
                onChange={(_, d) => setAnalystId(d.value)}
                disabled={busy !== undefined}
              >
                {analysts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.displayName} ({a.userPrincipalName})
                  </option>
                ))}
              </Select>
            </Field>
            {progress && (
              <Field
                label={`${progress.done} of ${progress.total} ${busy === 'applying' ? 'changes' : 'customers'}`}
              >
                <ProgressBar value={progress.total === 0 ? 0 : progress.done / progress.total} />
              </Field>
            )}
            {busy === 'applying' && plan && plan.groups.length > 0 && (
              <MessageBar intent="info">
                <MessageBarBody>
                  If your browser opens, sign in and consent there: changing partner group members needs the
                  GroupMember.ReadWrite.All permission, asked for the first time it is needed.
                </MessageBarBody>
              </MessageBar>
            )}
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error.message}</MessageBarBody>
              </MessageBar>
            )}
            {plan && !results && (
              <>
                <Caption1>
                  {plan.items.length === 0
                    ? `${plan.displayName} has no guest account in any customer.`
                    : `Remove ${plan.displayName}'s guest account, with its roles, in ${plan.items.length} customers:`}
                </Caption1>
                {plan.items.length > 0 && (
                  <ul className={styles.list} aria-label="Planned removals">
                    {plan.items.map((i) => (
                      <li key={i.tenantId}>
                        <strong>{i.customerName}</strong>: {i.detail}
                        {i.reason && <span className={styles.failed}> Not possible here: {i.reason}</span>}
                      </li>
                    ))}
                  </ul>
                )}
                <Caption1>
                  {plan.groups.length === 0
                    ? `${plan.displayName} is in no partner group that GDAP maps to a customer.`
                    : `GDAP through partner groups: each is one change in your partner tenant, however many customers the group reaches.`}
                </Caption1>
                {plan.groups.length > 0 && (
                  <ul className={styles.list} aria-label="Planned partner group removals">
                    {plan.groups.map((g) => (
                      <li key={g.groupId}>{g.detail}</li>
                    ))}
                  </ul>
                )}
                {plan.unread.length > 0 && (
                  <details data-testid="offboard-unread">
                    <summary>
                      <Caption1>
                        Guest accounts could not be read in {plan.unread.length} customer
                        {plan.unread.length === 1 ? '' : 's'}: a guest account of {plan.displayName} there
                        would be missing from this plan. Which, and why
                      </Caption1>
                    </summary>
                    <ul className={styles.list} aria-label="Customers not read">
                      {plan.unread.map((u) => (
                        <li key={u.tenantId}>
                          <Caption1>
                            <strong>{u.customerName}</strong>: {u.message}
                          </Caption1>
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </>
            )}
            {results && (
              <>
                <Caption1 data-testid="offboard-summary">
                  Results: {count('succeeded')} succeeded, {count('unchanged')} unchanged, {count('failed')}{' '}
                  failed, {count('skipped')} not possible
                </Caption1>
                {results.groups.length > 0 && (
                  <ul className={styles.list} aria-label="Partner group results">
                    {results.groups.map((r) => (
                      <li key={r.groupId} data-outcome={r.outcome}>
                        <strong>{r.groupName}</strong> ({r.customerCount} customers),{' '}
                        {STEP_OUTCOME_LABELS[r.outcome]}:{' '}
                        <span className={r.outcome === 'failed' ? styles.failed : undefined}>
                          {r.message}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
                {results.customers.length > 0 && (
                  <ul className={styles.list} aria-label="Offboarding results">
                    {results.customers.map((r) => (
                      <li key={r.tenantId} data-outcome={r.outcome}>
                        <strong>{r.customerName}</strong>, {STEP_OUTCOME_LABELS[r.outcome]}:{' '}
                        <span className={r.outcome === 'failed' ? styles.failed : undefined}>
                          {r.message}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </DialogContent>
          <DialogActions>
            {!plan || results ? null : (
              <Button
                appearance="primary"
                disabled={busy !== undefined || toApply === ''}
                onClick={() => void apply()}
              >
                {toApply === '' ? 'Nothing to remove' : `Remove ${toApply}`}
              </Button>
            )}
            {busy === 'applying' && plan && plan.groups.length > 0 && (
              <Button onClick={() => void invoke('auth.cancelSignIn', {})}>Stop waiting for consent</Button>
            )}
            {failed > 0 && (
              <Button
                appearance="primary"
                disabled={busy !== undefined}
                onClick={() =>
                  void apply({
                    tenantIds: failedCustomers.map((f) => f.tenantId),
                    groupIds: failedGroups.map((f) => f.groupId),
                  })
                }
              >
                Retry {failed} failed
              </Button>
            )}
            <Button disabled={busy !== undefined || analystId === ''} onClick={() => void makePlan()}>
              {plan ? 'Plan again' : 'Plan'}
            </Button>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
