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
import type { OffboardPlan, OffboardResult } from '../../../../shared/guests/guests';
import { getBridge, invoke } from '../../app/bridge/bridge';

const useStyles = makeStyles({
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

/**
 * Offboard an analyst: one plan of everything that gives them access (their guest account in every
 * customer, read fresh; the GDAP groups they are in), reviewed, then applied with progress and a
 * result per customer; failures can be retried alone.
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
  const [results, setResults] = useState<ReadonlyArray<OffboardResult> | undefined>();
  const [error, setError] = useState<CommandError | undefined>();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  useEffect(() => getBridge().on('guests.progress', setProgress), []);

  async function makePlan() {
    setBusy(true);
    setPlan(undefined);
    setResults(undefined);
    const r = await invoke('guests.offboardPlan', { partnerUserId: analystId });
    setBusy(false);
    setProgress(undefined);
    if (r.ok) setPlan(r.value);
    setError(r.ok ? undefined : r.error);
  }

  async function apply(tenantIds?: ReadonlyArray<string>) {
    setBusy(true);
    const r = await invoke('guests.offboardApply', {
      partnerUserId: analystId,
      ...(tenantIds ? { tenantIds: [...tenantIds] } : {}),
    });
    setBusy(false);
    setProgress(undefined);
    if (!r.ok) return setError(r.error);
    setError(undefined);
    // A retry replaces the results of the customers it retried.
    setResults((before) => {
      if (!tenantIds || !before) return r.value;
      const again = new Map(r.value.map((x) => [x.tenantId, x]));
      return before.map((x) => again.get(x.tenantId) ?? x);
    });
  }

  const failed = results?.filter((r) => r.outcome === 'failed') ?? [];
  const count = (o: OffboardResult['outcome']) => results?.filter((r) => r.outcome === o).length ?? 0;

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label="Offboard an analyst">
        <DialogBody>
          <DialogTitle>Offboard an analyst</DialogTitle>
          <DialogContent className={styles.content}>
            <Field label="Analyst">
              <Select value={analystId} onChange={(_, d) => setAnalystId(d.value)} disabled={busy}>
                {analysts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.displayName} ({a.userPrincipalName})
                  </option>
                ))}
              </Select>
            </Field>
            {progress && (
              <Field label={`${progress.done} of ${progress.total} customers`}>
                <ProgressBar value={progress.total === 0 ? 0 : progress.done / progress.total} />
              </Field>
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
                <ul className={styles.list} aria-label="Planned removals">
                  {plan.items.map((i) => (
                    <li key={i.tenantId}>
                      <strong>{i.customerName}</strong>: {i.detail}
                      {i.reason && <span className={styles.failed}> Not possible here: {i.reason}</span>}
                    </li>
                  ))}
                </ul>
                {plan.groups.length > 0 && (
                  <>
                    <Caption1>
                      GDAP through partner groups: remove {plan.displayName} from these groups in your partner
                      tenant (Microsoft Entra admin center, Groups); Switchboard does not change group
                      memberships.
                    </Caption1>
                    <ul className={styles.list} aria-label="Partner groups">
                      {plan.groups.map((g) => (
                        <li key={g.groupId}>
                          <strong>{g.groupName}</strong>: {g.customers.length} customers (
                          {g.customers.slice(0, 5).join(', ')}
                          {g.customers.length > 5 ? ', …' : ''})
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {plan.unread.length > 0 && (
                  <Caption1 className={styles.muted}>
                    {plan.unread.length} customers could not be read now, so a guest account there may be
                    missing from this plan.
                  </Caption1>
                )}
              </>
            )}
            {results && (
              <>
                <Caption1 data-testid="offboard-summary">
                  Results: {count('succeeded')} removed, {count('failed')} failed, {count('skipped')} not
                  possible
                </Caption1>
                <ul className={styles.list} aria-label="Offboarding results">
                  {results.map((r) => (
                    <li key={r.tenantId} data-outcome={r.outcome}>
                      <strong>{r.customerName}</strong>:{' '}
                      <span className={r.outcome === 'failed' ? styles.failed : undefined}>{r.message}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </DialogContent>
          <DialogActions>
            {!plan || results ? null : (
              <Button
                appearance="primary"
                disabled={busy || !plan.items.some((i) => i.possible)}
                onClick={() => void apply()}
              >
                Remove {plan.items.filter((i) => i.possible).length} guest accounts
              </Button>
            )}
            {failed.length > 0 && (
              <Button
                appearance="primary"
                disabled={busy}
                onClick={() => void apply(failed.map((f) => f.tenantId))}
              >
                Retry {failed.length} failed
              </Button>
            )}
            <Button disabled={busy || analystId === ''} onClick={() => void makePlan()}>
              {plan ? 'Plan again' : 'Plan'}
            </Button>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
