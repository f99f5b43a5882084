import type { CloudProfile } from '../../../shared/platform/cloud-profile';
import { allowedLaunchOrigins } from '../../../shared/platform/cloud-profile';
import type { LaunchIdentityWarning, LaunchResult, LaunchTarget } from '../../../shared/contract/contract';
import {
  portalTargetUrl,
  type LaunchExtra,
  type PortalCustomer,
} from '../../../shared/launch/portal-targets';
import type { TenantId } from '../../../shared/platform/tenant-id';
import { acceptInvitationFirst, describeReach } from '../../../shared/customers/reach-words';
import { UserFacingError } from '../platform/errors';
import type { CustomerService } from '../customers/customer-service';
import type { LaunchModeId } from '../../../shared/launch/launch-mode';
import type { LaunchHow, Opener } from './opener';

/** Computes the tenant-explicit URL for a known customer and hands it to the Opener. */
export class LaunchService {
  constructor(
    private readonly customers: CustomerService,
    private readonly profile: () => Promise<CloudProfile>,
    private readonly opener: Opener,
    /** How this launch opens: the active account's launch mode, or the per-launch override. */
    private readonly how: (
      override?: LaunchModeId,
    ) => Promise<(LaunchHow & { readonly warning?: LaunchIdentityWarning }) | undefined> = async () =>
      undefined,
  ) {}

  /**
   * Opens `target` for the customer. `extra.relationshipId` picks the GDAP relationship for the
   * per-relationship pages (Partner Center, the approval link); without it they are refused.
   */
  async open(
    tenantId: TenantId,
    target: LaunchTarget,
    extra: LaunchExtra = {},
    mode?: LaunchModeId,
  ): Promise<LaunchResult> {
    const customer = this.customers.get(tenantId);
    const profile = await this.profile();
    const url = this.urlFor(profile, customer, target, extra);
    const origin = new URL(url).origin;
    // Defence in depth: the URL builders only produce profile hosts, and this check makes sure no
    // future builder can hand the shell anything else.
    if (!allowedLaunchOrigins(profile).includes(origin)) {
      throw new UserFacingError(
        'refused',
        `Switchboard will not open ${origin}: it is not a portal of the ${profile.label} profile.`,
      );
    }
    const found = await this.how(mode);
    const { warning, ...how } = found ?? {};
    const { handled } = await this.opener.open(url, found ? (how as LaunchHow) : undefined);
    this.customers.recordLaunch(customer.tenantId);
    const pending = describeReach(customer).kind === 'pending';
    const words = acceptInvitationFirst(customer.displayName, customer.reach?.guest?.redeemUrl ?? null);
    const acceptFirst = pending ? { title: words.title, message: words.message } : undefined;
    return {
      url,
      openedBy: handled ? 'shell' : 'page',
      ...(warning ? { warning } : {}),
      ...(acceptFirst ? { acceptFirst } : {}),
    };
  }

  urlFor(
    profile: CloudProfile,
    customer: PortalCustomer,
    target: LaunchTarget,
    extra: LaunchExtra = {},
  ): string {
    const built = portalTargetUrl(profile, customer, target, extra);
    if (!built.ok) throw new UserFacingError('unavailable', built.message);
    return built.url;
  }
}
