import {
  Button,
  Caption1,
  Checkbox,
  Dropdown,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  SearchBox,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { RelationshipRow } from '../../../../shared/gdap/gdap-contract';
import {
  ENDS,
  matchesRelationship,
  type Ends,
  type Flag,
  type RelationshipFilters as Filters,
} from '../../../../shared/gdap/relationship-filter';
import {
  ENDED_STATUSES,
  GLOBAL_ADMIN_AUTO_EXTEND,
  RELATIONSHIP_STATUS_LABEL,
  RELATIONSHIP_STATUSES,
  rolesBlockAutoExtend,
  willAutoExtend,
} from '../../../../shared/gdap/gdap';
import { DIRECTORY_ROLES, roleName } from '../../../../shared/gdap/roles';
import { daysLeft, describeDaysLeft, formatDate } from '../../../../shared/platform/time';
import { useCommand } from '../../app/bridge/use-command';
import { Loaded } from '../../components/CommandError';
import { RelationshipRowActions, type RowFailure } from './RelationshipRowActions';
import { useGdapWriteBlock } from './use-gdap-write';

const ROW_HEIGHT = 44;

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    height: '100%',
    minHeight: 0,
  },
  filters: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
  scroll: {
    overflowY: 'auto',
    flexGrow: 1,
    minHeight: '240px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    tableLayout: 'fixed',
    '& td, & th': {
      textAlign: 'left',
      padding: `0 ${tokens.spacingHorizontalS}`,
      height: `${ROW_HEIGHT}px`,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    },
    '& th': {
      position: 'sticky',
      top: 0,
      backgroundColor: tokens.colorNeutralBackground2,
      zIndex: 1,
    },
  },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * Every relationship of the last sync, across customers, in one table filtered by status, role, end,
 * auto-extend, Global Administrator and missing assignments ("which relationships still hold Global
 * Administrator?" is one tick). Only the rows in view are rendered (TanStack Virtual): a directory can
 * hold thousands. Each row has its relationship's actions (RelationshipRowActions.tsx), the same as
 * its card on the customer's page, and opens that page.
 */
export function AllRelationshipsView({
  onOpenCustomer,
}: {
  readonly onOpenCustomer: (tenantId: string) => void;
}) {
  const styles = useStyles();
  const read = useCommand('gdap.allRelationships', {}, { reloadOn: ['directory.changed'] });
  return (
    <Loaded read={read} label="Reading relationships…" errorTitle="Could not list the relationships">
      {(rows) => <RelationshipTable rows={rows} onOpenCustomer={onOpenCustomer} styles={styles} />}
    </Loaded>
  );
}

function RelationshipTable({
  rows,
  onOpenCustomer,
  styles,
}: {
  readonly rows: ReadonlyArray<RelationshipRow>;
  readonly onOpenCustomer: (tenantId: string) => void;
  readonly styles: ReturnType<typeof useStyles>;
}) {
  const writeBlock = useGdapWriteBlock();
  const [failure, setFailure] = useState<RowFailure | undefined>();
  const [filters, setFilters] = useState<Filters>({
    text: '',
    status: 'any',
    roleId: 'any',
    ends: 'any',
    autoExtend: 'any',
    globalAdmin: false,
    unassigned: false,
  });
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const now = useMemo(() => new Date(), []);
  const shown = useMemo(
    () =>
      rows
        .filter((r) => matchesRelationship(r, filters, now))
        .sort(
          (a, b) =>
            (a.customerName ?? '').localeCompare(b.customerName ?? '') ||
            a.displayName.localeCompare(b.displayName),
        ),
    [rows, filters, now],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
    initialRect: { width: 1000, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    <div className={styles.page}>
      <div className={styles.filters} role="group" aria-label="Filter relationships">
        <SearchBox
          aria-label="Search relationships"
          placeholder="Customer or relationship name"
          value={filters.text}
          onChange={(_, d) => set({ text: d.value })}
        />
        <Field label="Status">
          <Dropdown
            value={filters.status === 'any' ? 'Any status' : RELATIONSHIP_STATUS_LABEL[filters.status]}
            selectedOptions={[filters.status]}
            onOptionSelect={(_, d) => set({ status: (d.optionValue ?? 'any') as Filters['status'] })}
          >
            <Option value="any">Any status</Option>
            {RELATIONSHIP_STATUSES.filter((s) => s !== 'unknownFutureValue').map((s) => (
              <Option key={s} value={s}>
                {RELATIONSHIP_STATUS_LABEL[s]}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Role">
          <Dropdown
            value={filters.roleId === 'any' ? 'Any role' : roleName(filters.roleId)}
            selectedOptions={[filters.roleId]}
            onOptionSelect={(_, d) => set({ roleId: d.optionValue ?? 'any' })}
          >
            <Option value="any">Any role</Option>
            {DIRECTORY_ROLES.map((r) => (
              <Option key={r.id} value={r.id}>
                {r.displayName}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Ends">
          <Dropdown
            value={ENDS[filters.ends]}
            selectedOptions={[filters.ends]}
            onOptionSelect={(_, d) => set({ ends: (d.optionValue ?? 'any') as Ends })}
          >
            {(Object.keys(ENDS) as Ends[]).map((k) => (
              <Option key={k} value={k}>
                {ENDS[k]}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Auto-extend">
          <Dropdown
            value={{ any: 'Either', yes: 'Will auto-extend', no: 'Will not auto-extend' }[filters.autoExtend]}
            selectedOptions={[filters.autoExtend]}
            onOptionSelect={(_, d) => set({ autoExtend: (d.optionValue ?? 'any') as Flag })}
          >
            <Option value="any">Either</Option>
            <Option value="yes">Will auto-extend</Option>
            <Option value="no">Will not auto-extend</Option>
          </Dropdown>
        </Field>
        <Checkbox
          label="Holds Global Administrator"
          checked={filters.globalAdmin}
          onChange={(_, d) => set({ globalAdmin: d.checked === true })}
        />
        <Checkbox
          label="No group assigned"
          checked={filters.unassigned}
          onChange={(_, d) => set({ unassigned: d.checked === true })}
        />
      </div>
      {failure && (
        <MessageBar
          intent={failure.error.code === 'conflict' ? 'warning' : 'error'}
          data-testid="row-failure"
        >
          <MessageBarBody>
            <MessageBarTitle>{failure.relationshipName}</MessageBarTitle>
            {failure.error.message}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => setFailure(undefined)}>
              Dismiss
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <Text role="status" data-testid="relationship-count">
        {shown.length} of {rows.length} relationships
      </Text>
      <div className={styles.scroll} ref={scrollRef}>
        <table className={styles.table} aria-label="All relationships" aria-rowcount={shown.length + 1}>
          <colgroup>
            <col style={{ width: '14%' }} />
            <col style={{ width: '16%' }} />
            <col style={{ width: '12%' }} />
            <col style={{ width: '17%' }} />
            <col style={{ width: '15%' }} />
            <col style={{ width: '14%' }} />
            <col style={{ width: '12%' }} />
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              <th>Customer</th>
              <th>Relationship</th>
              <th>Status</th>
              <th>Roles</th>
              <th>Ends</th>
              <th>Groups assigned</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {top > 0 && <tr aria-hidden style={{ height: top }} />}
            {items.map((item) => {
              const r = shown[item.index];
              if (!r) return null;
              const ended = ENDED_STATUSES.has(r.status);
              const days = r.endDateTime ? daysLeft(r.endDateTime, now) : undefined;
              const ga = rolesBlockAutoExtend(r.roleIds);
              const roles = r.roleIds.map(roleName).join(', ');
              return (
                <tr key={r.id} data-relationship-row={r.id} aria-rowindex={item.index + 2}>
                  <td title={r.customerName ?? 'Open offer'}>
                    {r.customerName ?? 'Open offer (no customer yet)'}
                  </td>
                  <td title={r.displayName}>{r.displayName}</td>
                  <td>{RELATIONSHIP_STATUS_LABEL[r.status]}</td>
                  <td title={roles}>{roles}</td>
                  <td
                    title={ga && !ended ? GLOBAL_ADMIN_AUTO_EXTEND.label : undefined}
                    className={
                      !ended && days !== undefined && days <= 30 && !willAutoExtend(r)
                        ? styles.warn
                        : undefined
                    }
                  >
                    {ended || !r.endDateTime
                      ? '—'
                      : willAutoExtend(r)
                        ? `Renews ${formatDate(r.endDateTime)}`
                        : `${formatDate(r.endDateTime)} (${describeDaysLeft(days ?? 0)})`}
                  </td>
                  <td title={r.assignedGroups.join(', ')}>
                    {ended ? (
                      '—'
                    ) : r.assignedGroups.length > 0 ? (
                      r.assignedGroups.join(', ')
                    ) : (
                      <span className={styles.warn}>None: nobody has access</span>
                    )}
                  </td>
                  <td>
                    <RelationshipRowActions
                      row={r}
                      writeBlock={writeBlock}
                      onOpenCustomer={onOpenCustomer}
                      onFailure={setFailure}
                    />
                  </td>
                </tr>
              );
            })}
            {bottom > 0 && <tr aria-hidden style={{ height: bottom }} />}
          </tbody>
        </table>
        {shown.length === 0 && (
          <Caption1 className={styles.muted} block>
            No relationship matches these filters.
          </Caption1>
        )}
      </div>
    </div>
  );
}
