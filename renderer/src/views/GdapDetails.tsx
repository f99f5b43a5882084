import { Badge, Caption1, Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { DirectoryCustomer, DirectoryRelationship } from '../../../shared/directory';
import { autoExtends, includesGlobalAdministrator } from '../../../shared/gdap';
import { roleName } from '../../../shared/roles';
import { invoke } from '../bridge/bridge';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  head: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
  muted: { color: tokens.colorNeutralForeground3 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

const STATUS_COLOR: Record<string, 'success' | 'warning' | 'danger' | 'informative'> = {
  active: 'success',
  expiring: 'warning',
  approvalPending: 'informative',
  created: 'informative',
  expired: 'danger',
  terminated: 'danger',
};

const date = (iso: string | null) =>
  iso
    ? new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
    : '—';

/** A customer's GDAP relationships from the last sync: roles, status, dates, assignments, links. */
export function GdapDetails({
  tenantId,
  syncedAt,
}: {
  readonly tenantId: string;
  readonly syncedAt: string | null;
}) {
  const styles = useStyles();
  const [customer, setCustomer] = useState<DirectoryCustomer | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void invoke('directory.customer', { tenantId }).then((r) => live && setCustomer(r.ok ? r.value : null));
    return () => {
      live = false;
    };
  }, [tenantId, syncedAt]);
  if (customer === undefined) return null;
  if (customer === null) {
    return (
      <Caption1 className={styles.muted}>No GDAP relationship with this customer in the last sync.</Caption1>
    );
  }
  const now = new Date();
  const order = (r: DirectoryRelationship) =>
    r.status === 'active' || r.status === 'expiring'
      ? 0
      : r.status === 'approvalPending' || r.status === 'created'
        ? 1
        : 2;
  const relationships = [...customer.relationships].sort(
    (a, b) => order(a) - order(b) || (b.endDateTime ?? '').localeCompare(a.endDateTime ?? ''),
  );
  return (
    <>
      <Text weight="semibold">GDAP relationships</Text>
      {customer.problem && <Caption1 className={styles.warn}>⚠ {customer.problem}</Caption1>}
      <ul className={styles.list} aria-label="GDAP relationships" data-testid="gdap-relationships">
        {relationships.map((r) => {
          // Whole days left, rounded up, as the customers list says it.
          const days = r.endDateTime
            ? Math.ceil((Date.parse(r.endDateTime) - now.getTime()) / 86_400_000)
            : undefined;
          const assignments = customer.assignments.filter(
            (a) => a.relationshipId === r.id && a.status !== 'deleted',
          );
          const ga = includesGlobalAdministrator(r.roleIds.map((id) => ({ roleDefinitionId: id })));
          return (
            <li key={r.id} className={styles.item} data-relationship={r.id}>
              <div className={styles.head}>
                <Text weight="semibold">{r.displayName}</Text>
                <Badge appearance="tint" color={STATUS_COLOR[r.status] ?? 'informative'}>
                  {r.status}
                </Badge>
              </div>
              <Caption1>Roles: {r.roleIds.map(roleName).join(', ')}</Caption1>
              <Caption1 className={styles.muted}>
                Active since {date(r.activatedDateTime)} · ends {date(r.endDateTime)}
                {days !== undefined && days >= 0 && r.status !== 'expired' && r.status !== 'terminated'
                  ? ` (in ${days} days)`
                  : ''}{' '}
                ·{' '}
                {autoExtends(r)
                  ? ga
                    ? 'auto-extend set, but blocked by Global Administrator'
                    : 'auto-extends 180 days'
                  : 'no auto-extend'}
              </Caption1>
              {assignments.map((a) => (
                <Caption1 key={a.id} data-assignment={a.id}>
                  {a.groupName ?? a.groupId} → {a.roleIds.map(roleName).join(', ')}
                  {a.status !== 'active' ? ` (${a.status})` : ''}
                </Caption1>
              ))}
            </li>
          );
        })}
      </ul>
      {customer.serviceManagement.length > 0 && (
        <>
          <Text weight="semibold">Service management</Text>
          {customer.serviceManagement.map((s) => (
            <Link key={s.url} href={s.url} target="_blank" rel="noopener noreferrer">
              {s.serviceName}
            </Link>
          ))}
        </>
      )}
    </>
  );
}
