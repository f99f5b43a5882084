import { Button, Caption1, Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { Add20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { DirectoryRelationship } from '../../../../shared/directory/directory';
import { useCommand } from '../../app/bridge/use-command';
import { CommandErrorBar } from '../../components/CommandError';
import { CreateRelationshipDialog } from './CreateRelationshipDialog';
import { useGdapWriteBlock } from './use-gdap-write';
import { RelationshipCard } from './RelationshipCard';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  head: { display: 'flex', justifyContent: 'space-between', alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground3 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

/**
 * A customer's GDAP relationships as the directory has them (the last sync, kept current by every
 * change the app makes): roles, status, dates, assignments, and what can be done with each.
 */
export function GdapDetails({
  tenantId,
  displayName,
}: {
  readonly tenantId: string;
  readonly displayName: string;
}) {
  const styles = useStyles();
  // The directory changes with every sync and every change the app makes; it is read again then.
  const read = useCommand('directory.customer', { tenantId }, { reloadOn: ['directory.changed'] });
  const customer = read.data;
  const [creating, setCreating] = useState(false);
  const writeBlock = useGdapWriteBlock();
  if (customer === undefined && !read.error) return null;
  const order = (r: DirectoryRelationship) =>
    r.status === 'active' || r.status === 'expiring'
      ? 0
      : r.status === 'approvalPending' || r.status === 'created'
        ? 1
        : 2;
  const relationships = [...(customer?.relationships ?? [])].sort(
    (a, b) => order(a) - order(b) || (b.endDateTime ?? '').localeCompare(a.endDateTime ?? ''),
  );
  return (
    <>
      <div className={styles.head}>
        <Text weight="semibold">GDAP relationships</Text>
        <Button
          size="small"
          icon={<Add20Regular />}
          disabled={writeBlock !== null}
          onClick={() => setCreating(true)}
        >
          New relationship
        </Button>
      </div>
      {writeBlock && (
        <Caption1 className={styles.warn} data-testid="gdap-write-block">
          {writeBlock}
        </Caption1>
      )}
      {read.error && (
        <CommandErrorBar
          error={read.error}
          title="Could not read this customer's GDAP relationships"
          retrying={read.loading}
          onRetry={() => void read.reload()}
        />
      )}
      {customer === undefined ? null : customer === null ? (
        <Caption1 className={styles.muted}>
          No GDAP relationship with this customer in the last sync.
        </Caption1>
      ) : (
        <>
          {customer.problem && <Caption1 className={styles.warn}>⚠ {customer.problem}</Caption1>}
          <ul className={styles.list} aria-label="GDAP relationships" data-testid="gdap-relationships">
            {relationships.map((r) => (
              <RelationshipCard
                key={r.id}
                relationship={r}
                writeBlock={writeBlock}
                assignments={customer.assignments.filter(
                  (a) => a.relationshipId === r.id && a.status !== 'deleted',
                )}
              />
            ))}
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
      )}
      {creating && (
        <CreateRelationshipDialog
          customer={{ tenantId, displayName }}
          onClose={() => setCreating(false)}
          onCreated={() => setCreating(false)}
        />
      )}
    </>
  );
}
