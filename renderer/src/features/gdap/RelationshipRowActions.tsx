import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Menu,
  MenuDivider,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
} from '@fluentui/react-components';
import { ChevronDown16Regular } from '@fluentui/react-icons';
import { useState, type ReactElement } from 'react';
import type { CommandError } from '../../../../shared/contract/contract';
import type {
  ApprovalRequest,
  RelationshipDetails,
  RelationshipRow,
} from '../../../../shared/gdap/gdap-contract';
import { ACCESS_GRANTING_STATUSES, autoExtends, rolesBlockAutoExtend } from '../../../../shared/gdap/gdap';
import { invoke } from '../../app/bridge/bridge';
import { useAppToast } from '../../components/app-toast';
import { ApprovalDialog } from './ApprovalDialog';
import { AssignmentDialog } from './AssignmentDialog';
import {
  autoExtendResult,
  deleteDraftQuestion,
  deleteDraftResult,
  removeGlobalAdminQuestion,
  removeGlobalAdminResult,
} from './relationship-words';
import { TerminateDialog } from './TerminateDialog';

/** A failed change of one row, said above the table (the row itself has no room for it). */
export interface RowFailure {
  readonly relationshipName: string;
  readonly error: CommandError;
}

type Step =
  | { readonly kind: 'approval'; readonly request: ApprovalRequest }
  | { readonly kind: 'assign'; readonly details: RelationshipDetails }
  | { readonly kind: 'terminate'; readonly details: RelationshipDetails }
  | { readonly kind: 'removeGlobalAdmin'; readonly details: RelationshipDetails }
  | { readonly kind: 'delete'; readonly details: RelationshipDetails };

/**
 * The actions of one row of the all-relationships table: the same changes as the relationship's card
 * on its customer's page (RelationshipCard.tsx), offered by status, with the same confirmations.
 * Before a change the relationship is read fresh (its ETag and assignments, never the last sync's),
 * so a confirmation names what is true now. Results go to the window's toaster; failures to
 * `onFailure`, which says them above the table.
 */
export function RelationshipRowActions({
  row: r,
  writeBlock,
  onOpenCustomer,
  onFailure,
}: {
  readonly row: RelationshipRow;
  /** Why the signed-in account may not change GDAP, or null (use-gdap-write.ts). */
  readonly writeBlock: string | null;
  readonly onOpenCustomer: (tenantId: string) => void;
  readonly onFailure: (failure: RowFailure | undefined) => void;
}) {
  const toast = useAppToast();
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<Step | undefined>();
  const granting = ACCESS_GRANTING_STATUSES.has(r.status);
  const ga = rolesBlockAutoExtend(r.roleIds);
  const extending = autoExtends(r);
  const locked = busy || writeBlock !== null;
  const name = `${r.customerName ?? 'Open offer'}: ${r.displayName}`;

  async function run<T>(
    call: () => Promise<{ ok: true; value: T } | { ok: false; error: CommandError }>,
  ): Promise<T | undefined> {
    setBusy(true);
    onFailure(undefined);
    const result = await call();
    setBusy(false);
    if (!result.ok) {
      onFailure({ relationshipName: name, error: result.error });
      return undefined;
    }
    return result.value;
  }

  const fresh = () => run(() => invoke('gdap.relationship', { relationshipId: r.id }));

  async function open(kind: 'assign' | 'terminate' | 'removeGlobalAdmin' | 'delete') {
    const details = await fresh();
    if (details) setStep({ kind, details });
  }

  async function setAutoExtend(on: boolean) {
    const details = await fresh();
    if (!details) return;
    const changed = await run(() =>
      invoke('gdap.setAutoExtend', {
        relationshipId: r.id,
        etag: details.relationship.etag ?? '',
        autoExtend: on,
      }),
    );
    if (changed)
      toast({
        title: on ? 'Auto-extend turned on' : 'Auto-extend turned off',
        body: autoExtendResult(changed, on),
        intent: 'success',
      });
  }

  async function confirmRemoveGlobalAdmin(details: RelationshipDetails) {
    setStep(undefined);
    const changed = await run(() =>
      invoke('gdap.removeGlobalAdmin', { relationshipId: r.id, etag: details.relationship.etag ?? '' }),
    );
    if (changed)
      toast({
        title: 'Global Administrator removed',
        body: removeGlobalAdminResult(changed),
        intent: 'success',
      });
  }

  async function confirmDelete(details: RelationshipDetails) {
    setStep(undefined);
    const deleted = await run(() =>
      invoke('gdap.deleteRelationship', { relationshipId: r.id, etag: details.relationship.etag ?? '' }),
    );
    if (deleted) toast({ title: 'Draft deleted', body: deleteDraftResult(deleted), intent: 'success' });
  }

  const items: ReactElement[] = [];
  if (r.customerTenantId)
    items.push(
      <MenuItem key="open" onClick={() => onOpenCustomer(r.customerTenantId ?? '')}>
        Open customer
      </MenuItem>,
    );
  if (r.status === 'created')
    items.push(
      <MenuItem
        key="lock"
        disabled={locked}
        onClick={() =>
          void fresh().then(
            (details) =>
              details &&
              run(() =>
                invoke('gdap.lock', { relationshipId: r.id, etag: details.relationship.etag ?? '' }),
              ).then((request) => request && setStep({ kind: 'approval', request })),
          )
        }
      >
        Lock for approval
      </MenuItem>,
      <MenuItem key="delete" disabled={locked} onClick={() => void open('delete')}>
        Delete draft…
      </MenuItem>,
    );
  if (r.status === 'approvalPending')
    items.push(
      <MenuItem
        key="approval"
        disabled={busy}
        onClick={() =>
          void run(() => invoke('gdap.approvalRequest', { relationshipId: r.id })).then(
            (request) => request && setStep({ kind: 'approval', request }),
          )
        }
      >
        Approval link and message
      </MenuItem>,
    );
  if (granting) {
    items.push(
      <MenuItem key="assign" disabled={locked} onClick={() => void open('assign')}>
        Add assignment…
      </MenuItem>,
    );
    if (!(ga && !extending))
      items.push(
        <MenuItem key="extend" disabled={locked} onClick={() => void setAutoExtend(!extending)}>
          {extending ? 'Turn auto-extend off' : 'Turn auto-extend on'}
        </MenuItem>,
      );
    if (ga)
      items.push(
        <MenuItem key="ga" disabled={locked} onClick={() => void open('removeGlobalAdmin')}>
          Remove Global Administrator…
        </MenuItem>,
      );
    items.push(
      <MenuDivider key="divider" />,
      <MenuItem key="terminate" disabled={locked} onClick={() => void open('terminate')}>
        Terminate…
      </MenuItem>,
    );
  }

  return (
    <>
      {items.length > 0 ? (
        <Menu positioning="below-end">
          <MenuTrigger disableButtonEnhancement>
            <Button
              size="small"
              appearance="subtle"
              icon={<ChevronDown16Regular />}
              iconPosition="after"
              disabled={busy}
              aria-label={`Actions for ${name}`}
              title={writeBlock ?? undefined}
            >
              {busy ? 'Working…' : 'Actions'}
            </Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>{items}</MenuList>
          </MenuPopover>
        </Menu>
      ) : (
        <Text size={200}>None</Text>
      )}
      {step?.kind === 'approval' && (
        <ApprovalDialog request={step.request} onClose={() => setStep(undefined)} />
      )}
      {step?.kind === 'assign' && (
        <AssignmentDialog
          relationship={step.details.relationship}
          editing={null}
          onClose={() => setStep(undefined)}
          onDone={() => {
            setStep(undefined);
            toast({
              title: 'Assignment added',
              body: `A partner group now has roles in "${r.displayName}".`,
              intent: 'success',
            });
          }}
        />
      )}
      {step?.kind === 'terminate' && (
        <TerminateDialog
          relationship={step.details.relationship}
          assignments={step.details.assignments}
          onClose={() => setStep(undefined)}
          onDone={() => {
            setStep(undefined);
            toast({
              title: 'Relationship terminated',
              body: `"${r.displayName}" no longer gives access to ${r.customerName ?? 'the customer'}.`,
              intent: 'success',
            });
          }}
        />
      )}
      {(step?.kind === 'removeGlobalAdmin' || step?.kind === 'delete') && (
        <ConfirmDialog
          title={step.kind === 'delete' ? 'Delete draft' : 'Remove Global Administrator'}
          question={
            step.kind === 'delete'
              ? deleteDraftQuestion(step.details.relationship)
              : removeGlobalAdminQuestion(step.details.relationship, step.details.assignments)
          }
          confirm={step.kind === 'delete' ? 'Delete draft' : 'Remove Global Administrator'}
          onConfirm={() =>
            void (step.kind === 'delete'
              ? confirmDelete(step.details)
              : confirmRemoveGlobalAdmin(step.details))
          }
          onCancel={() => setStep(undefined)}
        />
      )}
    </>
  );
}

function ConfirmDialog({
  title,
  question,
  confirm,
  onConfirm,
  onCancel,
}: {
  readonly title: string;
  readonly question: string;
  readonly confirm: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  return (
    <Dialog open modalType="alert" onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface aria-label={title}>
        <DialogBody>
          <DialogTitle>{title}?</DialogTitle>
          <DialogContent>
            <Text>{question}</Text>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onConfirm}>
              {confirm}
            </Button>
            <Button onClick={onCancel}>Keep it</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
