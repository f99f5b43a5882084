import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Label,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  Subtitle1,
  tokens,
} from '@fluentui/react-components';
import { Add20Regular } from '@fluentui/react-icons';
import { useState, type FormEvent } from 'react';
import type { CommandError } from '../../../../shared/contract/contract';
import { RELATIONSHIP_LIMITS } from '../../../../shared/gdap/gdap';
import { BUILT_IN_TEMPLATES, checkRoleTemplate, type RoleTemplate } from '../../../../shared/gdap/gdap-draft';
import { DIRECTORY_ROLES, roleName } from '../../../../shared/gdap/roles';
import { invoke } from '../../app/bridge/bridge';
import { useCommand } from '../../app/bridge/use-command';
import { CommandErrorBar } from '../../components/CommandError';
import { useTabPageStyles } from '../../components/tab-page-styles';

type ListedTemplate = RoleTemplate & { readonly builtIn: boolean };

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3 },
  name: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalS },
  roles: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalXXS },
  colRoles: { width: '38%' },
  colNarrow: { width: '110px' },
  colActions: { width: '200px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  checklist: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    maxHeight: '300px',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
  },
  duration: { maxWidth: '160px' },
  error: { color: tokens.colorPaletteRedForeground1, marginTop: tokens.spacingVerticalXXS },
  surface: { maxWidth: '760px', width: '100%' },
});

/** The built-in as shipped, when a template is (an edit of) one. */
const shipped = (id: string) => BUILT_IN_TEMPLATES.find((t) => t.id === id);

function isEdited(t: ListedTemplate): boolean {
  const original = shipped(t.id);
  if (!t.builtIn || !original) return false;
  return (
    original.name !== t.name ||
    original.description !== t.description ||
    original.durationDays !== t.durationDays ||
    original.autoExtend !== t.autoExtend ||
    original.roleIds.length !== t.roleIds.length ||
    original.roleIds.some((id) => !t.roleIds.includes(id))
  );
}

/** A new template's ID: the name as a slug, and a random suffix so two of the same name never clash. */
function newTemplateId(name: string): string {
  const slug =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'template';
  return `${slug}-${crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36)}`;
}

/**
 * The role templates relationships are created from: the built-ins Switchboard ships (least privilege
 * for Security Copilot first) and the partner's own, kept on this computer. Roles are shown by name
 * with their template IDs, as Partner Center and Graph name them.
 */
export function TemplatesView() {
  const styles = { ...useTabPageStyles(), ...useStyles() };
  const read = useCommand('gdap.templates', {});
  const templates = read.data;
  const [error, setError] = useState<CommandError | undefined>();
  const [editing, setEditing] = useState<RoleTemplate | 'new' | undefined>();
  const [removing, setRemoving] = useState<ListedTemplate | undefined>();

  async function remove(t: ListedTemplate) {
    setRemoving(undefined);
    const result = await invoke('gdap.resetTemplate', { id: t.id });
    if (result.ok) {
      read.replace(result.value);
      setError(undefined);
    } else setError(result.error);
  }

  return (
    <section className={styles.page} aria-labelledby="templates-title">
      <div className={styles.head}>
        <Subtitle1 as="h2" id="templates-title" className={styles.title}>
          Role templates
        </Subtitle1>
        <span className={styles.spacer} />
        <Button appearance="primary" icon={<Add20Regular />} onClick={() => setEditing('new')}>
          New template
        </Button>
      </div>
      <Text className={styles.muted}>
        New relationships start from a template. Give each group the least privilege it needs: Security Reader
        is enough to use Security Copilot. Templates are kept on this computer.
      </Text>
      {error && <CommandErrorBar error={error} title="The template was not changed" />}
      {read.error && (
        <CommandErrorBar
          error={read.error}
          title="Could not read the templates"
          retrying={read.loading}
          onRetry={() => void read.reload()}
        />
      )}
      {templates === undefined ? (
        !read.error && <Spinner label="Reading templates…" />
      ) : (
        <Table aria-label="Role templates">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Template</TableHeaderCell>
              <TableHeaderCell className={styles.colRoles}>Roles</TableHeaderCell>
              <TableHeaderCell className={styles.colNarrow}>Duration</TableHeaderCell>
              <TableHeaderCell className={styles.colNarrow}>Auto-extend</TableHeaderCell>
              <TableHeaderCell className={styles.colActions}>
                <span className="visually-hidden">Actions</span>
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {templates.map((t) => {
              const edited = isEdited(t);
              return (
                <TableRow key={t.id} data-template={t.id}>
                  <TableCell className={styles.cell}>
                    <span className={styles.name}>{t.name}</span>
                    <Badge
                      appearance="outline"
                      color={t.builtIn ? (edited ? 'warning' : 'brand') : 'informative'}
                    >
                      {t.builtIn ? (edited ? 'Built-in, edited' : 'Built-in') : 'Yours'}
                    </Badge>
                    <Caption1 className={styles.muted} block>
                      {t.description}
                    </Caption1>
                  </TableCell>
                  <TableCell className={styles.cell}>
                    <ul className={styles.roles} aria-label={`Roles of ${t.name}`}>
                      {t.roleIds.map((id) => (
                        <li key={id}>
                          <Text size={300}>{roleName(id)}</Text>{' '}
                          <Caption1 className={styles.mono}>{id}</Caption1>
                        </li>
                      ))}
                    </ul>
                  </TableCell>
                  <TableCell className={styles.cell}>{t.durationDays} days</TableCell>
                  <TableCell className={styles.cell}>{t.autoExtend ? '180 days' : 'Off'}</TableCell>
                  <TableCell className={styles.cell}>
                    <div className={styles.actions}>
                      <Button size="small" aria-label={`Edit ${t.name}`} onClick={() => setEditing(t)}>
                        Edit
                      </Button>
                      {(edited || !t.builtIn) && (
                        <Button size="small" appearance="subtle" onClick={() => setRemoving(t)}>
                          {t.builtIn ? 'Reset to built-in' : 'Delete'}
                        </Button>
                      )}
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}

      {editing !== undefined && (
        <TemplateDialog
          template={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={(next) => {
            read.replace(next);
            setEditing(undefined);
          }}
        />
      )}
      {removing && (
        <Dialog open modalType="alert" onOpenChange={(_, d) => !d.open && setRemoving(undefined)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>
                {removing.builtIn
                  ? `Reset “${removing.name}” to the built-in?`
                  : `Delete “${removing.name}”?`}
              </DialogTitle>
              <DialogContent>
                {removing.builtIn
                  ? `Your changes are discarded and the template is again “${shipped(removing.id)?.name}” as Switchboard ships it.`
                  : 'The template is deleted from this computer. Relationships created from it are not changed.'}
              </DialogContent>
              <DialogActions>
                <Button onClick={() => setRemoving(undefined)}>Cancel</Button>
                <Button appearance="primary" onClick={() => void remove(removing)}>
                  {removing.builtIn ? 'Reset to built-in' : 'Delete'}
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </section>
  );
}

type FieldName = 'name' | 'description' | 'roleIds' | 'durationDays' | 'autoExtend' | 'form';

function TemplateDialog({
  template,
  onClose,
  onSaved,
}: {
  readonly template: RoleTemplate | undefined;
  readonly onClose: () => void;
  readonly onSaved: (templates: ReadonlyArray<ListedTemplate>) => void;
}) {
  const styles = { ...useTabPageStyles(), ...useStyles() };
  const [name, setName] = useState(template?.name ?? '');
  const [description, setDescription] = useState(template?.description ?? '');
  const [roleIds, setRoleIds] = useState<ReadonlyArray<string>>(template?.roleIds ?? []);
  const [duration, setDuration] = useState(
    String(template?.durationDays ?? RELATIONSHIP_LIMITS.maxDurationDays),
  );
  const [autoExtend, setAutoExtend] = useState(template?.autoExtend ?? true);
  const [serverErrors, setServerErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [saving, setSaving] = useState(false);

  // An empty box is no number (Number('') would be 0, a different complaint).
  const days = duration.trim() === '' ? Number.NaN : Number(duration);
  const draft = {
    // A new template gets its ID when it is saved.
    id: template?.id ?? 'new',
    name: name.trim(),
    description: description.trim(),
    roleIds: [...roleIds],
    durationDays: days,
    autoExtend,
  };
  // Checked as the user types with the schema main checks again (roleTemplateSchema in gdap-draft.ts),
  // so Save never sends what main refuses, and both say it the same way.
  const clientErrors: Partial<Record<FieldName, string>> = checkRoleTemplate(draft);
  const errors = { ...serverErrors, ...clientErrors };
  const blocking = Object.keys(clientErrors).length > 0;

  const clear = (field: FieldName) =>
    setServerErrors((e) => {
      const { [field]: _gone, form: _form, ...rest } = e;
      return rest;
    });

  async function save(event: FormEvent) {
    event.preventDefault();
    if (blocking) return;
    setSaving(true);
    const result = await invoke('gdap.saveTemplate', { ...draft, id: template?.id ?? newTemplateId(name) });
    setSaving(false);
    if (result.ok) return onSaved(result.value);
    const next: Partial<Record<FieldName, string>> = { form: result.error.message };
    for (const issue of result.error.issues ?? []) {
      const field = issue.field.split('.')[0] as FieldName;
      next[field] = next[field] && field !== 'form' ? `${next[field]} ${issue.message}` : issue.message;
    }
    setServerErrors(next);
  }

  const toggleRole = (id: string, on: boolean) => {
    clear('roleIds');
    clear('autoExtend');
    setRoleIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));
  };

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface className={styles.surface}>
        <form onSubmit={(e) => void save(e)} noValidate>
          <DialogBody>
            <DialogTitle>{template ? `Edit “${template.name}”` : 'New role template'}</DialogTitle>
            <DialogContent className={styles.form}>
              <Field label="Name" required validationMessage={errors.name}>
                <Input
                  value={name}
                  onChange={(_, d) => {
                    clear('name');
                    setName(d.value);
                  }}
                />
              </Field>
              <Field label="Description" validationMessage={errors.description}>
                <Textarea
                  value={description}
                  resize="vertical"
                  onChange={(_, d) => {
                    clear('description');
                    setDescription(d.value);
                  }}
                />
              </Field>
              {/* A group, not a Field: a Field would give every checkbox in it the same ID and label. */}
              <div role="group" aria-labelledby="template-roles-label" aria-describedby="template-roles-hint">
                <Label id="template-roles-label" required weight="semibold">
                  Roles
                </Label>
                <Caption1 id="template-roles-hint" className={styles.muted} block>
                  By name, with the template ID Graph and Partner Center use.
                </Caption1>
                <div className={styles.checklist}>
                  {DIRECTORY_ROLES.map((role) => (
                    <Checkbox
                      key={role.id}
                      checked={roleIds.includes(role.id)}
                      onChange={(_, d) => toggleRole(role.id, d.checked === true)}
                      label={
                        <>
                          {role.displayName}
                          <Caption1 className={styles.mono} block>
                            {role.id}
                          </Caption1>
                        </>
                      }
                    />
                  ))}
                </div>
                {errors.roleIds && (
                  <Text role="alert" size={200} className={styles.error} block>
                    {errors.roleIds}
                  </Text>
                )}
              </div>
              <Field
                label="Duration (days)"
                required
                hint={`1 to ${RELATIONSHIP_LIMITS.maxDurationDays} days.`}
                validationMessage={errors.durationDays}
              >
                <Input
                  className={styles.duration}
                  type="number"
                  min={RELATIONSHIP_LIMITS.minDurationDays}
                  max={RELATIONSHIP_LIMITS.maxDurationDays}
                  step={1}
                  value={duration}
                  onChange={(_, d) => {
                    clear('durationDays');
                    setDuration(d.value);
                  }}
                />
              </Field>
              <Field
                validationMessage={errors.autoExtend}
                validationState={errors.autoExtend ? 'error' : 'none'}
              >
                <Switch
                  label="Auto-extend by 180 days at the end date"
                  checked={autoExtend}
                  onChange={(_, d) => {
                    clear('autoExtend');
                    setAutoExtend(d.checked);
                  }}
                />
              </Field>
              {errors.form && (
                <MessageBar intent="error">
                  <MessageBarBody>{errors.form}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={onClose}>Cancel</Button>
              <Button type="submit" appearance="primary" disabled={blocking || saving}>
                {saving ? 'Saving…' : 'Save template'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
