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
  Radio,
  RadioGroup,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import {
  ACCESS_PATH_HELP,
  ACCESS_PATH_LABEL,
  CHOOSABLE_ACCESS_PATHS,
  type ChoosableAccessPath,
} from '../../../../shared/customers/access-path';
import type { CommandError } from '../../../../shared/contract/contract';
import {
  customerDraftSchema,
  type Customer,
  type CustomerDraftInput,
} from '../../../../shared/customers/customer';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

type FieldName = 'displayName' | 'tenantId' | 'accessPath' | 'tags' | 'notes';

interface Props {
  readonly open: boolean;
  /** The customer being edited; absent when adding one. */
  readonly customer?: Customer;
  readonly onCancel: () => void;
  /** Saves; resolves to the error to show, or undefined when saved. */
  readonly onSave: (draft: CustomerDraftInput) => Promise<CommandError | undefined>;
}

/**
 * Add or edit a customer by hand. The same schema main uses checks every field as the person types
 * (so a domain in the tenant ID box is explained before anything is sent); main checks again.
 * Nothing typed is lost on an error: the dialog stays open with the values and the message.
 */
export function CustomerFormDialog({ open, customer, onCancel, onSave }: Props) {
  const styles = useStyles();
  const [displayName, setDisplayName] = useState(customer?.displayName ?? '');
  const [tenantId, setTenantId] = useState<string>(customer?.tenantId ?? '');
  const [accessPath, setAccessPath] = useState<ChoosableAccessPath | ''>(
    customer && customer.accessPath !== 'none' ? customer.accessPath : '',
  );
  const [tags, setTags] = useState(customer?.tags.join(', ') ?? '');
  const [notes, setNotes] = useState(customer?.notes ?? '');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  const draft = (): CustomerDraftInput => ({
    displayName,
    tenantId,
    accessPath: accessPath as ChoosableAccessPath,
    tags: tags
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
    notes,
  });

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setFormError(undefined);
    const checked = customerDraftSchema.safeParse(draft());
    if (!checked.success) {
      const found: Partial<Record<FieldName, string>> = {};
      for (const issue of checked.error.issues) {
        const field = String(issue.path[0] ?? 'displayName') as FieldName;
        found[field] ??= issue.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setSaving(true);
    const error = await onSave(draft());
    setSaving(false);
    if (!error) return;
    const fieldErrors: Partial<Record<FieldName, string>> = {};
    for (const issue of error.issues ?? [])
      fieldErrors[issue.field.split('.').pop() as FieldName] = issue.message;
    setErrors(fieldErrors);
    if (Object.keys(fieldErrors).length === 0 || error.code !== 'invalid_input') setFormError(error.message);
  }

  const title = customer ? `Edit ${customer.displayName}` : 'Add a customer';
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onCancel()} modalType="modal">
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={styles.form}>
              {formError && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{formError}</MessageBarBody>
                </MessageBar>
              )}
              <Field label="Customer name" required validationMessage={errors.displayName}>
                <Input
                  value={displayName}
                  onChange={(_, d) => setDisplayName(d.value)}
                  name="displayName"
                  autoFocus
                />
              </Field>
              <Field
                label="Tenant ID"
                required
                validationMessage={errors.tenantId}
                hint={
                  errors.tenantId
                    ? undefined
                    : 'The customer’s Entra tenant GUID, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47'
                }
              >
                <Input
                  value={tenantId}
                  onChange={(_, d) => setTenantId(d.value)}
                  name="tenantId"
                  spellCheck={false}
                  autoComplete="off"
                />
              </Field>
              <Field label="How you reach this customer" required validationMessage={errors.accessPath}>
                <RadioGroup
                  value={accessPath}
                  onChange={(_, d) => setAccessPath(d.value as ChoosableAccessPath)}
                  name="accessPath"
                >
                  {CHOOSABLE_ACCESS_PATHS.map((p) => (
                    <Radio key={p} value={p} label={`${ACCESS_PATH_LABEL[p]}: ${ACCESS_PATH_HELP[p]}`} />
                  ))}
                </RadioGroup>
              </Field>
              <Field label="Tags" hint="Comma-separated, e.g. retail, tier-1" validationMessage={errors.tags}>
                <Input value={tags} onChange={(_, d) => setTags(d.value)} name="tags" />
              </Field>
              <Field label="Notes" validationMessage={errors.notes}>
                <Textarea
                  value={notes}
                  onChange={(_, d) => setNotes(d.value)}
                  name="notes"
                  resize="vertical"
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onCancel} type="button">
                Cancel
              </Button>
              <Button appearance="primary" type="submit" disabled={saving}>
                {customer ? 'Save changes' : 'Add customer'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
