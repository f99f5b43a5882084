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
  mergeClasses,
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
  type TenantInformation,
} from '../../../../shared/customers/customer';
import { parseDomainName, parsePastedTenantId } from '../../../../shared/platform/tenant-id';
import { invoke } from '../../app/bridge/bridge';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  nowrap: { whiteSpace: 'nowrap', flexShrink: 0 },
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
 * Add or edit a customer by hand. The same schema main uses checks every field (main checks again).
 * The tenant box takes a tenant ID (also in braces or inside a portal URL) or a domain: for a domain,
 * Switchboard finds the tenant through Microsoft Graph and shows its name and ID to confirm before
 * anything is saved. Nothing typed is lost on an error: the dialog stays open with the values and the
 * message.
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
  /** The tenant found from a domain, waiting for the person to confirm it. */
  const [found, setFound] = useState<TenantInformation | undefined>();
  const [finding, setFinding] = useState(false);

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

  /** A domain in the tenant box: find its tenant and ask the person to confirm it. */
  async function findTenant(domain: string): Promise<void> {
    setFinding(true);
    const result = await invoke('customers.findTenant', { domain });
    setFinding(false);
    if (!result.ok) {
      setErrors({ tenantId: result.error.issues?.[0]?.message ?? result.error.message });
      return;
    }
    setErrors({});
    setFound(result.value);
  }

  async function confirmFound(tenant: TenantInformation): Promise<void> {
    const name = displayName.trim() === '' ? (tenant.displayName ?? '') : displayName;
    setDisplayName(name);
    setTenantId(tenant.tenantId);
    setFound(undefined);
    await save({ ...draft(), displayName: name, tenantId: tenant.tenantId });
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setFormError(undefined);
    if (found) return confirmFound(found);
    if (!parsePastedTenantId(tenantId).ok) {
      const domain = parseDomainName(tenantId);
      if (domain.ok) return findTenant(domain.value);
    }
    await save(draft());
  }

  async function save(values: CustomerDraftInput): Promise<void> {
    const checked = customerDraftSchema.safeParse(values);
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
    const error = await onSave({ ...values, tenantId: checked.data.tenantId });
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
              {found && (
                <FoundTenant
                  tenant={found}
                  name={displayName.trim() === '' ? (found.displayName ?? '') : displayName.trim()}
                />
              )}
              {!found && formError && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{formError}</MessageBarBody>
                </MessageBar>
              )}
              {!found && (
                <>
                  <Field label="Customer name" required validationMessage={errors.displayName}>
                    <Input
                      value={displayName}
                      onChange={(_, d) => setDisplayName(d.value)}
                      name="displayName"
                      autoFocus
                    />
                  </Field>
                  <Field
                    label="Tenant ID or domain"
                    required
                    validationMessage={errors.tenantId}
                    hint={
                      errors.tenantId
                        ? undefined
                        : 'The customer’s Entra tenant ID (72f988bf-86f1-41af-91ab-2d7cd011db47), or a domain it uses (contoso.com): Switchboard finds the tenant for you to confirm.'
                    }
                  >
                    <Input
                      value={tenantId}
                      onChange={(_, d) => setTenantId(d.value)}
                      onBlur={() => {
                        // A GUID pasted in braces or inside a portal URL is shown as the bare GUID it is.
                        const pasted = parsePastedTenantId(tenantId);
                        if (pasted.ok && pasted.value !== tenantId) setTenantId(pasted.value);
                      }}
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
                  <Field
                    label="Tags"
                    hint="Comma-separated, e.g. retail, tier-1"
                    validationMessage={errors.tags}
                  >
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
                </>
              )}
            </DialogContent>
            <DialogActions>
              {found ? (
                <>
                  <Button
                    appearance="secondary"
                    className={styles.nowrap}
                    onClick={() => setFound(undefined)}
                    type="button"
                  >
                    Not this tenant
                  </Button>
                  <Button appearance="primary" type="submit" className={styles.nowrap} disabled={saving}>
                    {customer ? 'Use this tenant' : 'Add this customer'}
                  </Button>
                </>
              ) : (
                <>
                  <Button appearance="secondary" onClick={onCancel} type="button">
                    Cancel
                  </Button>
                  <Button appearance="primary" type="submit" disabled={saving || finding}>
                    {finding
                      ? 'Finding the tenant…'
                      : parseDomainName(tenantId).ok && !parsePastedTenantId(tenantId).ok
                        ? 'Find tenant'
                        : customer
                          ? 'Save changes'
                          : 'Add customer'}
                  </Button>
                </>
              )}
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

/** The tenant a domain belongs to, as Microsoft Graph named it, for the person to confirm. */
function FoundTenant({ tenant, name }: { readonly tenant: TenantInformation; readonly name: string }) {
  const styles = useStyles();
  return (
    <section aria-label="Tenant found" className={styles.form}>
      <MessageBar intent="info">
        <MessageBarBody>
          Microsoft Entra says {tenant.domain} belongs to this tenant. Check it is your customer before you
          add it: Switchboard launches into exactly this tenant.
        </MessageBarBody>
      </MessageBar>
      <dl className={styles.facts}>
        <dt className={styles.term}>Tenant name</dt>
        <dd className={styles.value}>{tenant.displayName ?? 'Microsoft shows no name for this tenant'}</dd>
        <dt className={styles.term}>Tenant ID</dt>
        <dd className={mergeClasses(styles.value, styles.mono)}>{tenant.tenantId}</dd>
        {tenant.defaultDomainName !== null && (
          <>
            <dt className={styles.term}>Default domain</dt>
            <dd className={styles.value}>{tenant.defaultDomainName}</dd>
          </>
        )}
        <dt className={styles.term}>Added as</dt>
        <dd className={styles.value}>{name === '' ? 'Type a customer name first' : name}</dd>
      </dl>
    </section>
  );
}
