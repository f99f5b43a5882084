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
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Subtitle2,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { CommandError } from '../../../../shared/contract/contract';
import type { PartnerUser } from '../../../../shared/gdap/gdap-contract';
import { adminKit } from '../../../../shared/guests/admin-kit';
import {
  describeGrant,
  GUEST_ROLE_LABELS,
  GUEST_ROLES,
  GUEST_STATE_LABELS,
  type CustomerGuests,
  type GuestAccount,
  type GuestRole,
  type GuestRoleGrant,
} from '../../../../shared/guests/guests';
import { pathAdvice } from '../../../../shared/guests/path-advice';
import { COPILOT_PLUGINS } from '../../../../shared/plugins/plugin-catalogue';
import { invoke } from '../../app/bridge/bridge';
import { defaultEndDate, GrantFields, grantOf, type GrantChoice } from './GrantFields';
import { InviteDialog } from './InviteDialog';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  guest: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  link: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, minHeight: '10em' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

const dateOf = (iso: string | null) =>
  iso === null
    ? ''
    : new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A link to copy: shown whole, selectable, with a Copy button. */
function CopyLink({ label, value }: { readonly label: string; readonly value: string }) {
  const styles = useStyles();
  const [copied, setCopied] = useState(false);
  return (
    <Field label={label}>
      <div className={styles.row}>
        <Input className={styles.link} readOnly value={value} aria-label={label} style={{ flexGrow: 1 }} />
        <Button onClick={() => void copy(value).then(setCopied)}>{copied ? 'Copied' : 'Copy'}</Button>
      </div>
    </Field>
  );
}

/**
 * The partner's analysts as B2B guests in this customer: who has a guest account, invited or
 * accepted (and since when), which Security role they hold and until when; invite, change or extend
 * a role, remove a role or the guest. Where the partner's GDAP roles do not allow it, the customer
 * admin's kit instead. Pending invitations are followed until accepted.
 */
export function GuestSection({
  tenantId,
  customerName,
}: {
  readonly tenantId: string;
  readonly customerName: string;
}) {
  const styles = useStyles();
  const [data, setData] = useState<CustomerGuests | undefined>();
  const [error, setError] = useState<CommandError | undefined>();
  const [loading, setLoading] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [said, setSaid] = useState<{ text: string; link: string | null } | undefined>();
  const [changing, setChanging] = useState<GuestAccount | undefined>();
  const [removing, setRemoving] = useState<GuestAccount | undefined>();
  const [kit, setKit] = useState(false);
  const [waitingFor, setWaitingFor] = useState<ReadonlyArray<string>>([]);

  const load = useCallback(async () => {
    setLoading(true);
    const r = await invoke('guests.list', { tenantId });
    setLoading(false);
    if (r.ok) {
      setData(r.value);
      setError(undefined);
    } else setError(r.error);
  }, [tenantId]);

  useEffect(() => {
    setData(undefined);
    setSaid(undefined);
    setWaitingFor([]);
    void load();
  }, [load]);

  // Follow invitations until accepted, and a kit's analysts until their guest accounts appear.
  const pending =
    (data?.guests.some((g) => g.state === 'pendingAcceptance') ?? false) || waitingFor.length > 0;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void load(), 10_000);
    return () => clearInterval(timer);
  }, [pending, load]);
  const appeared = waitingFor.filter((email) =>
    data?.guests.some((g) => g.email.toLowerCase() === email.toLowerCase()),
  );

  const act = async (run: () => ReturnType<typeof invoke<'guests.remove'>>) => {
    const r = await run();
    if (!r.ok) return setError(r.error);
    setData(r.value.guests);
    setError(undefined);
    setSaid({ text: r.value.summary, link: null });
  };

  return (
    <section className={styles.section} aria-label="Guest accounts">
      <div className={styles.head}>
        <Subtitle2>Guest accounts (B2B)</Subtitle2>
        {loading && <Spinner size="extra-tiny" aria-label="Reading guest accounts" />}
        <Button size="small" onClick={() => void load()}>
          Read again
        </Button>
        {data?.permissions.invite ? (
          <Button size="small" appearance="primary" onClick={() => setInviting(true)}>
            Invite an analyst
          </Button>
        ) : (
          data && (
            <Button size="small" onClick={() => setKit(true)}>
              Prepare the customer admin’s kit
            </Button>
          )
        )}
      </div>
      {data && !data.permissions.invite && (
        <Caption1 className={styles.muted}>
          Your GDAP roles here include neither Guest Inviter nor User Administrator, so Switchboard cannot
          invite guests in {customerName}. Its administrator can, with the kit.
        </Caption1>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error.message}</MessageBarBody>
        </MessageBar>
      )}
      {said && (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Done</MessageBarTitle>
            {said.text}
            {said.link && (
              <CopyLink label="Link for the analyst to accept the invitation" value={said.link} />
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {appeared.map((email) => (
        <MessageBar key={email} intent="success">
          <MessageBarBody>
            The guest account for {email} has appeared in {customerName}.
          </MessageBarBody>
        </MessageBar>
      ))}
      {data && (
        <PathChooser
          tenantId={tenantId}
          guests={data}
          onInvite={() => setInviting(true)}
          onKit={() => setKit(true)}
        />
      )}
      {data && data.guests.length === 0 && (
        <Caption1 className={styles.muted}>
          None of your analysts has a guest account in {customerName}.
        </Caption1>
      )}
      {data && data.guests.length > 0 && (
        <ul className={styles.list} aria-label="Guests">
          {data.guests.map((g) => (
            <li key={g.id} className={styles.guest} aria-label={g.displayName}>
              <div className={styles.row}>
                <strong>{g.displayName}</strong>
                <Caption1 className={styles.muted}>{g.email}</Caption1>
                <Badge appearance="tint" color={g.state === 'accepted' ? 'success' : 'warning'}>
                  {GUEST_STATE_LABELS[g.state]}
                  {g.since ? ` since ${dateOf(g.since)}` : ''}
                </Badge>
              </div>
              {g.state === 'pendingAcceptance' && (
                <div className={styles.row}>
                  <Caption1>
                    {g.displayName} must accept the invitation before Security Copilot opens for them in{' '}
                    {customerName}.
                  </Caption1>
                  {data.permissions.invite && (
                    <Button
                      size="small"
                      onClick={() =>
                        void invoke('guests.invite', { tenantId, email: g.email }).then((r) => {
                          if (!r.ok) return setError(r.error);
                          setData(r.value.guests);
                          setSaid({ text: r.value.summary, link: r.value.redeemUrl });
                        })
                      }
                    >
                      Get a fresh link to accept
                    </Button>
                  )}
                </div>
              )}
              {g.roles.length === 0 ? (
                <Caption1 className={styles.muted}>
                  No Security role: Security Copilot will not open for them.
                </Caption1>
              ) : (
                g.roles.map((r: GuestRoleGrant) => (
                  <div key={`${r.role}-${r.kind}`} className={styles.row}>
                    <span>{describeGrant(r)}</span>
                    {data.permissions.assignRoles && (
                      <Button
                        size="small"
                        appearance="subtle"
                        onClick={() =>
                          void act(() =>
                            invoke('guests.removeRole', {
                              tenantId,
                              guestId: g.id,
                              role: r.role,
                              kind: r.kind === 'eligible' ? 'eligible' : 'assigned',
                            }),
                          )
                        }
                      >
                        Remove {GUEST_ROLE_LABELS[r.role]}
                      </Button>
                    )}
                  </div>
                ))
              )}
              <div className={styles.row}>
                {data.permissions.assignRoles && (
                  <Button size="small" onClick={() => setChanging(g)}>
                    Give or extend a role
                  </Button>
                )}
                {data.permissions.removeGuests && (
                  <Button size="small" onClick={() => setRemoving(g)}>
                    Remove guest account
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {inviting && (
        <InviteDialog
          tenantId={tenantId}
          customerName={customerName}
          onClose={() => setInviting(false)}
          onDone={(result) => {
            setInviting(false);
            setData(result.guests);
            setSaid({ text: result.summary, link: result.redeemUrl });
          }}
        />
      )}
      {changing && (
        <RoleDialog
          guest={changing}
          customerName={customerName}
          onClose={() => setChanging(undefined)}
          onSave={async (role, choice) => {
            const r = await invoke('guests.assignRole', {
              tenantId,
              guestId: changing.id,
              role,
              grant: grantOf(choice),
            });
            if (!r.ok) return r.error;
            setChanging(undefined);
            setData(r.value.guests);
            setSaid({ text: r.value.summary, link: null });
            return undefined;
          }}
        />
      )}
      {removing && (
        <Dialog open onOpenChange={(_, d) => !d.open && setRemoving(undefined)}>
          <DialogSurface aria-label="Remove guest account">
            <DialogBody>
              <DialogTitle>Remove {removing.displayName}’s guest account?</DialogTitle>
              <DialogContent>
                {removing.displayName} loses every role in {customerName} with it, and must be invited again
                to come back.
              </DialogContent>
              <DialogActions>
                <Button
                  appearance="primary"
                  onClick={() => {
                    const g = removing;
                    setRemoving(undefined);
                    void act(() => invoke('guests.remove', { tenantId, guestId: g.id }));
                  }}
                >
                  Remove
                </Button>
                <Button onClick={() => setRemoving(undefined)}>Cancel</Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
      {kit && data && (
        <KitDialog
          customerName={customerName}
          redirectUrl={data.redirectUrl}
          onClose={() => setKit(false)}
          onWaitFor={(emails) => setWaitingFor(emails)}
        />
      )}
    </section>
  );
}

function RoleDialog({
  guest,
  customerName,
  onClose,
  onSave,
}: {
  readonly guest: GuestAccount;
  readonly customerName: string;
  readonly onClose: () => void;
  readonly onSave: (role: GuestRole, choice: GrantChoice) => Promise<CommandError | undefined>;
}) {
  const styles = useStyles();
  const first = guest.roles[0];
  const [choice, setChoice] = useState<GrantChoice>({
    role: first?.role ?? 'securityReader',
    kind: first?.kind ?? 'active',
    endDate: defaultEndDate(first?.endDateTime ? 60 : 30),
  });
  const [error, setError] = useState<CommandError | undefined>();
  const [sending, setSending] = useState(false);
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label="Give or extend a role">
        <DialogBody>
          <DialogTitle>
            {guest.displayName} in {customerName}
          </DialogTitle>
          <DialogContent className={styles.content}>
            <Caption1>
              An existing assignment of the same role is changed or extended, never duplicated.
            </Caption1>
            <GrantFields choice={choice} onChange={setChoice} allowNone={false} />
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>
                  {error.issues?.map((i) => i.message).join(' ') || error.message}
                </MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={sending || choice.role === ''}
              onClick={() => {
                setSending(true);
                void onSave(choice.role as GuestRole, choice).then((e) => {
                  setSending(false);
                  setError(e);
                });
              }}
            >
              {sending ? 'Saving…' : 'Save'}
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** The steps and PowerShell for the customer's administrator, filled in for the chosen analysts. */
function KitDialog({
  customerName,
  redirectUrl,
  onClose,
  onWaitFor,
}: {
  readonly customerName: string;
  readonly redirectUrl: string;
  readonly onClose: () => void;
  readonly onWaitFor: (emails: ReadonlyArray<string>) => void;
}) {
  const styles = useStyles();
  const [users, setUsers] = useState<ReadonlyArray<PartnerUser>>([]);
  const [chosen, setChosen] = useState<ReadonlyArray<string>>([]);
  const [role, setRole] = useState<GuestRole>('securityReader');
  useEffect(() => {
    void invoke('gdap.partnerUsers', { search: '' }).then((r) => r.ok && setUsers(r.value));
  }, []);
  const analysts = users
    .filter((u) => chosen.includes(u.id))
    .map((u) => ({ displayName: u.displayName, email: u.userPrincipalName }));
  const kit = adminKit({ customerName, partnerName: 'your MSSP', analysts, role, redirectUrl });
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label="Customer admin's kit">
        <DialogBody>
          <DialogTitle>Kit for {customerName}’s administrator</DialogTitle>
          <DialogContent className={styles.content}>
            <Field label="Analysts">
              <Select
                multiple
                value={[...chosen]}
                onChange={(e) =>
                  setChosen([...(e.target as HTMLSelectElement).selectedOptions].map((o) => o.value))
                }
              >
                {users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName} ({u.userPrincipalName})
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Role">
              <Select value={role} onChange={(_, d) => setRole(d.value as GuestRole)}>
                {GUEST_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {GUEST_ROLE_LABELS[r]}
                  </option>
                ))}
              </Select>
            </Field>
            {analysts.length > 0 && (
              <>
                <Field label="Steps in the Microsoft Entra admin center">
                  <Textarea className={styles.code} readOnly value={kit.steps} resize="vertical" />
                </Field>
                <Button onClick={() => void copy(kit.steps)}>Copy the steps</Button>
                <Field label="The same in Microsoft Graph PowerShell">
                  <Textarea className={styles.code} readOnly value={kit.powershell} resize="vertical" />
                </Field>
                <Button onClick={() => void copy(kit.powershell)}>Copy the PowerShell</Button>
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={analysts.length === 0}
              onClick={() => {
                onWaitFor(analysts.map((a) => a.email));
                onClose();
              }}
            >
              Sent it: watch for the guests
            </Button>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/**
 * GDAP or B2B for this customer: the analyst picks the plugins its analysts need; the advice says
 * which path reaches them and offers the missing step.
 */
function PathChooser({
  tenantId,
  guests,
  onInvite,
  onKit,
}: {
  readonly tenantId: string;
  readonly guests: CustomerGuests;
  readonly onInvite: () => void;
  readonly onKit: () => void;
}) {
  const styles = useStyles();
  const [picked, setPicked] = useState<ReadonlyArray<string>>([]);
  const [hasGdap, setHasGdap] = useState(false);
  useEffect(() => {
    void invoke('directory.customer', { tenantId }).then(
      (r) =>
        r.ok &&
        setHasGdap(
          (r.value?.relationships ?? []).some((x) => x.status === 'active' || x.status === 'expiring'),
        ),
    );
  }, [tenantId]);
  const hasGuests = guests.guests.some((g) => g.state === 'accepted' && g.roles.length > 0);
  const advice = pathAdvice({ pluginIds: picked, hasGdap, hasGuests });
  return (
    <div className={styles.section} role="group" aria-label="Which path for this customer">
      <Caption1>Which plugins do this customer’s analysts need?</Caption1>
      <div className={styles.row}>
        {COPILOT_PLUGINS.map((p) => (
          <Checkbox
            key={p.id}
            label={p.name}
            checked={picked.includes(p.id)}
            onChange={(_, d) => setPicked((x) => (d.checked ? [...x, p.id] : x.filter((y) => y !== p.id)))}
          />
        ))}
      </div>
      {picked.length > 0 && (
        <MessageBar intent={advice.missing.length === 0 ? 'success' : 'info'}>
          <MessageBarBody>
            {advice.text}
            {advice.missing.length === 0
              ? ' Everything needed is in place.'
              : advice.missing.includes('gdap')
                ? ' Missing: an active GDAP relationship (GDAP section above).'
                : ''}
            {advice.missing.includes('guests') && (
              <div className={styles.row}>
                {guests.permissions.invite ? (
                  <Button size="small" onClick={onInvite}>
                    Invite analysts as guests
                  </Button>
                ) : (
                  <Button size="small" onClick={onKit}>
                    Prepare the customer admin’s kit
                  </Button>
                )}
              </div>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
