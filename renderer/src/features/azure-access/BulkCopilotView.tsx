import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  ProgressBar,
  SearchBox,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { CopilotBulkPlanItem, CopilotBulkResult } from '../../../../shared/azure-access/azure-access';
import { COPILOT_ROLE } from '../../../../shared/azure-access/azure-access';
import type { CommandError } from '../../../../shared/contract/contract';
import { getBridge, invoke } from '../../app/bridge/bridge';
import { CommandErrorBar } from '../../components/CommandError';
import { useCustomers } from '../customers';

const useStyles = makeStyles({
  page: {
    display: 'grid',
    gridTemplateColumns: 'minmax(240px, 1fr) 2fr',
    gap: tokens.spacingHorizontalL,
    paddingTop: tokens.spacingVerticalM,
    minHeight: 0,
  },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minHeight: 0 },
  picker: {
    overflowY: 'auto',
    maxHeight: '420px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
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
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  muted: { color: tokens.colorNeutralForeground3 },
});

const OUTCOME = { succeeded: 'Changed', failed: 'Failed', skipped: 'Skipped' } as const;

/** Restrict Copilot in Azure and grant one group the role, in many customers at once. */
export function BulkCopilotView() {
  const styles = useStyles();
  const customers = useCustomers((s) => s.customers);
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [groupName, setGroupName] = useState('');
  const [plan, setPlan] = useState<ReadonlyArray<CopilotBulkPlanItem>>();
  const [results, setResults] = useState<ReadonlyArray<CopilotBulkResult>>();
  const [error, setError] = useState<CommandError>();
  const [busy, setBusy] = useState<'plan' | 'apply'>();
  const [progress, setProgress] = useState<{ done: number; total: number }>();

  useEffect(
    () => getBridge().on('azureAccess.progress', (p) => setProgress({ done: p.done, total: p.total })),
    [],
  );
  useEffect(() => setPlan(undefined), [chosen, groupName]);

  const shown = useMemo(
    () => customers.filter((c) => c.displayName.toLowerCase().includes(filter.trim().toLowerCase())),
    [customers, filter],
  );
  const request = () => ({ tenantIds: [...chosen], groupName });

  const makePlan = async () => {
    setBusy('plan');
    setError(undefined);
    setResults(undefined);
    const answer = await invoke('azureAccess.bulkPlan', request());
    setBusy(undefined);
    if (answer.ok) setPlan(answer.value);
    else setError(answer.error);
  };
  const apply = async () => {
    setBusy('apply');
    setError(undefined);
    setProgress({ done: 0, total: chosen.size });
    const answer = await invoke('azureAccess.bulkApply', request());
    setBusy(undefined);
    setPlan(undefined);
    if (answer.ok) setResults(answer.value);
    else setError(answer.error);
  };
  const toChange = plan?.filter((p) => p.skipped === null).length ?? 0;

  return (
    <div className={styles.page}>
      <div className={styles.column}>
        <Text weight="semibold">Customers</Text>
        <SearchBox aria-label="Filter customers" value={filter} onChange={(_, d) => setFilter(d.value)} />
        <div className={styles.picker} role="group" aria-label="Customers to change">
          {shown.map((c) => (
            <div key={c.tenantId}>
              <Checkbox
                label={c.displayName}
                checked={chosen.has(c.tenantId)}
                onChange={(_, d) => {
                  const next = new Set(chosen);
                  if (d.checked) next.add(c.tenantId);
                  else next.delete(c.tenantId);
                  setChosen(next);
                }}
              />
            </div>
          ))}
        </div>
      </div>
      <div className={styles.column}>
        <Text>
          In each chosen customer: restrict Copilot in Azure to holders of the {COPILOT_ROLE.name} role and
          grant it to the group with this name in that customer’s directory. Each customer is one guided
          change: elevate, change, and always remove the elevation.
        </Text>
        <div className={styles.row}>
          <Field label="Group name (in each customer's directory)">
            <Input value={groupName} onChange={(_, d) => setGroupName(d.value)} />
          </Field>
          <Button
            disabled={chosen.size === 0 || groupName.trim() === '' || busy !== undefined}
            onClick={() => void makePlan()}
          >
            Plan for {chosen.size} {chosen.size === 1 ? 'customer' : 'customers'}
          </Button>
        </div>
        {error && <CommandErrorBar error={error} title="Not changed" />}
        {busy && progress && <ProgressBar value={progress.total ? progress.done / progress.total : 0} />}
        {plan && (
          <>
            <table className={styles.table} aria-label="Bulk plan">
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">What will change</th>
                </tr>
              </thead>
              <tbody>
                {plan.map((p) => (
                  <tr key={p.tenantId} data-tenant={p.tenantId}>
                    <td>{p.customerName}</td>
                    <td>
                      {p.skipped !== null ? (
                        <span className={styles.muted}>Skipped: {p.skipped}</span>
                      ) : (
                        <ol className={styles.list}>
                          {p.changes.map((c) => (
                            <li key={c}>{c}</li>
                          ))}
                        </ol>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div>
              <Button
                appearance="primary"
                disabled={toChange === 0 || busy !== undefined}
                onClick={() => void apply()}
              >
                Apply to {toChange} {toChange === 1 ? 'customer' : 'customers'}
              </Button>
            </div>
          </>
        )}
        {results && (
          <table className={styles.table} aria-label="Bulk results">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Result</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.tenantId} data-outcome={r.outcome}>
                  <td>{r.customerName}</td>
                  <td>{OUTCOME[r.outcome]}</td>
                  <td>{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
