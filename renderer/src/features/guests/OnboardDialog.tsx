import {
  Button,
  Caption1,
  Checkbox,
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
  type GuestRole,
  type OnboardPlan,
  type OnboardResults,
} from '../../../../shared/guests/guests';
import { getBridge, invoke } from '../../app/bridge/bridge';
import { defaultEndDate, GrantFields, grantOf, type GrantChoice } from './GrantFields';

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
  link: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: 'break-all' },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

/**
 * Onboard an analyst to the customers the matrix shows (its filters choose them): the offboarding
 * plan in reverse. Each customer says what will happen (invite with the role, give the role, nothing
 * needed, or not possible and why); applied with progress, each invitation with its link to accept.
 * The partner groups GDAP maps to those customers are listed for the user to pick (none is picked
 * first): adding the analyst to one gives access in every customer it is mapped to, which it says.
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
  const [results, setResults] = useState<OnboardResults | undefined>();
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<CommandError | undefined>();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  useEffect(() => getBridge().on('guests.progress', setProgress), []);

  async function makePlan() {
    setBusy(true);
    setPlan(undefined);
    setResults(undefined);
    setPicked(new Set());
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
    const r = await invoke('guests.onboardApply', { partnerUserId: analystId, groupIds: [...picked] });
    setBusy(false);
    setProgress(undefined);
    if (r.ok) setResults(r.value);
    setError(r.ok ? undefined : r.error);
  }

  const toDo = plan?.items.filter((i) => i.action !== 'none' && i.possible).length ?? 0;
  const toAdd = plan?.groups.filter((g) => picked.has(g.groupId)).length ?? 0;
  const togglePick = (groupId: string, on: boolean) =>
    setPicked((before) => {
      const next = new Set(before);
      if (on) next.add(groupId);
      else next.delete(groupId);
      return next;
    });
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label="Onboard an analyst" className={styles.surface}>
        <DialogBody>
          <DialogTitle>
            Onboard an analyst to {customers.length} customer{customers.length === 1 ? '' : 's'}
          </DialogTitle>
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
            {busy && plan && toAdd > 0 && (
              <MessageBar intent="info">
                <MessageBarBody>
                  If your browser opens, sign in and consent there: changing partner group members needs the
                  GroupMember.ReadWrite.All permission, asked for the first time it is needed.
                </MessageBarBody>
              </MessageBar>
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
            {plan && !results && plan.groups.length > 0 && (
              <div role="group" aria-label="Partner groups to add the analyst to">
                <Caption1>
                  Partner groups GDAP maps to these customers. Adding {plan.displayName} to a group is one
                  change in your partner tenant that gives access in every customer the group is mapped to,
                  not only the ones chosen here. Pick only the groups you mean.
                </Caption1>
                {plan.groups.map((g) => (
                  <div key={g.groupId}>
                    <Checkbox
                      label={g.detail}
                      checked={picked.has(g.groupId)}
                      disabled={busy || g.alreadyMember}
                      onChange={(_, d) => togglePick(g.groupId, d.checked === true)}
                    />
                  </div>
                ))}
              </div>
            )}
            {results && results.groups.length > 0 && (
              <ul className={styles.list} aria-label="Partner group results">
                {results.groups.map((r) => (
                  <li key={r.groupId} data-outcome={r.outcome}>
                    <strong>{r.groupName}</strong> ({r.customerCount} customers),{' '}
                    {STEP_OUTCOME_LABELS[r.outcome]}:{' '}
                    <span className={r.outcome === 'failed' ? styles.failed : undefined}>{r.message}</span>
                  </li>
                ))}
              </ul>
            )}
            {results && (
              <ul className={styles.list} aria-label="Onboarding results">
                {results.customers.map((r) => (
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
              <Button appearance="primary" disabled={busy || toDo + toAdd === 0} onClick={() => void apply()}>
                Apply to {toDo} customer{toDo === 1 ? '' : 's'}
                {toAdd > 0 ? ` and ${toAdd} partner group${toAdd === 1 ? '' : 's'}` : ''}
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
