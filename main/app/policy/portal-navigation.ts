/**
 * Where an app window on an account's session may go: only the cloud profile's sign-in host and its
 * portal hosts, over https. Anything else is denied; a new window (window.open, target=_blank) never
 * opens in the app: an allow-listed portal URL goes to the user's browser, the rest is dropped.
 */
import { allowedLaunchOrigins, type CloudProfile } from '../../../shared/platform/cloud-profile';
import { allowedExternalUrl } from './external-url-policy';
import type { NavigationDecision } from './navigation-policy';

function portalWindowOrigins(profile: CloudProfile | undefined): ReadonlyArray<string> {
  if (!profile) return [];
  return [new URL(profile.authorityHost).origin, ...allowedLaunchOrigins(profile)];
}

export function decidePortalNavigation(url: string, profile: CloudProfile | undefined): NavigationDecision {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { action: 'deny' };
  }
  if (parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '') {
    if (portalWindowOrigins(profile).includes(parsed.origin)) return { action: 'stay' };
  }
  return { action: 'deny' };
}

export function decidePortalNewWindow(url: string, profile: CloudProfile | undefined): NavigationDecision {
  const external = allowedExternalUrl(url, profile);
  return external === undefined ? { action: 'deny' } : { action: 'open-externally', url: external };
}
