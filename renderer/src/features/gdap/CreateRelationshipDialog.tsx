import {
  Button,
  Caption1,
  Label,
  Text,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  Switch,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import type { CommandError } from '../../../../shared/contract/contract';
import type { DirectoryRelationship } from '../../../../shared/directory/directory';
import {
  checkRelationshipDraft,
  parseDurationInput,
  type RoleTemplate,
} from '../../../../shared/gdap/gdap-draft';
import { DAY_MS, formatDate } from '../../../../shared/platform/time';
import { RELATIONSHIP_LIMITS } from '../../../../shared/gdap/gdap';
import { DIRECTORY_ROLES } from '../../../../shared/gdap/roles';
import { invoke } from '../../app/bridge/bridge';
import { useCommand } from '../../app/bridge/use-command';
import { CommandErrorBar } from '../../components/CommandError';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  roles: {
    display: 'grid',
    gridTemplateColumns: '1fr 1fr',
    maxHeight: '220px',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
  },
  id: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end' },
});

type Template = RoleTemplate & { builtIn: boolean };

/**
 * A new GDAP relationship from a role template. Every Microsoft rule is checked as the user types
 * (the same check main runs before sending); nothing is sent until it passes.
 */
export function CreateRelationshipDialog({
  customer,
  onClose,
  onCreated,
}: {
  /** null: a relationship without a customer tenant (any customer may approve it). */
  readonly customer: { readonly tenantId: string; readonly displayName: string } | null;
  readonly onClose: () => void;
  readonly onCreated: (relationship: DirectoryRelationship) => void;
}) {
  const styles = useStyles();
  const templateRead = useCommand('gdap.templates', {});
  const templates = templateRead.data ?? [];
  // Each role checkbox needs its own id: inside a Field every control would otherwise get the
  // Field's one id, and every label would tick the first box.
  const roleIdBase = useId();
  const [templateId, setTemplateId] = useState('copilot-analyst');
  const [name, setName] = useState(customer ? `${customer.displayName.slice(0, 30)} - Security Copilot` : '');
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const [durationText, setDurationText] = useState('730');
  const duration = parseDurationInput(durationText);
  const durationDays = duration.ok ? duration.days : Number.NaN;
  const [autoExtend, setAutoExtend] = useState(true);
  const [error, setError] = useState<CommandError | undefined>();
  const [sending, setSending] = useState(false);

  // The first answer fills the form from the least-privilege template (later ones leave it alone).
  const [applied, setApplied] = useState(false);
  useEffect(() => {
    const list = templateRead.data;
    if (applied || !list) return;
    setApplied(true);
    const first = list.find((t) => t.id === 'copilot-analyst') ?? list[0];
    if (first) apply(first);
  }, [templateRead.data, applied]);

  function apply(t: Template) {
    setTemplateId(t.id);
    setRoleIds([...t.roleIds]);
    setDurationText(String(t.durationDays));
    setAutoExtend(t.autoExtend);
  }

  const draft = {
    displayName: name,
    customerTenantId: customer?.tenantId ?? null,
    roleIds,
    durationDays,
    autoExtend,
  };
  // Names are checked for uniqueness by main against Graph; here, every other rule as the user types.
  const issues = checkRelationshipDraft(draft, []);
  const issueFor = (field: string) =>
    (field === 'durationDays' && !duration.ok ? duration.message : undefined) ??
    issues.find((i) => i.field === field)?.message ??
    error?.issues?.find((i) => i.field === field)?.message;

  async function create() {
    setSending(true);
    setError(undefined);
    const result = await invoke('gdap.create', draft);
    setSending(false);
    if (!result.ok) return setError(result.error);
    onCreated(result.value);
  }

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label="New GDAP relationship">
        <DialogBody>
          <DialogTitle>
            New GDAP relationship{customer ? ` with ${customer.displayName}` : ' (any customer may approve)'}
          </DialogTitle>
          <DialogContent className={styles.content}>
            {!customer && (
              <Caption1>
                Without a customer tenant, whichever customer&apos;s Global Administrator opens the approval
                link approves it. Microsoft allows this; Switchboard marks it as an open offer until then.
              </Caption1>
            )}
            <Field label="Role template">
              <Dropdown
                value={templates.find((t) => t.id === templateId)?.name ?? ''}
                selectedOptions={[templateId]}
                onOptionSelect={(_, d) => {
                  const t = templates.find((x) => x.id === d.optionValue);
                  if (t) apply(t);
                }}
              >
                {templates.map((t) => (
                  <Option key={t.id} value={t.id} text={t.name}>
                    {t.name}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            {templateRead.error && (
              <CommandErrorBar
                error={templateRead.error}
                title="Could not read the role templates; choose the roles below"
                retrying={templateRead.loading}
                onRetry={() => void templateRead.reload()}
              />
            )}
            <Field
              label={`Name (at most ${RELATIONSHIP_LIMITS.displayNameMaxLength} characters, unique)`}
              validationMessage={issueFor('displayName')}
            >
              <Input value={name} onChange={(_, d) => setName(d.value)} />
            </Field>
            {/* Not a Field: a Field gives every control inside it its own label and one id. */}
            <div role="group" aria-labelledby={`${roleIdBase}-label`}>
              <Label id={`${roleIdBase}-label`} weight="semibold">
                Roles (by name, with their template IDs)
              </Label>
              <div className={styles.roles}>
                {DIRECTORY_ROLES.map((role) => (
                  <Checkbox
                    key={role.id}
                    id={`${roleIdBase}-${role.id}`}
                    checked={roleIds.includes(role.id)}
                    onChange={(_, d) =>
                      setRoleIds((ids) =>
                        d.checked ? [...ids, role.id] : ids.filter((id) => id !== role.id),
                      )
                    }
                    label={
                      <span title={role.description}>
                        {role.displayName} <span className={styles.id}>{role.id.slice(0, 8)}…</span>
                      </span>
                    }
                  />
                ))}
              </div>
              {issueFor('roleIds') && (
                <Text role="alert" size={200} className={styles.error} block>
                  {issueFor('roleIds')}
                </Text>
              )}
            </div>
            <div className={styles.row}>
              <Field
                label="Duration (days, or ISO 8601 such as P2Y)"
                validationMessage={issueFor('durationDays')}
                validationState={duration.ok ? 'none' : 'error'}
                hint={
                  duration.ok
                    ? `${duration.days} ${duration.days === 1 ? 'day' : 'days'}, ends ${formatDate(new Date(Date.now() + duration.days * DAY_MS))} if approved today`
                    : undefined
                }
              >
                <Input value={durationText} onChange={(_, d) => setDurationText(d.value)} />
              </Field>
              <Field validationMessage={issueFor('autoExtend')}>
                <Switch
                  checked={autoExtend}
                  onChange={(_, d) => setAutoExtend(d.checked)}
                  label="Auto-extend by 180 days"
                />
              </Field>
            </div>
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error.message}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={issues.length > 0 || sending}
              onClick={() => void create()}
            >
              {sending ? 'Creating…' : 'Create relationship'}
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
