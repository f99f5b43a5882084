import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Dropdown,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  ProgressBar,
  SearchBox,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CommandError } from '../../../../shared/contract/contract';
import type { ListedCustomer } from '../../../../shared/customers/customer-directory';
import {
  BULK_ACTIONS,
  BULK_ACTION_LABELS,
  type BulkAction,
  type BulkProgress,
} from '../../../../shared/gdap/gdap-contract';
import { ROLE_IDS, roleName } from '../../../../shared/gdap/roles';
import { getBridge, invoke } from '../../app/bridge/bridge';
import { useCommand } from '../../app/bridge/use-command';
import { CommandErrorBar } from '../../components/CommandError';
import { saveExport } from '../../components/download';
import { useCustomers } from '../customers';
import { useBulkState } from './gdap-ui-store';
import { useGdapWriteBlock } from './use-gdap-write';

const useStyles = makeStyles({
  page: {
    display: 'grid',
    gridTemplateColumns: 'minmax(260px, 1fr) 2fr',
    gap: tokens.spacingHorizontalL,
    height: '100%',
    minHeight: 0,
  },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minHeight: 0 },
  picker: {
    overflowY: 'auto',
    flexGrow: 1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  scroll: { overflowY: 'auto', minHeight: 0, flexGrow: 1 },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    '& td, & th': {
      textAlign: 'left',
      verticalAlign: 'top',
      padding: tokens.spacingVerticalXS,
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    },
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

const OUTCOME_COLOR = { succeeded: 'success', failed: 'danger', skipped: 'informative' } as const;
const OUTCOME_LABEL = { succeeded: 'Succeeded', failed: 'Failed', skipped: 'Unchanged' } as const;

/** The plan and its results: one customer a row, scrolling on its own so the buttons above stay in view. */
function BulkTable({
  label,
  columns,
  children,
}: {
  readonly label: string;
  readonly columns: ReadonlyArray<string>;
  readonly children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <div className={styles.scroll}>
      <table className={styles.table} aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Many customers at once: pick them, choose an action, see the plan, apply, retry what failed. */
export function BulkView() {
  // Only admin agents may change GDAP: for others a plan can be made, not applied (the GDAP page says why).
  const writeBlock = useGdapWriteBlock();
  const styles = useStyles();
  const customers = useCustomers((s) => s.customers);
  const [filter, setFilter] = useBulkState('filter');
  const [onlyGdap, setOnlyGdap] = useBulkState('onlyGdap');
  const [picked, setPicked] = useBulkState('picked');
  const [action, setAction] = useBulkState('action');
  // Read once; a failed read is said in place of its dropdown when the action needs it.
  const templateRead = useCommand('gdap.templates', {});
  const templates = templateRead.data ?? [];
  const [templateId, setTemplateId] = useBulkState('templateId');
  const [nameSuffix, setNameSuffix] = useBulkState('nameSuffix');
  const groupRead = useCommand('gdap.partnerGroups', { search: '' });
  const groups = useMemo(() => (groupRead.data ?? []).filter((g) => !g.reserved), [groupRead.data]);
  const [groupId, setGroupId] = useBulkState('groupId');
  const [roleId, setRoleId] = useBulkState('roleId');
  const [plan, setPlan] = useBulkState('plan');
  // Apply waits for a second click that has seen what will change (nothing in a bulk change is undone).
  const [confirming, setConfirming] = useState(false);
  const [progress, setProgress] = useState<BulkProgress | undefined>();
  const [results, setResults] = useBulkState('results');
  const [error, setError] = useState<CommandError | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => getBridge().on('gdap.bulkProgress', setProgress), []);

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return customers.filter(
      (c: ListedCustomer) =>
        (!onlyGdap || c.gdap !== null) &&
        (q === '' ||
          c.displayName.toLowerCase().includes(q) ||
          (c.domain ?? '').toLowerCase().includes(q) ||
          c.tags.some((t) => t.toLowerCase().includes(q))),
    );
  }, [customers, filter, onlyGdap]);

  const request = (tenantIds: ReadonlyArray<string>) => ({
    action,
    tenantIds: [...tenantIds],
    ...(action === 'create' ? { templateId, nameSuffix } : {}),
    ...(action === 'addAssignment' ? { groupId, roleIds: [roleId] } : {}),
  });

  async function makePlan() {
    setBusy(true);
    setError(undefined);
    setResults(undefined);
    const result = await invoke('gdap.bulkPlan', request([...picked]));
    setBusy(false);
    // Customers that change first: the plan is read top-down.
    if (result.ok)
      setPlan([...result.value].sort((a, b) => Number(b.changes.length > 0) - Number(a.changes.length > 0)));
    else setError(result.error);
  }

  async function apply(tenantIds: ReadonlyArray<string>) {
    setBusy(true);
    setError(undefined);
    const result = await invoke('gdap.bulkApply', request(tenantIds));
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setResults((before) => {
      const covered = new Set(result.value.map((r) => r.tenantId));
      return [...(before ?? []).filter((r) => !covered.has(r.tenantId)), ...result.value];
    });
  }

  const failed = results?.filter((r) => r.outcome === 'failed') ?? [];
  const changing = plan?.filter((p) => p.changes.length > 0).length ?? 0;
  return (
    <div className={styles.page}>
      <section className={styles.column} aria-label="Customers to change">
        <Text weight="semibold">1. Customers ({picked.size} picked)</Text>
        <SearchBox
          placeholder="Filter by name, domain or tag"
          value={filter}
          onChange={(_, d) => setFilter(d.value)}
          aria-label="Filter customers"
        />
        <div className={styles.row}>
          <Checkbox
            checked={onlyGdap}
            onChange={(_, d) => setOnlyGdap(Boolean(d.checked))}
            label="Only customers with GDAP"
          />
          <Button
            size="small"
            onClick={() => setPicked(new Set([...picked, ...shown.map((c) => c.tenantId)]))}
          >
            Pick all {shown.length} shown
          </Button>
          <Button size="small" onClick={() => setPicked(new Set())}>
            Clear
          </Button>
        </div>
        <div className={styles.picker} role="group" aria-label="Pick customers">
          {shown.map((c) => (
            <Checkbox
              key={c.tenantId}
              checked={picked.has(c.tenantId)}
              label={c.displayName}
              onChange={(_, d) => {
                const next = new Set(picked);
                if (d.checked) next.add(c.tenantId);
                else next.delete(c.tenantId);
                setPicked(next);
              }}
            />
          ))}
        </div>
      </section>
      <section className={styles.column} aria-label="Bulk change">
        <Text weight="semibold">2. Action</Text>
        <div className={styles.row}>
          <Field label="Action">
            <Dropdown
              value={BULK_ACTION_LABELS[action]}
              selectedOptions={[action]}
              onOptionSelect={(_, d) => {
                setAction(d.optionValue as BulkAction);
                setPlan(undefined);
                setResults(undefined);
              }}
            >
              {BULK_ACTIONS.map((a) => (
                <Option key={a} value={a}>
                  {BULK_ACTION_LABELS[a]}
                </Option>
              ))}
            </Dropdown>
          </Field>
          {action === 'create' && (
            <>
              <Field label="Template">
                <Dropdown
                  value={templates.find((t) => t.id === templateId)?.name ?? ''}
                  selectedOptions={[templateId]}
                  onOptionSelect={(_, d) => setTemplateId(d.optionValue ?? '')}
                >
                  {templates.map((t) => (
                    <Option key={t.id} value={t.id} text={t.name}>
                      {t.name}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
              {templateRead.error && (
                <CommandErrorBar
                  error={templateRead.error}
                  title="Could not read the templates"
                  retrying={templateRead.loading}
                  onRetry={() => void templateRead.reload()}
                />
              )}
              <Field label="Name: customer name, then">
                <Input value={nameSuffix} onChange={(_, d) => setNameSuffix(d.value)} />
              </Field>
            </>
          )}
          {action === 'addAssignment' && (
            <>
              <Field label="Partner group">
                <Dropdown
                  placeholder="Choose a group"
                  value={groups.find((g) => g.id === groupId)?.displayName ?? ''}
                  selectedOptions={groupId ? [groupId] : []}
                  onOptionSelect={(_, d) => setGroupId(d.optionValue ?? '')}
                >
                  {groups.map((g) => (
                    <Option key={g.id} value={g.id} text={g.displayName}>
                      {g.displayName}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
              {groupRead.error && (
                <CommandErrorBar
                  error={groupRead.error}
                  title="Could not read your partner groups"
                  retrying={groupRead.loading}
                  onRetry={() => void groupRead.reload()}
                />
              )}
              <Field label="Role (one per group)">
                <Dropdown
                  value={roleName(roleId)}
                  selectedOptions={[roleId]}
                  onOptionSelect={(_, d) => setRoleId(d.optionValue ?? roleId)}
                >
                  {[
                    ROLE_IDS.securityReader,
                    ROLE_IDS.securityOperator,
                    ROLE_IDS.securityAdministrator,
                    ROLE_IDS.globalReader,
                  ].map((id) => (
                    <Option key={id} value={id} text={roleName(id)}>
                      {roleName(id)}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
            </>
          )}
          <Button
            appearance="primary"
            disabled={busy || picked.size === 0 || (action === 'addAssignment' && !groupId)}
            onClick={() => void makePlan()}
          >
            Plan
          </Button>
        </div>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error.message}</MessageBarBody>
          </MessageBar>
        )}
        {progress?.running && (
          <Field label={`Applying: ${progress.done} of ${progress.total} customers`}>
            <ProgressBar
              value={progress.total === 0 ? 0 : progress.done / progress.total}
              aria-label="Bulk progress"
            />
          </Field>
        )}
        {plan && !results && (
          <>
            <div className={styles.row}>
              <Text weight="semibold">
                3. Plan: {changing} of {plan.length} customers change
              </Text>
              <Button
                appearance="primary"
                disabled={busy || changing === 0 || confirming || writeBlock !== null}
                onClick={() => setConfirming(true)}
              >
                Apply to {changing} {changing === 1 ? 'customer' : 'customers'}…
              </Button>
            </div>
            {confirming && (
              <MessageBar intent="warning" data-testid="bulk-confirm">
                <MessageBarBody>
                  {BULK_ACTION_LABELS[action]} for {changing} {changing === 1 ? 'customer' : 'customers'}:{' '}
                  {plan
                    .filter((p) => p.changes.length > 0)
                    .map((p) => `${p.customerName} (${p.changes.map((c) => c.description).join('; ')})`)
                    .join(', ')}
                  . Switchboard cannot undo this; each change can only be reversed by hand.
                </MessageBarBody>
                <div className={styles.row}>
                  <Button
                    appearance="primary"
                    disabled={busy}
                    onClick={() => {
                      setConfirming(false);
                      void apply(plan.map((p) => p.tenantId));
                    }}
                  >
                    Apply now
                  </Button>
                  <Button onClick={() => setConfirming(false)}>Not yet</Button>
                </div>
              </MessageBar>
            )}
            <BulkTable label="Bulk plan" columns={['Customer', 'What changes']}>
              {plan.map((p) => (
                <tr key={p.tenantId} data-plan={p.tenantId}>
                  <td>{p.customerName}</td>
                  <td>
                    {p.changes.length > 0 ? (
                      p.changes.map((c, i) => (
                        <Caption1 block key={i}>
                          {c.description}
                        </Caption1>
                      ))
                    ) : (
                      <Caption1 className={styles.muted}>No change: {p.skipped}</Caption1>
                    )}
                  </td>
                </tr>
              ))}
            </BulkTable>
          </>
        )}
        {results && (
          <>
            <div className={styles.row}>
              <Text weight="semibold" data-testid="bulk-summary">
                Results: {results.filter((r) => r.outcome === 'succeeded').length} succeeded, {failed.length}{' '}
                failed, {results.filter((r) => r.outcome === 'skipped').length} unchanged
              </Text>
              {failed.length > 0 && (
                <Button
                  appearance="primary"
                  disabled={busy}
                  onClick={() => void apply(failed.map((r) => r.tenantId))}
                >
                  Retry {failed.length} failed
                </Button>
              )}
              <Button
                disabled={busy}
                onClick={() =>
                  void invoke('gdap.exportBulkResults', {}).then((r) =>
                    r.ok ? saveExport(r.value) : setError(r.error),
                  )
                }
              >
                Export results (CSV)
              </Button>
            </div>
            <BulkTable label="Bulk results" columns={['Customer', 'Result', 'Details']}>
              {results.map((r) => (
                <tr key={r.tenantId} data-result={r.tenantId} data-outcome={r.outcome}>
                  <td>{r.customerName}</td>
                  <td>
                    <Badge appearance="tint" color={OUTCOME_COLOR[r.outcome]}>
                      {OUTCOME_LABEL[r.outcome]}
                    </Badge>
                  </td>
                  <td>
                    <Caption1 block>{r.message}</Caption1>
                    {r.requestIds.length > 0 && (
                      <Caption1 className={styles.muted}>request-id {r.requestIds.join(', ')}</Caption1>
                    )}
                  </td>
                </tr>
              ))}
            </BulkTable>
          </>
        )}
      </section>
    </div>
  );
}
