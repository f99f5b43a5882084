import {
  Badge,
  Button,
  Caption1,
  Dropdown,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
  SearchBox,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type {
  CopilotChangeResult,
  CopilotPanel,
  CopilotPlan,
  DirectoryPrincipal,
} from '../../../../shared/azure-access/azure-access';
import { COPILOT_ROLE } from '../../../../shared/azure-access/azure-access';
import type { CommandError } from '../../../../shared/contract/contract';
import { getBridge, invoke } from '../../app/bridge/bridge';
import { CommandErrorBar } from '../../components/CommandError';
import { useCustomers } from '../customers';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    paddingTop: tokens.spacingVerticalM,
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
  },
  item: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground3 },
  columns: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalL },
  results: { maxHeight: '220px', overflowY: 'auto' },
});

const HOME = '';
type Access = 'leave' | 'restrict' | 'everyone';

const OUTCOME_LABEL = {
  done: 'Done',
  unchanged: 'No change needed',
  failed: 'Failed',
  skipped: 'Not reached',
} as const;

/** One tenant's Copilot in Azure: what it is now, and a guided change. */
export function TenantPanel() {
  const styles = useStyles();
  const customers = useCustomers((s) => s.customers);
  const [tenant, setTenant] = useState<string>(HOME);
  const [panel, setPanel] = useState<CopilotPanel>();
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<CommandError>();
  const [access, setAccess] = useState<Access>('leave');
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<ReadonlyArray<DirectoryPrincipal>>([]);
  const [searchError, setSearchError] = useState<CommandError>();
  const [add, setAdd] = useState<ReadonlyArray<DirectoryPrincipal>>([]);
  const [remove, setRemove] = useState<ReadonlyArray<DirectoryPrincipal>>([]);
  const [plan, setPlan] = useState<CopilotPlan>();
  const [planError, setPlanError] = useState<CommandError>();
  const [applying, setApplying] = useState(false);
  const [progress, setProgress] = useState<string>();
  const [result, setResult] = useState<CopilotChangeResult>();

  const tenantId = tenant === HOME ? null : tenant;
  const tenantLabel =
    tenant === HOME
      ? 'Your own tenant'
      : (customers.find((c) => c.tenantId === tenant)?.displayName ?? tenant);

  const read = async (elevate: boolean) => {
    setReading(true);
    setError(undefined);
    const answer = await invoke('azureAccess.panel', { tenantId, elevate });
    setReading(false);
    if (answer.ok) setPanel(answer.value);
    else setError(answer.error);
  };

  useEffect(() => {
    setPanel(undefined);
    setAdd([]);
    setRemove([]);
    setPlan(undefined);
    setResult(undefined);
    setFound([]);
    setSearch('');
    setAccess('leave');
    void read(false);
  }, [tenant]);

  useEffect(() => getBridge().on('azureAccess.progress', (p) => setProgress(p.message)), []);

  // The plan is for exactly what is chosen: any change of choice asks for a fresh one.
  useEffect(() => setPlan(undefined), [access, add, remove]);

  const find = async () => {
    setSearchError(undefined);
    const answer = await invoke('azureAccess.principals', { tenantId, search });
    if (answer.ok) setFound(answer.value);
    else setSearchError(answer.error);
  };

  const change = () => ({
    tenantId,
    restrict: access === 'leave' ? null : access === 'restrict',
    add: add.map(({ id, kind, displayName }) => ({ id, kind, displayName })),
    remove: remove.map(({ id, kind, displayName }) => ({ id, kind, displayName })),
  });
  const nothingChosen = access === 'leave' && add.length === 0 && remove.length === 0;

  const review = async () => {
    setPlanError(undefined);
    setResult(undefined);
    const answer = await invoke('azureAccess.plan', change());
    if (answer.ok) setPlan(answer.value);
    else setPlanError(answer.error);
  };

  const apply = async () => {
    setApplying(true);
    setPlanError(undefined);
    setProgress(undefined);
    const answer = await invoke('azureAccess.apply', change());
    setApplying(false);
    setPlan(undefined);
    if (!answer.ok) {
      setPlanError(answer.error);
      return;
    }
    setResult(answer.value);
    if (answer.value.outcome === 'succeeded') {
      setAdd([]);
      setRemove([]);
      setAccess('leave');
    }
    void read(false);
  };

  const holderIds = new Set((panel?.holders ?? []).map((h) => h.id));

  return (
    <div className={styles.page}>
      <div className={styles.row}>
        <Field label="Tenant">
          <Dropdown
            aria-label="Tenant"
            value={tenantLabel}
            selectedOptions={[tenant]}
            onOptionSelect={(_, d) => setTenant(d.optionValue ?? HOME)}
          >
            <Option value={HOME}>Your own tenant</Option>
            {customers.map((c) => (
              <Option key={c.tenantId} value={c.tenantId}>
                {c.displayName}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Button onClick={() => void read(false)} disabled={reading}>
          Read again
        </Button>
        {reading && <Spinner size="tiny" label="Reading…" />}
      </div>

      {error && (
        <CommandErrorBar
          error={error}
          title="Could not read Copilot in Azure here"
          onRetry={() => void read(false)}
        />
      )}

      {panel && (
        <section
          className={styles.card}
          data-testid="copilot-panel"
          data-elevated={String(panel.elevated)}
          aria-label="Copilot in Azure now"
        >
          <h2 className={styles.heading}>Copilot in Azure in {panel.tenantName}</h2>
          <Text>
            Read as {panel.account}:{' '}
            {panel.globalAdministrator ? (
              <Badge color="success">Global Administrator here</Badge>
            ) : (
              <Badge color="warning">Not Global Administrator here</Badge>
            )}
            {panel.elevated === true && (
              <>
                {' '}
                <Badge color="danger">Elevated access is on</Badge>
              </>
            )}
          </Text>
          <Text data-testid="copilot-availability" data-availability={panel.availability}>
            <strong>Who may use it:</strong> {panel.availabilityText}
          </Text>
          <Text>
            <strong>
              Holders of the {panel.role?.name ?? COPILOT_ROLE.name} role (formerly {COPILOT_ROLE.formerName}
              ):
            </strong>
          </Text>
          {panel.holders && panel.holders.length > 0 && (
            <ul className={styles.list} aria-label="Role holders" data-testid="copilot-holders">
              {panel.holders.map((h) => (
                <li key={h.id} className={styles.item}>
                  <span>{h.displayName}</span>
                  <Caption1 className={styles.muted}>
                    {h.kind === 'group' ? 'Group' : (h.detail ?? 'User')}
                  </Caption1>
                  <Button
                    size="small"
                    appearance="subtle"
                    disabled={remove.some((r) => r.id === h.id) || !panel.globalAdministrator}
                    onClick={() => setRemove([...remove, h])}
                  >
                    Remove…
                  </Button>
                </li>
              ))}
            </ul>
          )}
          {panel.holdersText && <Text className={styles.muted}>{panel.holdersText}</Text>}
          {panel.readWithElevation && (
            <Caption1 className={styles.muted}>
              Read with temporary elevation: Switchboard elevated, read and removed the elevation (see Audit).
            </Caption1>
          )}
          {panel.globalAdministrator && (panel.holders === null || panel.availability === 'unknown') && (
            <div>
              <Button onClick={() => void read(true)} disabled={reading}>
                Read with temporary elevation
              </Button>
            </div>
          )}
        </section>
      )}

      {panel?.globalAdministrator && (
        <section className={styles.card} aria-label="Change Copilot in Azure access">
          <h2 className={styles.heading}>Change it</h2>
          <RadioGroup
            aria-label="Who may use Copilot in Azure"
            value={access}
            onChange={(_, d) => setAccess(d.value as Access)}
            layout="horizontal"
          >
            <Radio value="leave" label="Leave as it is" />
            <Radio value="restrict" label={`Restrict to holders of the ${COPILOT_ROLE.name} role`} />
            <Radio value="everyone" label="Available to all users" />
          </RadioGroup>
          <div className={styles.columns}>
            <div>
              <div className={styles.row}>
                <Field label={`Find users or groups in ${panel.tenantName}`}>
                  <SearchBox
                    aria-label="Find users or groups"
                    value={search}
                    onChange={(_, d) => setSearch(d.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') void find();
                    }}
                  />
                </Field>
                <Button onClick={() => void find()}>Find</Button>
              </div>
              {searchError && <CommandErrorBar error={searchError} title="Could not read the directory" />}
              <ul className={`${styles.list} ${styles.results}`} aria-label="Found users and groups">
                {found.map((p) => (
                  <li key={p.id} className={styles.item}>
                    <span>{p.displayName}</span>
                    <Caption1 className={styles.muted}>{p.kind === 'group' ? 'Group' : p.detail}</Caption1>
                    <Button
                      size="small"
                      aria-label={`Grant ${p.displayName}`}
                      disabled={add.some((a) => a.id === p.id) || holderIds.has(p.id)}
                      onClick={() => setAdd([...add, p])}
                    >
                      {holderIds.has(p.id) ? 'Holds the role' : 'Grant'}
                    </Button>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <Text weight="semibold">To grant the role</Text>
              <ul className={styles.list} aria-label="To grant">
                {add.length === 0 && <li className={styles.muted}>Nobody</li>}
                {add.map((p) => (
                  <li key={p.id} className={styles.item}>
                    {p.displayName}
                    <Button
                      size="small"
                      appearance="subtle"
                      onClick={() => setAdd(add.filter((a) => a.id !== p.id))}
                    >
                      Undo
                    </Button>
                  </li>
                ))}
              </ul>
              <Text weight="semibold">To remove the role from</Text>
              <ul className={styles.list} aria-label="To remove">
                {remove.length === 0 && <li className={styles.muted}>Nobody</li>}
                {remove.map((p) => (
                  <li key={p.id} className={styles.item}>
                    {p.displayName}
                    <Button
                      size="small"
                      appearance="subtle"
                      onClick={() => setRemove(remove.filter((r) => r.id !== p.id))}
                    >
                      Undo
                    </Button>
                  </li>
                ))}
              </ul>
            </div>
          </div>
          <div className={styles.row}>
            <Button
              appearance={plan ? 'secondary' : 'primary'}
              disabled={nothingChosen || applying}
              onClick={() => void review()}
            >
              Review the plan
            </Button>
          </div>
          {planError && <CommandErrorBar error={planError} title="Not changed" />}
          {plan && (
            <div data-testid="copilot-plan">
              <Text weight="semibold">
                The plan for {plan.tenantName}, as {plan.account}:
              </Text>
              <ol className={styles.list}>
                {plan.steps.map((s, i) => (
                  <li key={i} data-step={s.kind}>
                    {s.description}
                  </li>
                ))}
              </ol>
              <div className={styles.row}>
                <Button appearance="primary" disabled={applying} onClick={() => void apply()}>
                  Apply
                </Button>
                {applying && (
                  <>
                    <Spinner size="tiny" label={progress ?? 'Working…'} />
                    <Button onClick={() => void invoke('azureAccess.cancel', {})}>Cancel</Button>
                  </>
                )}
              </div>
            </div>
          )}
          {result && (
            <MessageBar
              intent={
                result.outcome === 'succeeded'
                  ? 'success'
                  : result.outcome === 'cancelled'
                    ? 'warning'
                    : 'error'
              }
              layout="multiline"
              data-testid="copilot-result"
            >
              <MessageBarBody>
                <MessageBarTitle>
                  {result.outcome === 'succeeded'
                    ? 'Changed'
                    : result.outcome === 'cancelled'
                      ? 'Cancelled'
                      : 'Stopped'}
                </MessageBarTitle>
                {result.message}
                <ul className={styles.list}>
                  {result.steps.map((s, i) => (
                    <li key={i} data-outcome={s.outcome}>
                      {OUTCOME_LABEL[s.outcome]}: {s.description}
                      {s.message && s.outcome !== 'done' ? ` (${s.message})` : ''}
                    </li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
        </section>
      )}
    </div>
  );
}
