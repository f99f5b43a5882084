/**
 * The contract's launch commands: `launch.*` (open a portal in a customer's tenant, launch modes),
 * `shortcuts.*` (per-customer desktop shortcuts) and `deepLink.open` (switchboard:// links, parsed
 * strictly: a known customer's GUID and a known portal, nothing else).
 */
import type { CommandName, EventName, EventPayload } from '../../../shared/contract/contract';
import { describeReach } from '../../../shared/customers/reach-words';
import { ACCESS_GRANTING_STATUSES } from '../../../shared/gdap/gdap';
import { deepLinkFor, parseDeepLink } from '../../../shared/launch/deep-link';
import type { LaunchTarget } from '../../../shared/launch/portal-targets';
import type { TenantId } from '../../../shared/platform/tenant-id';
import type { CustomerService } from '../customers/customer-service';
import type { DirectoryService } from '../directory/directory-service';
import type { Handlers } from '../platform/dispatcher';
import { UserFacingError } from '../platform/errors';
import type { LaunchModeService } from './launch-modes';
import type { LaunchService } from './launch-service';
import type { ShortcutWriter } from './shortcut-writer';

export type LaunchHandlers = Pick<
  Handlers,
  Extract<CommandName, `launch.${string}` | `shortcuts.${string}` | 'deepLink.open'>
>;

export interface LaunchHandlerDependencies {
  readonly launch: LaunchService;
  readonly modes: LaunchModeService;
  readonly customers: CustomerService;
  readonly directory: DirectoryService;
  /** Writes per-customer desktop shortcuts (the desktop app); absent, shortcuts are not offered. */
  readonly shortcuts?: ShortcutWriter;
  readonly emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void;
}

export function launchHandlers(deps: LaunchHandlerDependencies): LaunchHandlers {
  const { launch, modes, customers, directory, emit } = deps;

  /**
   * The relationship a relationship-specific target opens when none is named: the one awaiting
   * approval for the approval link, else the access-granting one that lasts longest.
   */
  const relationshipFor = (tenantId: TenantId, target: LaunchTarget): string | undefined => {
    if (target !== 'gdapApproval' && target !== 'partnerCenter') return undefined;
    const rels = directory.customer(tenantId)?.relationships ?? [];
    if (target === 'gdapApproval') return rels.find((r) => r.status === 'approvalPending')?.id;
    return (
      [...rels]
        .filter((r) => ACCESS_GRANTING_STATUSES.has(r.status))
        .sort((a, b) => (b.endDateTime ?? '').localeCompare(a.endDateTime ?? ''))[0]?.id ?? rels[0]?.id
    );
  };

  const shortcutWriter = (): ShortcutWriter => {
    if (!deps.shortcuts) {
      throw new UserFacingError(
        'unavailable',
        'Desktop shortcuts come from the desktop app, which registers switchboard:// links with the system. The browser host cannot; use the desktop app, or bookmark the launch instead.',
      );
    }
    return deps.shortcuts;
  };

  return {
    'launch.open': ({ tenantId, target, relationshipId, mode }) =>
      launch.open(
        tenantId,
        target,
        { relationshipId: relationshipId ?? relationshipFor(tenantId, target) },
        mode,
      ),
    'launch.modes': () => modes.modes(),
    'launch.setMode': ({ homeAccountId, mode }) => modes.setMode(homeAccountId, mode),
    'shortcuts.create': async ({ tenantId }) => {
      const customer = customers.get(tenantId);
      // The description says the path the analyst arrives by, as the customers list says it now.
      const { kind, byHand } = describeReach(customer);
      return {
        paths: await shortcutWriter().create(
          { name: customer.displayName, tenantId, arrival: { kind, byHand } },
          deepLinkFor('launch', tenantId, 'securityCopilot'),
        ),
      };
    },
    'shortcuts.list': async ({ tenantId }) => ({
      paths: deps.shortcuts ? await deps.shortcuts.existing(tenantId) : [],
    }),
    'shortcuts.remove': async ({ tenantId }) => ({ paths: await shortcutWriter().remove(tenantId) }),
    'deepLink.open': async ({ url }) => {
      const known = new Set(customers.list().map((c) => c.tenantId as string));
      const link = parseDeepLink(url, (tenantId) => known.has(tenantId));
      if (!link.ok) {
        emit('app.notice', {
          id: 'deep-link',
          level: 'warning',
          title: 'That link was not opened',
          message: link.message,
        });
        throw new UserFacingError('invalid_input', link.message);
      }
      if (link.action === 'customer') {
        emit('app.openCustomer', { tenantId: link.tenantId });
        return { action: 'customer', tenantId: link.tenantId };
      }
      const result = await launch.open(link.tenantId, link.target, {
        relationshipId: relationshipFor(link.tenantId, link.target),
      });
      // A shortcut or link opens at once (the analyst asked; the facts may be older than their
      // acceptance), and the window says what to do first.
      if (result.acceptFirst)
        emit('app.notice', { id: 'accept-first', level: 'warning', ...result.acceptFirst });
      return { action: 'launch', tenantId: link.tenantId, result };
    },
  };
}
