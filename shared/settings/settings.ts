/**
 * The analyst's settings: which Microsoft cloud Switchboard talks to, and the app registration (a
 * multi-tenant public client) it signs in with. Until a registration is set, the local sandbox is
 * the cloud, so the whole app can be tried without a tenant.
 */
import { z } from 'zod';
import { CLOUD_PROFILE_IDS, type CloudProfileId } from '../platform/cloud-profile';
import { checkHotkey } from '../launch/hotkey';
import { parseTenantId } from '../platform/tenant-id';

export interface Settings {
  readonly cloudProfile: CloudProfileId;
  /** The application (client) ID of the partner's app registration, or null when none is set. */
  readonly clientId: string | null;
  /** The desktop app's switcher hotkey (an Electron accelerator), or null for the default. */
  readonly globalHotkey: string | null;
}

export const DEFAULT_SETTINGS: Settings = { cloudProfile: 'sandbox', clientId: null, globalHotkey: null };

/** A hotkey from the analyst, written canonically; empty means the default. */
const globalHotkeySchema = z
  .string()
  .max(200)
  .nullable()
  .transform((value, ctx) => {
    if (value === null || value.trim() === '') return null;
    const checked = checkHotkey(value);
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: checked.message });
      return z.NEVER;
    }
    return checked.accelerator;
  });

const CLIENT_ID_HELP =
  'The application (client) ID is a GUID, shown on the app registration’s Overview page in the Microsoft Entra admin center, for example 1b730954-1685-4b74-9bfd-dac224a7b894.';

const clientIdSchema = z.string().transform((value, ctx) => {
  const trimmed = value.trim();
  // A client ID has the same shape as a tenant ID; reuse the GUID check, with our own message.
  const parsed = parseTenantId(trimmed);
  if (!parsed.ok) {
    ctx.addIssue({
      code: 'custom',
      message:
        trimmed === ''
          ? `The client ID is empty. ${CLIENT_ID_HELP}`
          : `“${trimmed.slice(0, 60)}” is not a client ID. ${CLIENT_ID_HELP}`,
    });
    return z.NEVER;
  }
  return parsed.value as string;
});

export const settingsSchema = z
  .object({
    cloudProfile: z.enum(CLOUD_PROFILE_IDS, {
      error: `Choose a cloud: ${CLOUD_PROFILE_IDS.join(', ')}.`,
    }),
    clientId: clientIdSchema.nullable(),
    /** Absent: keep the hotkey as it is (older callers send only the cloud and client ID). */
    globalHotkey: globalHotkeySchema.optional(),
  })
  .strict();

/**
 * Launching needs no sign-in, so a Microsoft cloud may be chosen without a client ID; sign-in then
 * asks for one. This says so where the settings are shown.
 */
export function signInReadiness(settings: Settings): string | undefined {
  if (settings.cloudProfile === 'sandbox' || settings.clientId !== null) return undefined;
  return 'Launching works now. To sign in (directory sync, GDAP, guests), register the app as described below and paste its client ID.';
}

/** What the app registration needs, shown in Settings and the README. */
export const APP_REGISTRATION = {
  redirectUri: 'http://localhost',
  steps: [
    'In the Microsoft Entra admin center of your partner tenant, open App registrations and choose New registration.',
    'Name it "MSSP Switchboard". Supported account types: "Accounts in any organizational directory (multitenant)".',
    'Redirect URI: platform "Public client/native (mobile & desktop)", value http://localhost. Register.',
    'Under Authentication, set "Allow public client flows" to Yes (needed for device-code sign-in).',
    'Under API permissions, add the delegated permissions listed below, then grant admin consent for your partner tenant.',
    'Copy the Application (client) ID from Overview and paste it here.',
  ],
  permissions: [
    { api: 'Microsoft Graph', permission: 'User.Read', why: 'Your name and tenant after sign-in.' },
    {
      api: 'Microsoft Graph',
      permission: 'DelegatedAdminRelationship.ReadWrite.All',
      why: 'Read and manage GDAP relationships and their access assignments.',
    },
    {
      api: 'Microsoft Graph',
      permission: 'GroupMember.Read.All',
      why: 'Your partner security groups, to map them to roles.',
    },
    {
      api: 'Microsoft Graph',
      permission: 'CrossTenantInformation.ReadBasic.All',
      why: 'Each customer’s default domain, so you can search by it.',
    },
    {
      api: 'Microsoft Graph',
      permission: 'User.Invite.All',
      why: 'Invite analysts as B2B guests in a customer tenant.',
    },
    {
      api: 'Microsoft Graph',
      permission: 'User.ReadWrite.All',
      why: 'List and remove your guests in a customer tenant.',
    },
    {
      api: 'Microsoft Graph',
      permission: 'RoleManagement.ReadWrite.Directory',
      why: 'Give guests Security Reader or Security Operator, optionally time-bound (PIM).',
    },
    {
      api: 'Microsoft Graph',
      permission: 'GroupMember.ReadWrite.All',
      why: 'Optional: offboarding removes an analyst from partner security groups. Not granted here, Switchboard asks for it (admin consent) the first time.',
    },
    {
      api: 'Azure Service Management',
      permission: 'user_impersonation',
      why: 'Copilot in Azure access: elevate, assign the role, remove the elevation.',
    },
  ],
} as const;
