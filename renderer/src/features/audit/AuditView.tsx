import {
  Badge,
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  Option,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import {
  ArrowClockwise20Regular,
  ArrowDownload20Regular,
  ChevronDown16Regular,
  ChevronRight16Regular,
  Copy16Regular,
} from '@fluentui/react-icons';
import { Fragment, useEffect, useMemo, useState } from 'react';
import type { CommandError } from '../../../../shared/contract/contract';
import { parseTenantId } from '../../../../shared/platform/tenant-id';
import { invoke } from '../../app/bridge/bridge';
import { useCommand } from '../../app/bridge/use-command';
import { CommandErrorBar } from '../../components/CommandError';
import { saveExport } from '../../components/download';
import { useTabPageStyles } from '../../components/tab-page-styles';

// Spread over useTabPageStyles: the audit trail is a page of its own, not a GDAP tab, so it brings its
// own page frame (margins and scrolling) and head.
const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXXL,
    overflowY: 'auto',
    height: '100%',
    boxSizing: 'border-box',
  },
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  filter: { width: '240px' },
  date: { width: '150px' },
  colExpand: { width: '36px' },
  colWhen: { width: '100px' },
  colAccount: { width: '160px' },
  colTenant: { width: '140px' },
  colAction: { width: '145px' },
  colOutcome: { width: '95px' },
  colStatus: { width: '50px' },
  colRequest: { width: '160px' },
  // Long Graph errors are cut at three lines here; the expanded row has them whole.
  clamp: {
    display: '-webkit-box',
    WebkitLineClamp: 3,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
  wrap: { overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  requestId: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXXS },
  body: {
    margin: 0,
    padding: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  more: { alignSelf: 'center' },
});

/** Rows rendered at once; more on request, so a long trail never makes the page slow. */
const PAGE_SIZE = 200;
const ALL = '';

const OUTCOME_LOOK = {
  succeeded: { color: 'success', label: 'Succeeded' },
  failed: { color: 'danger', label: 'Failed' },
  interrupted: { color: 'warning', label: 'Interrupted' },
} as const;

const INTERRUPTED_HELP =
  'The app stopped before Graph answered; check the tenant to see whether the change was made.';

interface Filters {
  readonly tenantId: string;
  readonly action: string;
  /** `YYYY-MM-DD` from the date inputs, local time; empty for no limit. */
  readonly from: string;
  readonly to: string;
}

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

const day = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const time = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Lets a long UPN or action name wrap after its dots and @ rather than mid-word. */
function breakable(text: string) {
  return text.split(/(?<=[@.])/).map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

/** The command's input for the filters; dates are whole local days. */
function listInput(f: Filters) {
  return {
    ...(f.tenantId ? { tenantId: f.tenantId } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.from ? { from: new Date(`${f.from}T00:00:00`).toISOString() } : {}),
    ...(f.to ? { to: new Date(`${f.to}T23:59:59.999`).toISOString() } : {}),
  };
}

/**
 * The audit trail: every change Switchboard made (or tried to make) in a tenant, newest first, with
 * who, which tenant, what was sent and what Graph answered; filtered, expanded and exported.
 */
export function AuditView() {
  const styles = { ...useTabPageStyles(), ...useStyles() };
  const [filters, setFilters] = useState<Filters>({ tenantId: ALL, action: ALL, from: '', to: '' });
  // Changes arrive with the events they cause; the view is read again then.
  const audit = useCommand('audit.list', listInput(filters), {
    reloadOn: ['directory.changed', 'gdap.bulkProgress'],
  });
  const customers = useCommand('customers.list', {}, { reloadOn: ['customers.changed'] });
  const auth = useCommand('auth.status', {}, { reloadOn: ['auth.changed'] });
  const entries = audit.data?.entries;
  const unreadableLines = audit.data?.unreadableLines ?? 0;
  const [exportError, setExportError] = useState<CommandError | undefined>();
  // Changes in the partner's own tenant (its groups, Copilot in Azure there) are named as such.
  const names = useMemo<ReadonlyMap<string, string>>(
    () =>
      new Map([
        ...(auth.data?.accounts ?? []).map((a) => [a.tenantId, 'Your partner tenant'] as const),
        ...(customers.data ?? []).map((c) => [c.tenantId as string, c.displayName] as const),
      ]),
    [customers.data, auth.data],
  );
  // Every tenant and action seen so far, so a filter never hides its own alternatives.
  const [seenTenants, setSeenTenants] = useState<ReadonlySet<string>>(new Set());
  const [seenActions, setSeenActions] = useState<ReadonlySet<string>>(new Set());
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [shown, setShown] = useState(PAGE_SIZE);
  const [copied, setCopied] = useState<string | undefined>();

  useEffect(() => {
    if (!entries) return;
    setSeenTenants((s) => new Set([...s, ...entries.map((e) => e.tenantId)]));
    setSeenActions((s) => new Set([...s, ...entries.map((e) => e.action)]));
  }, [entries]);
  const reload = () => Promise.all([audit.reload(), customers.reload()]);

  const tenantName = (id: string) => (id === 'none' ? 'No customer tenant' : (names.get(id) ?? id));
  const tenantOptions = useMemo(
    () =>
      [...seenTenants]
        .filter((id) => parseTenantId(id).ok)
        .map((id) => ({ id, label: names.get(id) ?? id }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [seenTenants, names],
  );
  const actionOptions = useMemo(() => [...seenActions].sort(), [seenActions]);
  const filtered =
    filters.tenantId !== ALL || filters.action !== ALL || filters.from !== '' || filters.to !== '';

  const set = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setShown(PAGE_SIZE);
  };
  const toggle = (id: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  async function exportAs(format: 'csv' | 'json') {
    const result = await invoke('audit.export', {
      format,
      ...(filters.tenantId ? { tenantId: filters.tenantId } : {}),
      ...(filters.action ? { action: filters.action } : {}),
    });
    setExportError(result.ok ? undefined : result.error);
    if (result.ok) saveExport(result.value);
  }

  async function copy(requestId: string) {
    await navigator.clipboard.writeText(requestId).catch(() => undefined);
    setCopied(requestId);
  }

  const visible = entries?.slice(0, shown) ?? [];

  return (
    <section className={styles.page} aria-labelledby="audit-title">
      <div className={styles.head}>
        <Title2 as="h1" id="audit-title" className={styles.title}>
          Audit trail
        </Title2>
        <span className={styles.spacer} />
        <Button icon={<ArrowDownload20Regular />} onClick={() => void exportAs('csv')}>
          Export CSV
        </Button>
        <Button icon={<ArrowDownload20Regular />} onClick={() => void exportAs('json')}>
          Export JSON
        </Button>
      </div>
      <Text className={styles.muted}>
        Every change Switchboard makes in a customer tenant, written on this computer before it is sent and
        again when Graph answers: who, when, which tenant, what was sent, and the result. Exports hold every
        date; the tenant and action filters apply to them.
      </Text>

      <div className={styles.filters} role="search" aria-label="Filter the audit trail">
        <Field label="Tenant" className={styles.filter}>
          <Dropdown
            value={filters.tenantId ? tenantName(filters.tenantId) : 'All tenants'}
            selectedOptions={[filters.tenantId]}
            onOptionSelect={(_, d) => set({ tenantId: d.optionValue ?? ALL })}
          >
            <Option value={ALL}>All tenants</Option>
            {tenantOptions.map((t) => (
              <Option key={t.id} value={t.id} text={t.label}>
                {t.label}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Action" className={styles.filter}>
          <Dropdown
            value={filters.action || 'All actions'}
            selectedOptions={[filters.action]}
            onOptionSelect={(_, d) => set({ action: d.optionValue ?? ALL })}
          >
            <Option value={ALL}>All actions</Option>
            {actionOptions.map((a) => (
              <Option key={a} value={a}>
                {a}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="From" className={styles.date}>
          <Input
            type="date"
            value={filters.from}
            max={filters.to || undefined}
            onChange={(_, d) => set({ from: d.value })}
          />
        </Field>
        <Field label="To" className={styles.date}>
          <Input
            type="date"
            value={filters.to}
            min={filters.from || undefined}
            onChange={(_, d) => set({ to: d.value })}
          />
        </Field>
        <Button icon={<ArrowClockwise20Regular />} onClick={() => void reload()}>
          Refresh
        </Button>
      </div>

      {exportError && <CommandErrorBar error={exportError} title="The export was not saved" />}
      {audit.error && (
        <CommandErrorBar
          error={audit.error}
          title="Could not read the audit trail"
          retrying={audit.loading}
          onRetry={() => void audit.reload()}
        />
      )}
      {customers.error && (
        <CommandErrorBar
          error={customers.error}
          title="Could not read the customer names; tenants are shown by ID"
          retrying={customers.loading}
          onRetry={() => void customers.reload()}
        />
      )}
      {unreadableLines > 0 && (
        <MessageBar intent="warning" data-testid="audit-unreadable">
          <MessageBarBody>
            {unreadableLines === 1
              ? '1 line of the audit file could not be read (for example a write cut short when the app stopped). It is kept in the file but not shown here.'
              : `${unreadableLines} lines of the audit file could not be read (for example a write cut short when the app stopped). They are kept in the file but not shown here.`}
          </MessageBarBody>
        </MessageBar>
      )}

      {entries === undefined ? (
        !audit.error && <Spinner label="Reading the audit trail…" />
      ) : entries.length === 0 ? (
        <Text className={styles.empty} block>
          {filtered
            ? 'No change matches these filters.'
            : 'No changes yet. Every change Switchboard makes in a tenant is recorded here before it is sent and after Graph answers.'}
        </Text>
      ) : (
        <>
          <Caption1 className={styles.muted} aria-live="polite">
            {entries.length === 1 ? '1 change' : `${entries.length} changes`}, newest first.
          </Caption1>
          <Table aria-label="Audit trail" className={styles.table} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.colExpand}>
                  <span className="visually-hidden">Details</span>
                </TableHeaderCell>
                <TableHeaderCell className={styles.colWhen}>When</TableHeaderCell>
                <TableHeaderCell className={styles.colAccount}>Account</TableHeaderCell>
                <TableHeaderCell className={styles.colTenant}>Tenant</TableHeaderCell>
                <TableHeaderCell className={styles.colAction}>Action</TableHeaderCell>
                <TableHeaderCell className={styles.colOutcome}>Outcome</TableHeaderCell>
                <TableHeaderCell className={styles.colStatus}>Status</TableHeaderCell>
                <TableHeaderCell className={styles.colRequest}>Request ID</TableHeaderCell>
                <TableHeaderCell>Error</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {visible.map((e) => {
                const open = expanded.has(e.id);
                const look = OUTCOME_LOOK[e.outcome];
                const badge = (
                  <Badge appearance="tint" color={look.color} data-outcome={e.outcome}>
                    {look.label}
                  </Badge>
                );
                return (
                  <Fragment key={e.id}>
                    <TableRow data-audit-entry={e.id}>
                      <TableCell className={styles.cell}>
                        <Button
                          size="small"
                          appearance="subtle"
                          icon={open ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
                          aria-expanded={open}
                          aria-label={`${open ? 'Hide' : 'Show'} what was sent: ${e.action}, ${when(e.at)}`}
                          onClick={() => toggle(e.id)}
                        />
                      </TableCell>
                      <TableCell className={styles.cell}>
                        <time dateTime={e.at}>
                          {day(e.at)}
                          <Caption1 className={styles.muted} block>
                            {time(e.at)}
                          </Caption1>
                        </time>
                      </TableCell>
                      <TableCell className={mergeClasses(styles.cell, styles.wrap)}>
                        {breakable(e.account)}
                      </TableCell>
                      <TableCell className={mergeClasses(styles.cell, styles.wrap)} title={e.tenantId}>
                        {tenantName(e.tenantId)}
                      </TableCell>
                      <TableCell className={mergeClasses(styles.cell, styles.wrap, styles.mono)}>
                        {breakable(e.action)}
                      </TableCell>
                      <TableCell className={styles.cell}>
                        {e.outcome === 'interrupted' ? (
                          <Tooltip content={INTERRUPTED_HELP} relationship="description">
                            {badge}
                          </Tooltip>
                        ) : (
                          badge
                        )}
                      </TableCell>
                      <TableCell className={styles.cell}>{e.status ?? '—'}</TableCell>
                      <TableCell className={styles.cell}>
                        {e.requestId ? (
                          <span className={styles.requestId}>
                            <span className={mergeClasses(styles.mono, styles.wrap)} data-request-id>
                              {e.requestId}
                            </span>
                            <Tooltip
                              content={copied === e.requestId ? 'Copied' : 'Copy request ID'}
                              relationship="label"
                            >
                              <Button
                                size="small"
                                appearance="subtle"
                                icon={<Copy16Regular />}
                                onClick={() => void copy(e.requestId!)}
                              />
                            </Tooltip>
                          </span>
                        ) : (
                          '—'
                        )}
                      </TableCell>
                      <TableCell className={mergeClasses(styles.cell, styles.wrap)}>
                        {e.error ? (
                          <span className={styles.clamp} title={e.error}>
                            {e.error}
                          </span>
                        ) : e.outcome === 'interrupted' ? (
                          <span className={styles.muted}>No answer recorded: check the tenant.</span>
                        ) : (
                          ''
                        )}
                      </TableCell>
                    </TableRow>
                    {open && (
                      <TableRow data-audit-body={e.id}>
                        <TableCell colSpan={9} className={styles.cell}>
                          <Caption1 className={styles.muted} block>
                            Sent {when(e.at)}
                            {e.finishedAt ? ` · answered ${when(e.finishedAt)}` : ' · no answer recorded'} ·
                            tenant {e.tenantId}
                          </Caption1>
                          {e.error && (
                            <Text block className={styles.wrap}>
                              Error: {e.error}
                            </Text>
                          )}
                          {e.outcome === 'interrupted' && <Text block>{INTERRUPTED_HELP}</Text>}
                          <pre className={styles.body} aria-label={`Body sent: ${e.action}`}>
                            {e.body === null || e.body === undefined
                              ? '(no body)'
                              : JSON.stringify(e.body, null, 2)}
                          </pre>
                        </TableCell>
                      </TableRow>
                    )}
                  </Fragment>
                );
              })}
            </TableBody>
          </Table>
          {entries.length > shown && (
            <Button className={styles.more} onClick={() => setShown((n) => n + PAGE_SIZE)}>
              Show {Math.min(PAGE_SIZE, entries.length - shown)} more ({entries.length - shown} not shown)
            </Button>
          )}
        </>
      )}
    </section>
  );
}
