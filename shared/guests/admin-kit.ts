/**
 * The customer admin's kit, for customers where the partner cannot invite or assign roles itself:
 * the steps of "Grant partners access to Microsoft Copilot for Security" (B2B collaboration, step 1)
 * filled in with each analyst's name and address and the chosen role, and the same as Microsoft Graph
 * PowerShell commands, ready to copy. Pure text: nothing here sends anything.
 */
import { GUEST_ROLE_IDS, GUEST_ROLE_LABELS, type GuestRole } from './guests';

export interface KitAnalyst {
  readonly displayName: string;
  readonly email: string;
}

export interface AdminKit {
  readonly steps: string;
  readonly powershell: string;
}

/** A PowerShell single-quoted string: a quote inside is doubled. */
function ps(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export function adminKit(input: {
  readonly customerName: string;
  readonly partnerName: string;
  readonly analysts: ReadonlyArray<KitAnalyst>;
  readonly role: GuestRole;
  /** The tenant-explicit Security Copilot URL the guest lands on after accepting. */
  readonly redirectUrl: string;
}): AdminKit {
  const role = GUEST_ROLE_LABELS[input.role];
  const people = input.analysts.map((a) => `${a.displayName} <${a.email}>`).join(', ');
  const steps = [
    `For ${input.customerName}: give ${people} from ${input.partnerName} access to Security Copilot as guests with ${role}.`,
    'You need User Administrator (or Guest Inviter and Privileged Role Administrator) in Microsoft Entra.',
    '',
    ...input.analysts.flatMap((a, i) => [
      `${i + 1}. ${a.displayName}`,
      '   1. Go to the Microsoft Entra admin center (https://entra.microsoft.com) and sign in.',
      '   2. Go to Identity > Users > All users.',
      '   3. Select New user > Invite external user.',
      `   4. On the Basics tab: Email ${a.email}, Display name ${a.displayName}. Add a message if you want.`,
      `   5. On the Assignments tab: select + Add role, then ${role}.`,
      '   6. On the Review + invite tab: select Invite.',
    ]),
    '',
    `Then tell ${input.partnerName}: each analyst accepts the invitation from the email (or the link Switchboard shows them), and opens ${input.redirectUrl}`,
  ].join('\n');
  const powershell = [
    '# Microsoft Graph PowerShell. Run as an administrator of this tenant.',
    'Connect-MgGraph -Scopes "User.Invite.All","RoleManagement.ReadWrite.Directory"',
    ...input.analysts.flatMap((a) => [
      '',
      `# ${a.displayName}`,
      `$invite = New-MgInvitation -InvitedUserEmailAddress ${ps(a.email)} -InvitedUserDisplayName ${ps(a.displayName)} -InviteRedirectUrl ${ps(input.redirectUrl)} -SendInvitationMessage:$true`,
      `New-MgRoleManagementDirectoryRoleAssignment -PrincipalId $invite.InvitedUser.Id -RoleDefinitionId ${ps(GUEST_ROLE_IDS[input.role])} -DirectoryScopeId '/'`,
    ]),
  ].join('\n');
  return { steps, powershell };
}
