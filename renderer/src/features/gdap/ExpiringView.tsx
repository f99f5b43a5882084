import {
  Badge,
  Button,
  Caption1,
  CounterBadge,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Subtitle1,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwise20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { CommandError, CommandResult } from '../../../../shared/contract/contract';
import {
  EXPIRY_THRESHOLDS,
  type ExpiringRelationship,
  type ExpiryThreshold,
} from '../../../../shared/gdap/expiring';
import {
  autoExtends,
  GLOBAL_ADMIN_AUTO_EXTEND,
  GLOBAL_ADMINISTRATOR_ROLE_ID,
} from '../../../../shared/gdap/gdap';
import { roleName } from '../../../../shared/gdap/roles';
import { describeDaysLeft, formatDate } from '../../../../shared/platform/time';
import { invoke } from '../../app/bridge/bridge';
import { useCommand } from '../../app/bridge/use-command';
import { CommandErrorBar } from '../../components/CommandError';
import { useTabPageStyles } from '../../components/tab-page-styles';
import { useGdapWriteBlock } from './use-gdap-write';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  sectionHead: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: 0 },
  colCustomer: { width: '190px' },
  colEnds: { width: '130px' },
  colStatus: { width: '200px' },
  name: { fontWeight: tokens.fontWeightSemibold, display: 'block' },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    marginTop: tokens.spacingVerticalXS,
  },
  none: { color: tokens.colorNeutralForeground3, paddingLeft: tokens.spacingHorizontalS },
  badge: { whiteSpace: 'normal', height: 'auto', minHeight: '24px', textAlign: 'left' },
});

const SECTION_TITLE: Readonly<Record<ExpiryThreshold, string>> = {
  1: 'Within 1 day',
  7: 'Within 7 days',
  30: 'Within 30 days',
};

type Outlook = 'autoExtend' | 'blocked' | 'lapse';

const outlook = (i: ExpiringRelationship): Outlook =>
  i.willAutoExtend ? 'autoExtend' : i.blockedByGlobalAdmin ? 'blocked' : 'lapse';

const OUTLOOK_LOOK: Readonly<Record<Outlook, { color: 'success' | 'danger' | 'warning'; label: string }>> = {
  autoExtend: { color: 'success', label: 'Will auto-extend' },
  blocked: { color: 'danger', label: GLOBAL_ADMIN_AUTO_EXTEND.label },
  lapse: { color: 'warning', label: 'Will lapse' },
};

/** A failed change, and for which relationship it was. */
interface Failure {
  readonly relationship: string;
  readonly error: CommandError;
}

/**
 * Every relationship that grants access and ends within 30 days, grouped by 1 / 7 / 30 days: which
 * will auto-extend, which will lapse, and which cannot auto-extend because they include Global
 * Administrator (Microsoft never extends those), with the one action that fixes each.
 */
export function ExpiringView({ onOpenCustomer }: { readonly onOpenCustomer?: (tenantId: string) => void }) {
  // Only admin agents may change GDAP: for others the changes are off (the GDAP page says why).
  const writeBlock = useGdapWriteBlock();
  const styles = { ...useTabPageStyles(), ...useStyles() };
  // Changes arrive with the events they cause; the view is read again then.
  const expiring = useCommand('gdap.expiring', {}, { reloadOn: ['directory.changed', 'gdap.expiryAlert'] });
  const items = expiring.data;
  const [failure, setFailure] = useState<Failure | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [confirming, setConfirming] = useState<ExpiringRelationship | undefined>();

  /** Runs a change; on failure (a 412 included: main has reloaded the fresh state) shows why and reloads. */
  async function change(item: ExpiringRelationship, send: () => Promise<CommandResult<unknown>>) {
    setBusy(item.relationship.id);
    setFailure(undefined);
    const result = await send();
    if (!result.ok) setFailure({ relationship: item.relationship.displayName, error: result.error });
    await expiring.reload();
    setBusy(undefined);
  }

  const turnAutoExtendOn = (item: ExpiringRelationship) =>
    change(item, () =>
      invoke('gdap.setAutoExtend', {
        relationshipId: item.relationship.id,
        etag: item.relationship.etag ?? '',
        autoExtend: true,
      }),
    );
  const removeGlobalAdmin = (item: ExpiringRelationship) =>
    change(item, () =>
      invoke('gdap.removeGlobalAdmin', {
        relationshipId: item.relationship.id,
        etag: item.relationship.etag ?? '',
      }),
    );

  const lapsing = items?.filter((i) => !i.willAutoExtend).length ?? 0;

  return (
    <section className={styles.page} aria-labelledby="expiring-title">
      <div className={styles.head}>
        <Subtitle1 as="h2" id="expiring-title" className={styles.title}>
          Relationships ending within 30 days
        </Subtitle1>
        <span className={styles.spacer} />
        <Button icon={<ArrowClockwise20Regular />} onClick={() => void expiring.reload()}>
          Refresh
        </Button>
      </div>
      <Text className={styles.muted}>
        Switchboard alerts you on the desktop when a relationship that will not auto-extend crosses 30, 7 or 1
        days. Auto-extend adds 180 days at the end date; Microsoft never extends a relationship that includes
        Global Administrator.
      </Text>

      {expiring.error && (
        <CommandErrorBar
          error={expiring.error}
          title="Could not read the relationships that are ending"
          retrying={expiring.loading}
          onRetry={() => void expiring.reload()}
        />
      )}
      {failure && (
        <MessageBar
          intent={failure.error.code === 'conflict' ? 'warning' : 'error'}
          data-testid="expiring-error"
        >
          <MessageBarBody>
            <MessageBarTitle>“{failure.relationship}” was not changed</MessageBarTitle>
            {failure.error.message}
          </MessageBarBody>
        </MessageBar>
      )}

      {items === undefined ? (
        !expiring.error && <Spinner label="Reading relationships…" />
      ) : items.length === 0 ? (
        <Text className={styles.empty} block>
          No relationship ends within 30 days.
        </Text>
      ) : (
        <>
          <Text aria-live="polite">
            {items.length === 1 ? '1 relationship ends' : `${items.length} relationships end`} within 30 days;{' '}
            {lapsing === 0
              ? 'all of them will auto-extend.'
              : `${lapsing} will not auto-extend and need you.`}
          </Text>
          {[...EXPIRY_THRESHOLDS].reverse().map((threshold) => {
            const group = items.filter((i) => i.threshold === threshold);
            const titleId = `expiring-${threshold}`;
            return (
              <div key={threshold} className={styles.section} data-threshold={threshold}>
                <Subtitle2 as="h3" id={titleId} className={styles.sectionHead}>
                  {SECTION_TITLE[threshold]}
                  <CounterBadge
                    count={group.length}
                    showZero
                    appearance="ghost"
                    color={group.some((i) => !i.willAutoExtend) ? 'danger' : 'informative'}
                    aria-label={`${group.length} relationships`}
                  />
                </Subtitle2>
                {group.length === 0 ? (
                  <Caption1 className={styles.none}>None.</Caption1>
                ) : (
                  <Table aria-labelledby={titleId} className={styles.table}>
                    <TableHeader>
                      <TableRow>
                        <TableHeaderCell className={styles.colCustomer}>Customer</TableHeaderCell>
                        <TableHeaderCell>Relationship</TableHeaderCell>
                        <TableHeaderCell className={styles.colEnds}>Ends</TableHeaderCell>
                        <TableHeaderCell className={styles.colStatus}>Status</TableHeaderCell>
                        <TableHeaderCell>What to do</TableHeaderCell>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {group.map((item) => (
                        <ExpiringRow
                          key={item.relationship.id}
                          item={item}
                          busy={busy !== undefined || writeBlock !== null}
                          onOpenCustomer={onOpenCustomer}
                          onTurnAutoExtendOn={() => void turnAutoExtendOn(item)}
                          onRemoveGlobalAdmin={() => setConfirming(item)}
                        />
                      ))}
                    </TableBody>
                  </Table>
                )}
              </div>
            );
          })}
        </>
      )}

      {confirming && (
        <RemoveGlobalAdminDialog
          item={confirming}
          onCancel={() => setConfirming(undefined)}
          onConfirm={() => {
            const item = confirming;
            setConfirming(undefined);
            void removeGlobalAdmin(item);
          }}
        />
      )}
    </section>
  );
}

function ExpiringRow({
  item,
  busy,
  onOpenCustomer,
  onTurnAutoExtendOn,
  onRemoveGlobalAdmin,
}: {
  readonly item: ExpiringRelationship;
  readonly busy: boolean;
  readonly onOpenCustomer: ((tenantId: string) => void) | undefined;
  readonly onTurnAutoExtendOn: () => void;
  readonly onRemoveGlobalAdmin: () => void;
}) {
  const styles = { ...useTabPageStyles(), ...useStyles() };
  const look = OUTLOOK_LOOK[outlook(item)];
  const r = item.relationship;
  return (
    <TableRow data-relationship={r.id} data-outlook={outlook(item)}>
      <TableCell className={styles.cell}>
        <span className={styles.name}>{item.customerName}</span>
        {onOpenCustomer && (
          <Link as="button" onClick={() => onOpenCustomer(item.tenantId)}>
            Open customer
          </Link>
        )}
      </TableCell>
      <TableCell className={styles.cell}>
        <span className={styles.name}>{r.displayName}</span>
        <Caption1 className={styles.muted}>{r.roleIds.map(roleName).join(', ')}</Caption1>
      </TableCell>
      <TableCell className={styles.cell}>
        <time dateTime={item.endDateTime}>{formatDate(item.endDateTime)}</time>
        <Caption1 className={styles.muted} block>
          {describeDaysLeft(item.daysLeft)}
        </Caption1>
      </TableCell>
      <TableCell className={styles.cell}>
        <Badge appearance="tint" color={look.color} size="large" className={styles.badge} data-status>
          {look.label}
        </Badge>
      </TableCell>
      <TableCell className={styles.cell}>
        <Text>{item.advice}</Text>
        {!item.willAutoExtend && (
          <div className={styles.actions}>
            {item.blockedByGlobalAdmin ? (
              <Button size="small" disabled={busy} onClick={onRemoveGlobalAdmin}>
                Remove Global Administrator
              </Button>
            ) : (
              <Button size="small" appearance="primary" disabled={busy} onClick={onTurnAutoExtendOn}>
                Turn auto-extend on
              </Button>
            )}
          </div>
        )}
      </TableCell>
    </TableRow>
  );
}

function RemoveGlobalAdminDialog({
  item,
  onCancel,
  onConfirm,
}: {
  readonly item: ExpiringRelationship;
  readonly onCancel: () => void;
  readonly onConfirm: () => void;
}) {
  const rest = item.relationship.roleIds.filter((id) => id.toLowerCase() !== GLOBAL_ADMINISTRATOR_ROLE_ID);
  return (
    <Dialog open modalType="alert" onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Remove Global Administrator from “{item.relationship.displayName}”?</DialogTitle>
          <DialogContent>
            <p>
              Global Administrator is removed from this relationship with {item.customerName}. Partner users
              keep the other roles it grants: {rest.map(roleName).join(', ') || 'none'}.
            </p>
            <p>
              Anyone who relied on Global Administrator in {item.customerName} loses it at once. Without it
              the relationship can auto-extend;{' '}
              {autoExtends(item.relationship)
                ? 'auto-extend is already set, so it will then extend by 180 days at its end date.'
                : 'turn auto-extend on afterwards so it does not lapse.'}
            </p>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>
              Cancel
            </Button>
            <Button appearance="primary" onClick={onConfirm}>
              Remove Global Administrator
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
