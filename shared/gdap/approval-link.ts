/**
 * The customer approval link for a GDAP request, and the message a partner sends the customer's
 * Global Administrator with it. Format (docs/microsoft-cloud.md 1.3):
 * `https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/{id}`.
 * The docs call the value the "request ID"; their example and CIPP both use the relationship ID.
 */
import { portalUrl, type CloudProfile } from '../platform/cloud-profile';
import { DAY_MS } from '../platform/time';
import { RELATIONSHIP_LIMITS } from './gdap';
import { roleName } from './roles';

export type ApprovalLinkResult =
  { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string };

/** Relationship IDs are `{guid}-{guid}`; anything else is refused rather than put in a URL. */
const RELATIONSHIP_ID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function approvalLink(profile: CloudProfile, relationshipId: string): ApprovalLinkResult {
  const host = profile.portalHosts.adminCenter;
  if (host === null)
    return { ok: false, message: `The ${profile.label} profile has no admin center to approve in.` };
  if (!RELATIONSHIP_ID.test(relationshipId)) {
    return {
      ok: false,
      message: `"${relationshipId.slice(0, 80)}" is not a GDAP relationship ID ({guid}-{guid}).`,
    };
  }
  const url = portalUrl(profile, host, '/AdminPortal/Home');
  url.hash = `/partners/invitation/granularAdminRelationships/${relationshipId.toLowerCase()}`;
  return { ok: true, url: url.toString() };
}

/** What the customer's Global Administrator is asked to approve, by when, in plain words. */
export function approvalMessage(input: {
  readonly partnerName: string;
  readonly customerName: string | null;
  readonly link: string;
  readonly roleIds: ReadonlyArray<string>;
  readonly durationDays: number;
  readonly autoExtend: boolean;
  readonly lockedAt: Date;
}): string {
  const lapses = new Date(input.lockedAt.getTime() + RELATIONSHIP_LIMITS.approvalLapseDays * DAY_MS);
  const roles = input.roleIds.map((id) => `  - ${roleName(id)}`).join('\n');
  return [
    `Hello${input.customerName ? ` ${input.customerName} team` : ''},`,
    '',
    `${input.partnerName} asks for granular delegated admin privileges (GDAP) in your Microsoft 365 tenant, so our analysts can work in Microsoft Security Copilot for you with only these roles:`,
    roles,
    '',
    `The access lasts ${input.durationDays} days${input.autoExtend ? ' and renews every 180 days unless you or we switch that off' : ''}. You can end it at any time in the Microsoft 365 admin center.`,
    '',
    `A Global Administrator of your tenant needs to open this link and approve it before ${lapses.toISOString().slice(0, 10)}, when the request lapses:`,
    input.link,
  ].join('\n');
}
