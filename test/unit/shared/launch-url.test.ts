import { describe, expect, it } from 'vitest';
import {
  allowedLaunchOrigins,
  PUBLIC_CLOUD,
  sandboxCloud,
  US_GOVERNMENT_CLOUD,
  CHINA_CLOUD,
} from '../../../shared/platform/cloud-profile';
import { securityCopilotUrl } from '../../../shared/launch/launch-url';
import { tenantId } from '../../../shared/platform/tenant-id';

const T = tenantId('0B8F6C3E-1D2A-4E5F-9A7B-3C4D5E6F7A8B');

describe('securityCopilotUrl', () => {
  it('is exactly the tenant-explicit URL with the GUID in lower case', () => {
    expect(securityCopilotUrl(PUBLIC_CLOUD, T)).toEqual({
      ok: true,
      url: 'https://securitycopilot.microsoft.com/?tenantId=0b8f6c3e-1d2a-4e5f-9a7b-3c4d5e6f7a8b',
    });
  });

  it('in the sandbox profile keeps the public URL, rewritten onto the sandbox origin', () => {
    const result = securityCopilotUrl(sandboxCloud('https://127.0.0.1:8443/'), T);
    expect(result).toEqual({
      ok: true,
      url: 'https://127.0.0.1:8443/portals/securitycopilot.microsoft.com/?tenantId=0b8f6c3e-1d2a-4e5f-9a7b-3c4d5e6f7a8b',
    });
  });

  it('says plainly when a cloud has no Security Copilot portal', () => {
    for (const profile of [US_GOVERNMENT_CLOUD, CHINA_CLOUD]) {
      const result = securityCopilotUrl(profile, T);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain(profile.label);
    }
  });

  it('only ever produces an origin on the profile allow-list', () => {
    const result = securityCopilotUrl(PUBLIC_CLOUD, T);
    if (!result.ok) throw new Error(result.message);
    expect(allowedLaunchOrigins(PUBLIC_CLOUD)).toContain(new URL(result.url).origin);
    expect(allowedLaunchOrigins(sandboxCloud('https://127.0.0.1:9000'))).toEqual(['https://127.0.0.1:9000']);
  });
});
