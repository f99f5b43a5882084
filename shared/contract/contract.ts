/**
 * The one contract between the renderer and main: every command (name -> validated input, typed
 * output) and every event (name -> payload). main/core implements each command once and validates
 * its input with these schemas; the Electron preload and the browser host's WebSocket carry exactly
 * this map; the renderer never knows which carrier it has.
 */
import { z } from 'zod';
import type { CloudProfileId } from '../platform/cloud-profile';
import type { CommandName, EventName } from './contract-names';
import {
  customerDraftSchema,
  domainNameSchema,
  tenantIdSchema,
  type Customer,
  type TenantInformation,
} from '../customers/customer';
import type { ListedCustomer } from '../customers/customer-directory';
import type { DirectoryCustomer } from '../directory/directory';
import { settingsSchema, type Settings } from '../settings/settings';
import { LAUNCH_MODES, launchModeSchema, type LaunchMode, type LaunchModeId } from '../launch/launch-mode';
import { gdapCommands, relationshipIdSchema, type GdapEventPayloads } from '../gdap/gdap-contract';
import { guestCommands, type GuestEventPayloads } from '../guests/guests-contract';
import { azureAccessCommands, type AzureAccessEventPayloads } from '../azure-access/azure-access-contract';
import { LAUNCH_TARGETS } from '../launch/portal-targets';

export * from './contract-names';

interface CommandSpec<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom: carries the output type only. */
  readonly output?: O;
}

function command<I extends z.ZodType>(input: I) {
  return { returns: <O>(): CommandSpec<I, O> => ({ input }) };
}

const noInput = z.object({}).strict();

export { LAUNCH_TARGETS, type LaunchTarget } from '../launch/portal-targets';

export interface Notice {
  readonly id: string;
  readonly level: 'info' | 'warning' | 'error';
  readonly title: string;
  readonly message: string;
}

export interface AppInfo {
  readonly version: string;
  /** Which shell carries the contract: the Electron app or the browser host. */
  readonly host: 'electron' | 'web';
  readonly dataDir: string;
  readonly profile: { readonly id: CloudProfileId; readonly label: string };
  readonly notices: ReadonlyArray<Notice>;
}

/** The launch mode of each partner account, and which modes this host offers. */
export interface LaunchModes {
  readonly accounts: Readonly<Record<string, LaunchMode>>;
  readonly available: ReadonlyArray<LaunchModeId>;
}

/** The shortcut files written, found or removed for one customer. */
export interface ShortcutFiles {
  readonly paths: ReadonlyArray<string>;
}

/** What a deep link did: launched a portal, or asks the window to show a customer. */
export type DeepLinkOutcome =
  | { readonly action: 'launch'; readonly tenantId: string; readonly result: LaunchResult }
  | { readonly action: 'customer'; readonly tenantId: string };

/**
 * Said at launch when several partner accounts are signed in and this launch opens in the shared
 * default browser, which signs in as whichever account it used last: which account to use there, and
 * the one-click way to give this account launches of its own.
 */
export interface LaunchIdentityWarning {
  readonly message: string;
  /** The account the launch is meant for (the active one). */
  readonly account: { readonly homeAccountId: string; readonly username: string };
  /** The launch mode offered for this account from now on (launch.setMode). */
  readonly suggestedMode: LaunchMode;
  /** That mode in words ("a private Microsoft Edge window"). */
  readonly suggestedLabel: string;
}

export interface LaunchResult {
  readonly url: string;
  /** Present when the launch may open as the wrong partner account (LaunchIdentityWarning). */
  readonly warning?: LaunchIdentityWarning;
  /**
   * Present when the analyst's only way into that customer is a guest invitation not accepted yet:
   * the launch opened, but the portal will turn them away until they accept (reach-words.ts).
   */
  readonly acceptFirst?: { readonly title: string; readonly message: string };
  /**
   * `shell`: the app already opened it (Electron, after its allow-list check).
   * `page`: the page must open it itself (the browser host hands the URL back; the page opens a tab).
   */
  readonly openedBy: 'shell' | 'page';
}

/** A signed-in partner account. */
export interface PartnerAccount {
  readonly homeAccountId: string;
  readonly username: string;
  readonly name: string;
  readonly tenantId: string;
}

export interface AuthStatus {
  readonly accounts: ReadonlyArray<PartnerAccount>;
  readonly activeAccountId: string | null;
  /** `encrypted`: the token cache is on disk, encrypted by the OS; `memory`: kept for this session only. */
  readonly tokenStorage: 'encrypted' | 'memory';
}

export interface DeviceCodePrompt {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly message: string;
  readonly expiresIn: number;
}

/** The directory of the last sync, at a glance. */
export interface DirectoryStatus {
  readonly syncedAt: string | null;
  readonly account: string | null;
  readonly customers: number;
  /** Customers whose details could not be read in the last sync. */
  readonly problems: number;
  readonly running: boolean;
  /** Why the last sync did not complete, if it did not. */
  readonly lastError: string | null;
}

const homeAccountIdSchema = z
  .string()
  .min(3)
  .max(200)
  .regex(/^[0-9a-zA-Z._-]+$/, 'That is not an account ID.');

/** Most rows `customers.firstScreen` answers with: a tall screen's worth, with room to spare. */
export const FIRST_SCREEN_MAX_ROWS = 200;

/**
 * What the customers view needs to paint its first screen before the whole list has arrived: the
 * first rows of the list in its order, and the counts the tabs show. The whole list follows at once
 * (`customers.list`); with 10,000 customers it is megabytes, and the first screen need not wait for it.
 */
export interface CustomersFirstScreen {
  readonly total: number;
  readonly favourites: number;
  readonly recents: number;
  readonly customers: ReadonlyArray<ListedCustomer>;
}

export const commands = {
  'app.info': command(noInput).returns<AppInfo>(),
  'app.dismissNotice': command(z.object({ id: z.string().min(1).max(200) }).strict()).returns<{
    readonly dismissed: boolean;
  }>(),
  'customers.list': command(noInput).returns<ReadonlyArray<ListedCustomer>>(),
  'customers.firstScreen': command(
    z.object({ rows: z.number().int().min(1).max(FIRST_SCREEN_MAX_ROWS) }).strict(),
  ).returns<CustomersFirstScreen>(),
  'customers.add': command(customerDraftSchema.strict()).returns<Customer>(),
  'customers.update': command(
    z.object({ tenantId: tenantIdSchema, draft: customerDraftSchema.strict() }).strict(),
  ).returns<Customer>(),
  'customers.remove': command(z.object({ tenantId: tenantIdSchema }).strict()).returns<{
    readonly removed: Customer;
  }>(),
  'customers.setFavourite': command(
    z.object({ tenantId: tenantIdSchema, favourite: z.boolean() }).strict(),
  ).returns<Customer>(),
  /** The tenant that uses a domain (Graph's findTenantInformationByDomainName), to confirm before adding. */
  'customers.findTenant': command(
    z.object({ domain: domainNameSchema }).strict(),
  ).returns<TenantInformation>(),
  'launch.open': command(
    z
      .object({
        tenantId: tenantIdSchema,
        target: z.enum(LAUNCH_TARGETS, {
          error: `The launch target must be one of: ${LAUNCH_TARGETS.join(', ')}.`,
        }),
        /** Partner Center's relationship page and the approval link name one relationship. */
        relationshipId: relationshipIdSchema.optional(),
        /** This launch only: open another way than the account's launch mode. */
        mode: z
          .enum(LAUNCH_MODES, { error: `The launch mode must be one of: ${LAUNCH_MODES.join(', ')}.` })
          .optional(),
      })
      .strict(),
  ).returns<LaunchResult>(),
  /** Per-customer desktop shortcuts that launch its Security Copilot through switchboard:// links. */
  'shortcuts.create': command(z.object({ tenantId: tenantIdSchema }).strict()).returns<ShortcutFiles>(),
  'shortcuts.list': command(z.object({ tenantId: tenantIdSchema }).strict()).returns<ShortcutFiles>(),
  'shortcuts.remove': command(z.object({ tenantId: tenantIdSchema }).strict()).returns<ShortcutFiles>(),
  'launch.modes': command(noInput).returns<LaunchModes>(),
  'launch.setMode': command(
    z.object({ homeAccountId: homeAccountIdSchema, mode: launchModeSchema }).strict(),
  ).returns<LaunchModes>(),
  /** A switchboard:// link from the OS (second instance, open-url): parsed strictly, then acted on. */
  'deepLink.open': command(z.object({ url: z.string().max(4096) }).strict()).returns<DeepLinkOutcome>(),
  'settings.get': command(noInput).returns<Settings>(),
  'settings.update': command(settingsSchema).returns<Settings>(),
  'auth.status': command(noInput).returns<AuthStatus>(),
  'directory.status': command(noInput).returns<DirectoryStatus>(),
  'directory.sync': command(noInput).returns<DirectoryStatus>(),
  'directory.cancel': command(noInput).returns<{ readonly cancelled: boolean }>(),
  'directory.customer': command(
    z.object({ tenantId: tenantIdSchema }).strict(),
  ).returns<DirectoryCustomer | null>(),
  'auth.signIn': command(
    z
      .object({
        method: z.enum(['browser', 'deviceCode'], { error: 'Sign in with "browser" or "deviceCode".' }),
      })
      .strict(),
  ).returns<PartnerAccount>(),
  /** Stops the sign-in in progress (browser or device code); nothing is signed in. */
  'auth.cancelSignIn': command(noInput).returns<{ readonly cancelled: boolean }>(),
  'auth.signOut': command(z.object({ homeAccountId: homeAccountIdSchema }).strict()).returns<AuthStatus>(),
  'auth.setActive': command(z.object({ homeAccountId: homeAccountIdSchema }).strict()).returns<AuthStatus>(),
  ...gdapCommands,
  ...guestCommands,
  ...azureAccessCommands,
} satisfies Record<CommandName, CommandSpec<z.ZodType, unknown>>;

export interface EventPayloads extends GdapEventPayloads, GuestEventPayloads, AzureAccessEventPayloads {
  readonly 'customers.changed': ReadonlyArray<ListedCustomer>;
  readonly 'app.notice': Notice;
  readonly 'settings.changed': Settings;
  readonly 'auth.changed': AuthStatus;
  /** The browser host's page opens this sign-in page itself (Electron opens it in the OS browser). */
  readonly 'auth.browser': { readonly url: string };
  readonly 'auth.deviceCode': DeviceCodePrompt;
  readonly 'directory.progress': { readonly done: number; readonly total: number };
  readonly 'directory.changed': DirectoryStatus;
  /** Show this customer's page (a switchboard://customer/ link). */
  readonly 'app.openCustomer': { readonly tenantId: string };
}

// Compile-time check that contract-names.ts lists exactly the contract's commands and events.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _commandsMatch: Exact<keyof typeof commands, CommandName> = true;
const _eventsMatch: Exact<keyof EventPayloads, EventName> = true;
void _commandsMatch;
void _eventsMatch;

export type Commands = typeof commands;
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
export type ValidCommandInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> =
  Commands[N] extends CommandSpec<z.ZodType, infer O> ? O : never;
export type EventPayload<E extends EventName> = EventPayloads[E];

export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'unavailable',
  'refused',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface CommandError {
  readonly code: ErrorCode;
  /** What went wrong and what to do next, in the user's words. */
  readonly message: string;
  /** For invalid input: which field, and what is wrong with it. */
  readonly issues?: ReadonlyArray<{ readonly field: string; readonly message: string }>;
}

export type CommandResult<O> =
  { readonly ok: true; readonly value: O } | { readonly ok: false; readonly error: CommandError };

/** What a carrier gives the renderer: exactly the contract, nothing generic. */
export interface SwitchboardBridge {
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<CommandOutput<N>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}
