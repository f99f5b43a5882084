import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { CommandError } from '../../../../shared/contract/contract';
import type { DirectoryAssignment, DirectoryRelationship } from '../../../../shared/directory/directory';
import { roleName } from '../../../../shared/gdap/roles';
import { invoke } from '../../app/bridge/bridge';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** Terminating ends access at once and cannot be undone: the user types the customer's name first. */
export function TerminateDialog({
  relationship,
  assignments,
  onClose,
  onDone,
}: {
  readonly relationship: DirectoryRelationship;
  readonly assignments: ReadonlyArray<DirectoryAssignment>;
  readonly onClose: () => void;
  readonly onDone: () => void;
}) {
  const styles = useStyles();
  const expected = relationship.customerName ?? relationship.displayName;
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<CommandError | undefined>();
  const [sending, setSending] = useState(false);
  const matches = typed.trim().toLowerCase() === expected.trim().toLowerCase();

  async function terminate() {
    setSending(true);
    const result = await invoke('gdap.terminate', {
      relationshipId: relationship.id,
      etag: relationship.etag ?? '',
      confirmName: typed,
    });
    setSending(false);
    if (!result.ok) return setError(result.error);
    onDone();
  }

  return (
    <Dialog open modalType="alert" onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label="Terminate relationship">
        <DialogBody>
          <DialogTitle>
            Terminate &quot;{relationship.displayName}&quot; with {expected}?
          </DialogTitle>
          <DialogContent className={styles.content}>
            <Text>This ends your access to {expected} through this relationship at once. You lose:</Text>
            <ul className={styles.list}>
              <li>the roles {relationship.roleIds.map(roleName).join(', ')};</li>
              {assignments.length > 0 ? (
                <li>
                  the access of {assignments.map((a) => a.groupName ?? a.groupId).join(', ')} (
                  {assignments.length} assignment{assignments.length === 1 ? '' : 's'});
                </li>
              ) : null}
              <li>Security Copilot and every portal reached through it, for every analyst.</li>
            </ul>
            <Text>It cannot be undone: a new relationship needs the customer&apos;s approval again.</Text>
            <Field label={`Type "${expected}" to confirm`}>
              <Input
                value={typed}
                onChange={(_, d) => setTyped(d.value)}
                aria-label="Customer name to confirm"
              />
            </Field>
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error.message}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={!matches || sending} onClick={() => void terminate()}>
              {sending ? 'Terminating…' : 'Terminate'}
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
