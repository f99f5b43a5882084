import {
  Badge,
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { CommandError } from '../../../../shared/contract/contract';
import type { DirectoryAssignment, DirectoryRelationship } from '../../../../shared/directory/directory';
import type { ApprovalRequest } from '../../../../shared/gdap/gdap-contract';
import {
  ACCESS_GRANTING_STATUSES,
  autoExtends,
  daysUntilEnd,
  durationInDays,
  GLOBAL_ADMIN_AUTO_EXTEND,
  rolesBlockAutoExtend,
} from '../../../../shared/gdap/gdap';
import { roleName } from '../../../../shared/gdap/roles';
import { describeDaysLeft, formatDate } from '../../../../shared/platform/time';
import { invoke } from '../../app/bridge/bridge';
import { ApprovalDialog } from './ApprovalDialog';
import { AssignmentDialog, type AssignmentEdit } from './AssignmentDialog';
import { TerminateDialog } from './TerminateDialog';

const useStyles = makeStyles({
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
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    marginTop: tokens.spacingVerticalXS,
  },
  assignment: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
});

const STATUS_COLOR: Record<string, 'success' | 'warning' | 'danger' | 'informative'> = {
  active: 'success',
  expiring: 'warning',
  approvalPending: 'informative',
  created: 'informative',
  expired: 'danger',
  terminated: 'danger',
};

/** One relationship: what it grants, until when, who holds which role, and what can be done with it. */
export function RelationshipCard({
  relationship: r,
  assignments,
}: {
  readonly relationship: DirectoryRelationship;
  readonly assignments: ReadonlyArray<DirectoryAssignment>;
}) {
  const styles = useStyles();
  const [error, setError] = useState<CommandError | undefined>();
  const [busy, setBusy] = useState(false);
  const [approval, setApproval] = useState<ApprovalRequest | undefined>();
  const [assigning, setAssigning] = useState<AssignmentEdit | null | undefined>(undefined);
  const [terminating, setTerminating] = useState(false);
  const [removing, setRemoving] = useState<string | undefined>();
  const granting = ACCESS_GRANTING_STATUSES.has(r.status);
  const ga = rolesBlockAutoExtend(r.roleIds);
  const days = daysUntilEnd(r, new Date());

  /** Runs a command; a conflict (412) means main reloaded the fresh state, which the list now shows. */
  async function run<T>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: CommandError }>) {
    setBusy(true);
    setError(undefined);
    const result = await call();
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return undefined;
    }
    return result.value;
  }

  /** Assignment ETags are read fresh when the user acts, never from the last sync. */
  async function freshAssignment(a: DirectoryAssignment): Promise<AssignmentEdit | undefined> {
    const details = await run(() => invoke('gdap.relationship', { relationshipId: r.id }));
    const fresh = details?.assignments.find((x) => x.id === a.id);
    if (!details) return undefined;
    if (!fresh || fresh.etag === null) {
      setError({
        code: 'not_found',
        message: `The assignment for ${a.groupName ?? a.groupId} is gone; the list is reloaded.`,
      });
      return undefined;
    }
    return {
      id: fresh.id,
      etag: fresh.etag,
      groupName: fresh.groupName ?? fresh.groupId,
      roleIds: fresh.roleIds,
    };
  }

  return (
    <li className={styles.item} data-relationship={r.id}>
      <div className={styles.head}>
        <Text weight="semibold">{r.displayName}</Text>
        <Badge appearance="tint" color={STATUS_COLOR[r.status] ?? 'informative'}>
          {r.status}
        </Badge>
      </div>
      <Caption1>Roles: {r.roleIds.map(roleName).join(', ')}</Caption1>
      <Caption1 className={styles.muted}>
        {r.status === 'created' || r.status === 'approvalPending'
          ? `Created ${formatDate(r.createdDateTime)} · lasts ${Math.round(durationInDays(r.duration) ?? 0)} days once approved`
          : `Active since ${formatDate(r.activatedDateTime)} · ends ${formatDate(r.endDateTime)}${
              days !== undefined && days > 0 && granting ? ` (${describeDaysLeft(days)})` : ''
            }`}{' '}
        ·{' '}
        {autoExtends(r) ? (ga ? GLOBAL_ADMIN_AUTO_EXTEND.label : 'auto-extends 180 days') : 'no auto-extend'}
      </Caption1>
      {assignments.map((a) => (
        <div key={a.id} className={styles.assignment} data-assignment={a.id}>
          <Caption1>
            {a.groupName ?? a.groupId} → {a.roleIds.map(roleName).join(', ')}
            {a.status !== 'active' ? ` (${a.status})` : ''}
          </Caption1>
          {granting && a.status === 'active' && (
            <>
              <Button
                size="small"
                appearance="transparent"
                disabled={busy}
                onClick={() => void freshAssignment(a).then((edit) => edit && setAssigning(edit))}
              >
                Edit roles
              </Button>
              {removing === a.id ? (
                <Button
                  size="small"
                  appearance="primary"
                  disabled={busy}
                  onClick={() =>
                    void freshAssignment(a).then(async (edit) => {
                      setRemoving(undefined);
                      if (edit)
                        await run(() =>
                          invoke('gdap.removeAssignment', {
                            relationshipId: r.id,
                            assignmentId: edit.id,
                            etag: edit.etag,
                          }),
                        );
                    })
                  }
                >
                  Confirm: remove {a.groupName ?? 'group'}
                </Button>
              ) : (
                <Button
                  size="small"
                  appearance="transparent"
                  disabled={busy}
                  onClick={() => setRemoving(a.id)}
                >
                  Remove
                </Button>
              )}
            </>
          )}
        </div>
      ))}
      {r.customerTenantId === null && (
        <Caption1 className={styles.muted}>
          Open offer: no customer tenant; any customer may approve it.
        </Caption1>
      )}
      <div className={styles.actions}>
        {r.status === 'created' && (
          <Button
            size="small"
            appearance="primary"
            disabled={busy}
            onClick={() =>
              void run(() => invoke('gdap.lock', { relationshipId: r.id, etag: r.etag ?? '' })).then(
                (a) => a && setApproval(a),
              )
            }
          >
            Lock for approval
          </Button>
        )}
        {r.status === 'approvalPending' && (
          <Button
            size="small"
            disabled={busy}
            onClick={() =>
              void run(() => invoke('gdap.approvalRequest', { relationshipId: r.id })).then(
                (a) => a && setApproval(a),
              )
            }
          >
            Approval link and message
          </Button>
        )}
        {granting && (
          <>
            <Button size="small" disabled={busy} onClick={() => setAssigning(null)}>
              Add assignment
            </Button>
            {!(ga && !autoExtends(r)) && (
              <Button
                size="small"
                disabled={busy}
                onClick={() =>
                  void run(() =>
                    invoke('gdap.setAutoExtend', {
                      relationshipId: r.id,
                      etag: r.etag ?? '',
                      autoExtend: !autoExtends(r),
                    }),
                  )
                }
              >
                {autoExtends(r) ? 'Turn auto-extend off' : 'Turn auto-extend on'}
              </Button>
            )}
            {ga && (
              <Button
                size="small"
                disabled={busy}
                onClick={() =>
                  void run(() =>
                    invoke('gdap.removeGlobalAdmin', { relationshipId: r.id, etag: r.etag ?? '' }),
                  )
                }
              >
                Remove Global Administrator
              </Button>
            )}
            <Button size="small" appearance="subtle" disabled={busy} onClick={() => setTerminating(true)}>
              Terminate…
            </Button>
          </>
        )}
      </div>
      {error && (
        <MessageBar intent={error.code === 'conflict' ? 'warning' : 'error'}>
          <MessageBarBody>{error.message}</MessageBarBody>
        </MessageBar>
      )}
      {approval && <ApprovalDialog request={approval} onClose={() => setApproval(undefined)} />}
      {assigning !== undefined && (
        <AssignmentDialog
          relationship={r}
          editing={assigning}
          onClose={() => setAssigning(undefined)}
          onDone={() => setAssigning(undefined)}
        />
      )}
      {terminating && (
        <TerminateDialog
          relationship={r}
          assignments={assignments}
          onClose={() => setTerminating(false)}
          onDone={() => setTerminating(false)}
        />
      )}
    </li>
  );
}
