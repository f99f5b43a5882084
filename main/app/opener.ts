/**
 * Core's Opener in the Electron app: the OS browser through `shell.openExternal`, behind the
 * allow-list. Core already checks the origin before it calls here; this check is the shell's own,
 * because it is the last code before the OS acts. main.ts passes `shell.openExternal` in, which keeps
 * this file free of a runtime 'electron' import and testable in plain Node.
 */
import type { CloudProfile } from '../../shared/platform/cloud-profile';
import type { Opener } from '../core/launch/opener';
import { allowedExternalUrl } from './policy/external-url-policy';

export type OpenExternal = (url: string) => Promise<void>;

export class RefusedExternalUrlError extends Error {
  constructor(url: string, profile: CloudProfile | undefined) {
    super(
      `Switchboard will not open "${url.slice(0, 200)}" in your browser: only https pages of the ${profile?.label ?? 'active cloud'} portals may be opened.`,
    );
    this.name = 'RefusedExternalUrlError';
  }
}

export function createShellOpener(
  profile: () => CloudProfile | undefined,
  openExternal: OpenExternal,
): Opener {
  return {
    open: async (url) => {
      const allowed = allowedExternalUrl(url, profile());
      if (allowed === undefined) throw new RefusedExternalUrlError(url, profile());
      await openExternal(allowed);
      return { handled: true };
    },
  };
}
