import {
  Button,
  Combobox,
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
  Option,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { CommandError } from '../../../../shared/contract/contract';
import type { PartnerUser } from '../../../../shared/gdap/gdap-contract';
import { checkGuestEmail, type InviteResult } from '../../../../shared/guests/guests';
import { MAX_INVITE_MESSAGE } from '../../../../shared/guests/guests-contract';
import { invoke } from '../../app/bridge/bridge';
import { defaultEndDate, GrantFields, grantOf, type GrantChoice } from './GrantFields';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/**
 * Invites one of the partner's analysts as a guest of the customer, optionally with Security Reader
 * or Security Operator (permanent, or until a date through PIM). The address is checked as Entra
 * checks it while it is typed; the answer (with the link to accept) is shown by the caller.
 */
export function InviteDialog({
  tenantId,
  customerName,
  onClose,
  onDone,
}: {
  readonly tenantId: string;
  readonly customerName: string;
  readonly onClose: () => void;
  readonly onDone: (result: InviteResult) => void;
}) {
  const styles = useStyles();
  const [search, setSearch] = useState('');
  const [users, setUsers] = useState<ReadonlyArray<PartnerUser>>([]);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [message, setMessage] = useState('');
  const [choice, setChoice] = useState<GrantChoice>({
    role: 'securityReader',
    kind: 'active',
    endDate: defaultEndDate(),
  });
  const [error, setError] = useState<CommandError | undefined>();
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let live = true;
    void invoke('gdap.partnerUsers', { search }).then((r) => live && r.ok && setUsers(r.value));
    return () => {
      live = false;
    };
  }, [search]);

  const checked = email.trim() === '' ? undefined : checkGuestEmail(email);

  async function send() {
    setSending(true);
    setError(undefined);
    const result = await invoke('guests.invite', {
      tenantId,
      email,
      ...(displayName.trim() !== '' ? { displayName } : {}),
      ...(message.trim() !== '' ? { message } : {}),
      ...(choice.role !== '' ? { role: choice.role, grant: grantOf(choice) } : {}),
    });
    setSending(false);
    if (!result.ok) return setError(result.error);
    onDone(result.value);
  }

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-label="Invite an analyst as a guest">
        <DialogBody>
          <DialogTitle>Invite an analyst to {customerName}</DialogTitle>
          <DialogContent className={styles.content}>
            <Field
              label="Analyst"
              hint="Someone in your partner tenant; their sign-in address becomes the guest's email."
            >
              <Combobox
                placeholder="Type a name to find an analyst"
                freeform
                value={search}
                onChange={(e) => setSearch((e.target as HTMLInputElement).value)}
                onOptionSelect={(_, d) => {
                  const u = users.find((x) => x.id === d.optionValue);
                  if (!u) return;
                  setSearch(u.displayName);
                  setEmail(u.userPrincipalName);
                  setDisplayName(u.displayName);
                }}
              >
                {users.map((u) => (
                  <Option key={u.id} value={u.id} text={u.displayName}>
                    {u.displayName} ({u.userPrincipalName})
                  </Option>
                ))}
              </Combobox>
            </Field>
            <Field
              label="Email address"
              required
              validationState={checked && !checked.ok ? 'error' : 'none'}
              validationMessage={checked && !checked.ok ? checked.message : undefined}
            >
              <Input value={email} onChange={(_, d) => setEmail(d.value)} placeholder="ada@contosomssp.com" />
            </Field>
            <Field label="Display name in the customer's directory">
              <Input value={displayName} onChange={(_, d) => setDisplayName(d.value)} />
            </Field>
            <GrantFields choice={choice} onChange={setChoice} allowNone />
            <Field
              label="Message (optional)"
              hint="With a message, Microsoft also emails the invitation; without, only the link below is given."
            >
              <Textarea
                value={message}
                maxLength={MAX_INVITE_MESSAGE}
                onChange={(_, d) => setMessage(d.value)}
              />
            </Field>
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
              disabled={
                sending ||
                !checked?.ok ||
                (choice.role !== '' && choice.kind !== 'permanent' && choice.endDate === '')
              }
              onClick={() => void send()}
            >
              {sending ? 'Inviting…' : 'Invite'}
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
