import type { CloudProfile } from '../platform/cloud-profile';
import { portalUrl } from '../platform/cloud-profile';
import type { TenantId } from '../platform/tenant-id';

export type LaunchUrlResult =
  { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string };

/**
 * The tenant-explicit Security Copilot URL: `https://securitycopilot.microsoft.com/?tenantId=<GUID>`.
 * GDAP users must carry the customer's tenant in the URL because Security Copilot's in-app tenant
 * switch does not see GDAP relationships (Microsoft Learn, "Grant partners access to Microsoft Copilot
 * for Security", GDAP step 3). The parameter name `tenantId` is confirmed by community code and partner
 * Q&A only (UNCONFIRMED by a Microsoft reference page); Defender uses `tid` instead.
 */
export function securityCopilotUrl(profile: CloudProfile, tenant: TenantId): LaunchUrlResult {
  const host = profile.portalHosts.securityCopilot;
  if (host === null) {
    return {
      ok: false,
      message: `Security Copilot is not offered in the ${profile.label} profile, so there is nothing to launch.`,
    };
  }
  const params = new URLSearchParams({ tenantId: tenant.toLowerCase() });
  return { ok: true, url: portalUrl(profile, host, `/?${params.toString()}`).toString() };
}
