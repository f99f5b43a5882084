/**
 * The contract's `guests.*` commands. Core creates the guest service (it shares core's accounts,
 * cloud, audit log and directory) and spreads these handlers into its own; the access matrix is built
 * here from the last directory sync and the guests last read (shared/guests/access-matrix.ts).
 */
import type { CommandName } from '../../../shared/contract/contract';
import type { ListedCustomer } from '../../../shared/customers/customer-directory';
import { buildAccessMatrix, matrixToCsv, type AccessMatrix } from '../../../shared/guests/access-matrix';
import type { DirectoryService } from '../directory/directory-service';
import type { Handlers } from '../platform/dispatcher';
import type { GuestService } from './guest-service';
import type { OffboardPlan, OnboardPlan } from '../../../shared/guests/guests';
import { UserFacingError } from '../platform/errors';

export type GuestHandlers = Pick<Handlers, Extract<CommandName, `guests.${string}`>>;

export interface GuestHandlerDependencies {
  readonly guests: GuestService;
  readonly directory: DirectoryService;
  /** The customer list: hand-added B2B customers are read for guests too. */
  readonly customers: () => ReadonlyArray<ListedCustomer>;
  readonly onProgress: (done: number, total: number) => void;
  readonly now: () => Date;
}

/** Builds the matrix: the directory's customers, the guests last read, the partner users' groups. */
export async function accessMatrix(deps: GuestHandlerDependencies, refresh: boolean): Promise<AccessMatrix> {
  const snapshot = deps.directory.snapshot();
  const listed = deps.customers();
  if (refresh) {
    const tenantIds = [
      ...new Set([
        ...(snapshot?.customers ?? []).map((c) => c.tenantId),
        ...listed
          .filter((c) => c.accessPath === 'b2b' || c.accessPath === 'both')
          .map((c) => c.tenantId as string),
      ]),
    ];
    await deps.guests.readAll(tenantIds, deps.onProgress);
  }
  const groupIds = (snapshot?.customers ?? []).flatMap((c) => c.assignments.map((a) => a.groupId));
  const analysts = await deps.guests.analysts(groupIds);
  return buildAccessMatrix({
    snapshot,
    analysts,
    guests: deps.guests.knownGuests(),
    names: new Map(listed.map((c) => [c.tenantId as string, c.displayName])),
    now: deps.now(),
  });
}

export function guestHandlers(deps: GuestHandlerDependencies): GuestHandlers {
  const { guests, now } = deps;
  let last: AccessMatrix | undefined;
  const plans = new Map<string, OffboardPlan>();
  const onboarding = new Map<string, OnboardPlan>();
  return {
    'guests.list': ({ tenantId }) => guests.list(tenantId),
    'guests.invite': (input) => guests.invite(input),
    'guests.assignRole': (input) => guests.assignRole(input),
    'guests.removeRole': (input) => guests.removeRole(input),
    'guests.remove': (input) => guests.removeGuest(input),
    'guests.matrix': async ({ refresh }) => {
      last = await accessMatrix(deps, refresh);
      return last;
    },
    'guests.offboardPlan': async ({ partnerUserId }) => {
      const plan = await guests.offboardPlan(partnerUserId, deps.onProgress);
      plans.set(partnerUserId, plan);
      return plan;
    },
    'guests.offboardApply': async ({ partnerUserId, tenantIds, groupIds }) => {
      const plan = plans.get(partnerUserId);
      if (!plan)
        throw new UserFacingError('conflict', 'Plan the offboarding first, review it, then apply it.');
      return guests.offboardApply(plan, { tenantIds, groupIds }, deps.onProgress);
    },
    'guests.onboardPlan': async (input) => {
      const plan = await guests.onboardPlan(input, deps.onProgress);
      onboarding.set(input.partnerUserId, plan);
      return plan;
    },
    'guests.onboardApply': async ({ partnerUserId, tenantIds, groupIds }) => {
      const plan = onboarding.get(partnerUserId);
      if (!plan)
        throw new UserFacingError('conflict', 'Plan the onboarding first, review it, then apply it.');
      return guests.onboardApply(plan, { tenantIds, groupIds }, deps.onProgress);
    },
    'guests.exportMatrix': async ({ analystIds, tenantIds }) => {
      const m = last ?? (await accessMatrix(deps, false));
      const wantedA = analystIds ? new Set(analystIds) : undefined;
      const wantedC = tenantIds ? new Set<string>(tenantIds) : undefined;
      return {
        fileName: `access-matrix-${now().toISOString().slice(0, 10)}.csv`,
        mimeType: 'text/csv',
        content: matrixToCsv(m, {
          analysts: m.analysts.flatMap((a, i) => (wantedA === undefined || wantedA.has(a.id) ? [i] : [])),
          customers: m.customers.flatMap((c, i) =>
            wantedC === undefined || wantedC.has(c.tenantId) ? [i] : [],
          ),
        }),
      };
    },
  };
}
