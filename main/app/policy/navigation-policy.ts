/**
 * What the shell does when a page tries to go somewhere (a link, `location =`, a redirect,
 * `window.open`): deny by default. Only the app's own pages load in the app window; an allow-listed
 * portal URL goes to the user's browser; everything else is dropped.
 */
import type { CloudProfile } from '../../../shared/platform/cloud-profile';
import { isAppUrl } from './app-protocol';
import { allowedExternalUrl } from './external-url-policy';

export type NavigationDecision =
  | { readonly action: 'stay' }
  | { readonly action: 'open-externally'; readonly url: string }
  | { readonly action: 'deny' };

/** For in-window navigation (`will-navigate`, `will-redirect`). */
export function decideNavigation(url: string, profile: CloudProfile | undefined): NavigationDecision {
  if (isAppUrl(url)) return { action: 'stay' };
  return decideNewWindow(url, profile);
}

/** For `window.open` and target=_blank links: never a new Electron window. */
export function decideNewWindow(url: string, profile: CloudProfile | undefined): NavigationDecision {
  const external = allowedExternalUrl(url, profile);
  return external === undefined ? { action: 'deny' } : { action: 'open-externally', url: external };
}
