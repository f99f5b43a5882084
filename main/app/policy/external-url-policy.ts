/**
 * Which URLs the Electron shell may hand to the operating system (`shell.openExternal`). Anything
 * handed there runs with the user's full rights in whatever app the OS picks, so the rule is an
 * allow-list, not a block-list: an https URL on exactly one of the cloud profile's portal origins,
 * with no credentials, written in plain printable ASCII (our URL builders percent-encode everything,
 * so a raw Unicode character, a space or a backslash means the URL did not come from them).
 */
import type { CloudProfile } from '../../../shared/platform/cloud-profile';
import { allowedLaunchOrigins } from '../../../shared/platform/cloud-profile';

/** Longer than any portal URL we build; a very long URL is refused rather than parsed. */
const MAX_URL_LENGTH = 4096;

/**
 * The normalised URL to open when `url` passes the allow-list of `profile`, else undefined. Callers
 * open the returned string, never their input, so the OS sees exactly what was checked.
 */
export function allowedExternalUrl(url: unknown, profile: CloudProfile | undefined): string | undefined {
  // No active cloud yet (the sandbox has not started): nothing is allowed out.
  if (profile === undefined) return undefined;
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return undefined;
  // Printable ASCII only: no whitespace or control characters (which URL parsing silently strips),
  // no raw Unicode (fullwidth letters are folded to ASCII by IDNA), no backslashes (read as "/").
  if (!/^[\x21-\x7e]+$/.test(url) || url.includes('\\')) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:') return undefined;
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  if (!allowedLaunchOrigins(profile).includes(parsed.origin)) return undefined;
  return parsed.href;
}

/** True when `url` may be opened in the user's browser under `profile`. */
export function isAllowedExternalUrl(url: unknown, profile: CloudProfile | undefined): boolean {
  return allowedExternalUrl(url, profile) !== undefined;
}
