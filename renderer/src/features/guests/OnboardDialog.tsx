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
import type { GuestRole, OnboardPlan, OnboardResult } from '../../../../shared/guests/guests';
import { getBridge, invoke } from '../../app/bridge/bridge';
import { defaultEndDate, GrantFields, grantOf, type GrantChoice } from './GrantFields';

const useStyles = makeStyles({
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxHeight: '70vh',
    overflowY: 'auto',
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  link: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

/**
 * Onboard an analyst to the customers the matrix shows (its filters choose them): the offboarding
 * plan in reverse. Each customer says what will happen (invite with the role, give the role, nothing
 * needed, or not possible and why); applied with progress, each invitation with its link to accept.
 */
export function OnboardDialog({
  analysts,
  customers,
  onClose,
}: {
  readonly analysts: ReadonlyArray<MatrixAnalyst>;
  readonly customers: ReadonlyArray<{ readonly tenantId: string; readonly displayName: string }>;
  readonly onClose: () => void;
}) {
  const styles = useStyles();
  const [analystId, setAnalystId] = useState(analysts[0]?.id ?? '');
  const [choice, setChoice] = useState<GrantChoice>({
    role: 'securityReader',
    kind: 'active',
    endDate: defaultEndDate(90),
  });
  const [plan, setPlan] = useState<OnboardPlan | undefined>();
  const [results, setResults] = useState<ReadonlyArray<OnboardResult> | undefined>();
  const [error, setError] = useState<CommandError | undefined>();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  useEffect(() => getBridge().on('guests.progress', setProgress), []);

  async function makePlan() {
    setBusy(true);
    setPlan(undefined);
    setResults(undefined);
    const r = await invoke('guests.onboardPlan', {
      partnerUserId: analystId,
      tenantIds: customers.map((c) => c.tenantId),
      role: choice.role as GuestRole,
      grant: grantOf(choice),
    });
    setBusy(false);
    setProgress(undefined);
    if (r.ok) setPlan(r.value);
    setError(r.ok ? undefined : r.error);
  }

  async function apply() {
    setBusy(true);
    const r = await invoke('guests.onboardApply', { partnerUserId: analystId });
    setBusy(false);
    setProgress(undefined);
    if (r.ok) setResults(r.value);
    setError(r.ok ? undefined : r.error);
  }

  const toDo = plan?.items.filter((i) => i.action !== 'none' && i.possible).length ?? 0;
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label="Onboard an analyst">
        <DialogBody>
          <DialogTitle>Onboard an analyst to {customers.length} customers</DialogTitle>
          <DialogContent className={styles.content}>
            <Caption1>The customers the matrix shows now; narrow them with its filters first.</Caption1>
            <Field label="Analyst">
              <Select value={analystId} onChange={(_, d) => setAnalystId(d.value)} disabled={busy}>
                {analysts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.displayName} ({a.userPrincipalName})
                  </option>
                ))}
              </Select>
            </Field>
            <GrantFields choice={choice} onChange={setChoice} allowNone={false} />
            {progress && (
              <Field label={`${progress.done} of ${progress.total} customers`}>
                <ProgressBar value={progress.total === 0 ? 0 : progress.done / progress.total} />
              </Field>
            )}
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>
                  {error.issues?.map((i) => i.message).join(' ') || error.message}
                </MessageBarBody>
              </MessageBar>
            )}
            {plan && !results && (
              <ul className={styles.list} aria-label="Planned onboarding">
                {plan.items.map((i) => (
                  <li key={i.tenantId}>
                    <strong>{i.customerName}</strong>: {i.detail}
                    {i.reason && <span className={styles.failed}> Not possible here: {i.reason}</span>}
                  </li>
                ))}
              </ul>
            )}
            {results && (
              <ul className={styles.list} aria-label="Onboarding results">
                {results.map((r) => (
                  <li key={r.tenantId} data-outcome={r.outcome}>
                    <strong>{r.customerName}</strong>:{' '}
                    <span className={r.outcome === 'failed' ? styles.failed : undefined}>{r.message}</span>
                    {r.redeemUrl && (
                      <div className={styles.link}>
                        Link to accept: <span data-testid="onboard-link">{r.redeemUrl}</span>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </DialogContent>
          <DialogActions>
            {plan && !results && (
              <Button appearance="primary" disabled={busy || toDo === 0} onClick={() => void apply()}>
                Apply to {toDo} customers
              </Button>
            )}
            <Button
              disabled={busy || analystId === '' || customers.length === 0}
              onClick={() => void makePlan()}
            >
              {plan ? 'Plan again' : 'Plan'}
            </Button>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
