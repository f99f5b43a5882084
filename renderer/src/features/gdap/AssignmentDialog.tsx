import {
  Button,
  Caption1,
  Label,
  Checkbox,
  Combobox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  tokens,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { CommandError } from '../../../../shared/contract/contract';
import type { DirectoryRelationship } from '../../../../shared/directory/directory';
import type { PartnerGroup, RelationshipDetails } from '../../../../shared/gdap/gdap-contract';
import { roleName } from '../../../../shared/gdap/roles';
import { invoke } from '../../app/bridge/bridge';
import { useCommand } from '../../app/bridge/use-command';
import { CommandErrorBar } from '../../components/CommandError';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  id: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

export type AssignmentEdit = {
  readonly id: string;
  readonly etag: string;
  readonly groupName: string;
  readonly roleIds: ReadonlyArray<string>;
};

/**
 * Maps a partner security group to roles of the relationship (or edits an existing mapping's roles).
 * Partner Center's AdminAgents, HelpdeskAgents and SalesAgents cannot be chosen.
 */
export function AssignmentDialog({
  relationship,
  editing,
  onClose,
  onDone,
}: {
  readonly relationship: DirectoryRelationship;
  readonly editing: AssignmentEdit | null;
  readonly onClose: () => void;
  readonly onDone: (details: RelationshipDetails) => void;
}) {
  const styles = useStyles();
  // One id per role checkbox (a Field gives all its controls one id otherwise).
  const roleIdBase = useId();
  const [search, setSearch] = useState('');
  // Groups matching what is typed (not needed when editing an assignment's roles).
  const groupRead = useCommand('gdap.partnerGroups', { search }, { enabled: !editing });
  const groups: ReadonlyArray<PartnerGroup> = groupRead.data ?? [];
  const [group, setGroup] = useState<PartnerGroup | undefined>();
  const [roleIds, setRoleIds] = useState<string[]>(editing ? [...editing.roleIds] : []);
  const [error, setError] = useState<CommandError | undefined>();
  const [sending, setSending] = useState(false);

  async function save() {
    setSending(true);
    setError(undefined);
    const result = editing
      ? await invoke('gdap.updateAssignment', {
          relationshipId: relationship.id,
          assignmentId: editing.id,
          etag: editing.etag,
          roleIds,
        })
      : await invoke('gdap.addAssignment', {
          relationshipId: relationship.id,
          groupId: group?.id ?? '',
          roleIds,
        });
    setSending(false);
    if (!result.ok) return setError(result.error);
    onDone(result.value);
  }

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label={editing ? 'Edit access assignment' : 'Add access assignment'}>
        <DialogBody>
          <DialogTitle>
            {editing ? `Roles of ${editing.groupName}` : 'Assign a partner security group'} in &quot;
            {relationship.displayName}&quot;
          </DialogTitle>
          <DialogContent className={styles.content}>
            {!editing && (
              <Field
                label="Partner security group"
                hint="Groups of your partner tenant. AdminAgents, HelpdeskAgents and SalesAgents cannot hold GDAP roles."
              >
                <Combobox
                  placeholder="Type to find a group by name"
                  freeform
                  value={group ? group.displayName : search}
                  onChange={(e) => {
                    setGroup(undefined);
                    setSearch((e.target as HTMLInputElement).value);
                  }}
                  onOptionSelect={(_, d) => setGroup(groups.find((g) => g.id === d.optionValue))}
                >
                  {groups.map((g) => (
                    <Option key={g.id} value={g.id} text={g.displayName} disabled={g.reserved}>
                      {g.displayName}
                      {g.reserved ? ' (reserved by Partner Center)' : ''}
                    </Option>
                  ))}
                </Combobox>
              </Field>
            )}
            {!editing && groupRead.error && (
              <CommandErrorBar
                error={groupRead.error}
                title="Could not read your partner groups"
                retrying={groupRead.loading}
                onRetry={() => void groupRead.reload()}
              />
            )}
            {/* Not a Field: a Field gives every control inside it its own label and one id. */}
            <div role="group" aria-labelledby={`${roleIdBase}-label`} aria-describedby={`${roleIdBase}-hint`}>
              <Label id={`${roleIdBase}-label`} weight="semibold">
                Roles (only this relationship&apos;s roles)
              </Label>
              <Caption1 id={`${roleIdBase}-hint`} block>
                One role per group is recommended: it keeps who-has-what readable and each group easy to
                review.
              </Caption1>
              <div aria-label="Roles to assign">
                {relationship.roleIds.map((id) => (
                  <Checkbox
                    key={id}
                    id={`${roleIdBase}-${id}`}
                    checked={roleIds.includes(id)}
                    onChange={(_, d) =>
                      setRoleIds((ids) => (d.checked ? [...ids, id] : ids.filter((x) => x !== id)))
                    }
                    label={
                      <span>
                        {roleName(id)} <span className={styles.id}>{id.slice(0, 8)}…</span>
                      </span>
                    }
                  />
                ))}
              </div>
            </div>
            {roleIds.length > 1 && (
              <Caption1 className={styles.warn}>
                More than one role for one group: consider one group per role instead.
              </Caption1>
            )}
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error.message}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={sending || roleIds.length === 0 || (!editing && !group)}
              onClick={() => void save()}
            >
              {sending ? 'Saving…' : editing ? 'Save roles' : 'Assign'}
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
