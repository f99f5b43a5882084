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
  ASSIGNMENT_STATUS_LABEL,
  ENDED_STATUSES,
  GLOBAL_ADMIN_AUTO_EXTEND,
  RELATIONSHIP_STATUS_LABEL,
  rolesBlockAutoExtend,
} from '../../../../shared/gdap/gdap';
import { roleName } from '../../../../shared/gdap/roles';
import { describeDaysLeft, formatDate } from '../../../../shared/platform/time';
import { invoke } from '../../app/bridge/bridge';
import { ApprovalDialog } from './ApprovalDialog';
import { AssignmentDialog, type AssignmentEdit } from './AssignmentDialog';
import { TerminateDialog } from './TerminateDialog';
import { useAppToast } from '../../components/app-toast';
import {
  deleteDraftQuestion,
  deleteDraftResult,
  removeGlobalAdminQuestion,
  removeGlobalAdminResult,
} from './relationship-words';

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
  writeBlock = null,
}: {
  readonly relationship: DirectoryRelationship;
  readonly assignments: ReadonlyArray<DirectoryAssignment>;
  /** Why the signed-in account may not change GDAP (useGdapWriteBlock); its changes are then off. */
  readonly writeBlock?: string | null;
}) {
  const styles = useStyles();
  const toast = useAppToast();
  const [error, setError] = useState<CommandError | undefined>();
  const [busy, setBusy] = useState(false);
  const [approval, setApproval] = useState<ApprovalRequest | undefined>();
  const [assigning, setAssigning] = useState<AssignmentEdit | null | undefined>(undefined);
  const [terminating, setTerminating] = useState(false);
  const [removing, setRemoving] = useState<string | undefined>();
  /** A change that cannot be undone, waiting for the user's confirmation. */
  const [confirming, setConfirming] = useState<'removeGlobalAdmin' | 'delete' | undefined>();
  /** What the last change did, in words the user sees until the next one. */
  const [done, setDone] = useState<string | undefined>();
  const granting = ACCESS_GRANTING_STATUSES.has(r.status);
  const locked = busy || writeBlock !== null;
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
        <Badge appearance="tint" color={STATUS_COLOR[r.status] ?? 'informative'} data-status={r.status}>
          {RELATIONSHIP_STATUS_LABEL[r.status]}
        </Badge>
      </div>
      <Caption1>Roles: {r.roleIds.map(roleName).join(', ')}</Caption1>
      <Caption1 className={styles.muted}>
        {r.status === 'created' || r.status === 'approvalPending'
          ? `Created ${formatDate(r.createdDateTime)} · lasts ${Math.round(durationInDays(r.duration) ?? 0)} days once approved · ${
              autoExtends(r)
                ? ga
                  ? GLOBAL_ADMIN_AUTO_EXTEND.label
                  : 'auto-extends 180 days'
                : 'no auto-extend'
            }`
          : ENDED_STATUSES.has(r.status)
            ? // Ended: no end date to wait for and nothing to renew.
              r.status === 'expired'
              ? `Ended ${formatDate(r.endDateTime)}; gives no access`
              : 'Gives no access'
            : `Active since ${formatDate(r.activatedDateTime)} · ends ${formatDate(r.endDateTime)}${
                days !== undefined && days > 0 && granting ? ` (${describeDaysLeft(days)})` : ''
              } · ${
                autoExtends(r)
                  ? ga
                    ? GLOBAL_ADMIN_AUTO_EXTEND.label
                    : 'auto-extends 180 days'
                  : 'no auto-extend'
              }`}
      </Caption1>
      {granting && !assignments.some((a) => a.status === 'active' || a.status === 'pending') && (
        <Caption1 data-testid="no-assignment">
          Nobody has access through it yet: add an assignment to give a partner group its roles.
        </Caption1>
      )}
      {assignments.map((a) => (
        <div key={a.id} className={styles.assignment} data-assignment={a.id}>
          <Caption1>
            {a.groupName ?? a.groupId} → {a.roleIds.map(roleName).join(', ')}
            {a.status !== 'active' ? ` (${ASSIGNMENT_STATUS_LABEL[a.status]})` : ''}
          </Caption1>
          {granting && a.status === 'active' && (
            <>
              <Button
                size="small"
                appearance="transparent"
                disabled={locked}
                onClick={() => void freshAssignment(a).then((edit) => edit && setAssigning(edit))}
              >
                Edit roles
              </Button>
              {removing === a.id ? (
                <Button
                  size="small"
                  appearance="primary"
                  disabled={locked}
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
                  disabled={locked}
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
            disabled={locked}
            onClick={() =>
              void run(() => invoke('gdap.lock', { relationshipId: r.id, etag: r.etag ?? '' })).then(
                (a) => a && setApproval(a),
              )
            }
          >
            Lock for approval
          </Button>
        )}
        {r.status === 'created' && (
          <Button size="small" appearance="subtle" disabled={locked} onClick={() => setConfirming('delete')}>
            Delete draft…
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
            <Button size="small" disabled={locked} onClick={() => setAssigning(null)}>
              Add assignment
            </Button>
            {!(ga && !autoExtends(r)) && (
              <Button
                size="small"
                disabled={locked}
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
              <Button size="small" disabled={locked} onClick={() => setConfirming('removeGlobalAdmin')}>
                Remove Global Administrator…
              </Button>
            )}
            <Button size="small" appearance="subtle" disabled={locked} onClick={() => setTerminating(true)}>
              Terminate…
            </Button>
          </>
        )}
      </div>
      {confirming === 'removeGlobalAdmin' && (
        <MessageBar intent="warning" data-testid="confirm-remove-ga">
          <MessageBarBody>{removeGlobalAdminQuestion(r, assignments)}</MessageBarBody>
          <div className={styles.actions}>
            <Button
              size="small"
              appearance="primary"
              disabled={locked}
              onClick={() => {
                setConfirming(undefined);
                setDone(undefined);
                void run(() =>
                  invoke('gdap.removeGlobalAdmin', { relationshipId: r.id, etag: r.etag ?? '' }),
                ).then((changed) => {
                  if (!changed) return;
                  const result = removeGlobalAdminResult(changed);
                  setDone(result);
                  toast({ title: 'Global Administrator removed', body: result, intent: 'success' });
                });
              }}
            >
              Remove Global Administrator
            </Button>
            <Button size="small" onClick={() => setConfirming(undefined)}>
              Keep it
            </Button>
          </div>
        </MessageBar>
      )}
      {confirming === 'delete' && (
        <MessageBar intent="warning" data-testid="confirm-delete">
          <MessageBarBody>{deleteDraftQuestion(r)}</MessageBarBody>
          <div className={styles.actions}>
            <Button
              size="small"
              appearance="primary"
              disabled={locked}
              onClick={() => {
                setConfirming(undefined);
                setDone(undefined);
                void run(() =>
                  invoke('gdap.deleteRelationship', { relationshipId: r.id, etag: r.etag ?? '' }),
                ).then((deleted) => deleted && setDone(deleteDraftResult(deleted)));
              }}
            >
              Delete draft
            </Button>
            <Button size="small" onClick={() => setConfirming(undefined)}>
              Keep it
            </Button>
          </div>
        </MessageBar>
      )}
      {done && (
        <MessageBar intent="success" role="status" data-testid="relationship-result">
          <MessageBarBody>{done}</MessageBarBody>
        </MessageBar>
      )}
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
