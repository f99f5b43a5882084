import { describe, expect, it } from 'vitest';
import {
  allowedLaunchOrigins,
  CHINA_CLOUD,
  PORTAL_IDS,
  PUBLIC_CLOUD,
  sandboxCloud,
  US_GOVERNMENT_CLOUD,
  type CloudProfile,
} from '../../../shared/platform/cloud-profile';
import { LAUNCH_TARGETS as CONTRACT_TARGETS } from '../../../shared/contract/contract';
import {
  isLaunchTarget,
  isServiceManagementUrl,
  LAUNCH_TARGETS,
  PORTAL_TARGETS,
  portalTargetUrl,
  type LaunchTarget,
  type PortalCustomer,
} from '../../../shared/launch/portal-targets';
import { tenantId } from '../../../shared/platform/tenant-id';

const TENANT = tenantId('0B8F6C3E-1D2A-4E5F-9A7B-3C4D5E6F7A8B');
const T = '0b8f6c3e-1d2a-4e5f-9a7b-3c4d5e6f7a8b';
const REL = '5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836';
const FABRIKAM: PortalCustomer = {
  tenantId: TENANT,
  displayName: 'Fabrikam',
  initialDomain: 'Fabrikam.onmicrosoft.com',
  domain: 'fabrikam.com',
};
const SANDBOX = sandboxCloud('https://127.0.0.1:8443/');

function urlOf(
  profile: CloudProfile,
  target: LaunchTarget,
  customer = FABRIKAM,
  relationshipId?: string,
): string {
  const result = portalTargetUrl(profile, customer, target, relationshipId ? { relationshipId } : {});
  if (!result.ok) throw new Error(result.message);
  return result.url;
}

function refusal(
  profile: CloudProfile,
  target: LaunchTarget,
  customer = FABRIKAM,
  relationshipId?: string,
): string {
  const result = portalTargetUrl(profile, customer, target, relationshipId ? { relationshipId } : {});
  if (result.ok) throw new Error(`expected a refusal, got ${result.url}`);
  return result.message;
}

describe('the URL format of each portal target (public cloud)', () => {
  it('Security Copilot: ?tenantId=<GUID>, lower case', () => {
    expect(urlOf(PUBLIC_CLOUD, 'securityCopilot')).toBe(
      `https://securitycopilot.microsoft.com/?tenantId=${T}`,
    );
  });

  it('Defender XDR: ?tid=<GUID>', () => {
    expect(urlOf(PUBLIC_CLOUD, 'defender')).toBe(`https://security.microsoft.com/?tid=${T}`);
  });

  it('Entra admin center: /<GUID>/#home', () => {
    expect(urlOf(PUBLIC_CLOUD, 'entra')).toBe(`https://entra.microsoft.com/${T}/#home`);
  });

  it('Intune admin center: /<GUID>', () => {
    expect(urlOf(PUBLIC_CLOUD, 'intune')).toBe(`https://intune.microsoft.com/${T}`);
  });

  it('Azure portal: /<GUID>/', () => {
    expect(urlOf(PUBLIC_CLOUD, 'azure')).toBe(`https://portal.azure.com/${T}/`);
  });

  it('Purview: ?tid=<GUID>', () => {
    expect(urlOf(PUBLIC_CLOUD, 'purview')).toBe(`https://purview.microsoft.com/?tid=${T}`);
  });

  it('Microsoft 365 admin center: ?delegatedOrg=<initial domain>, else the default domain', () => {
    expect(urlOf(PUBLIC_CLOUD, 'm365Admin')).toBe(
      'https://admin.cloud.microsoft/?delegatedOrg=fabrikam.onmicrosoft.com',
    );
    expect(urlOf(PUBLIC_CLOUD, 'm365Admin', { tenantId: TENANT, domain: 'fabrikam.com' })).toBe(
      'https://admin.cloud.microsoft/?delegatedOrg=fabrikam.com',
    );
  });

  it('Exchange admin center: /exchange?delegatedOrg=<domain>', () => {
    expect(urlOf(PUBLIC_CLOUD, 'exchangeAdmin')).toBe(
      'https://admin.cloud.microsoft/exchange?delegatedOrg=fabrikam.onmicrosoft.com',
    );
  });

  it('Partner Center: the customer’s GDAP relationship page', () => {
    expect(urlOf(PUBLIC_CLOUD, 'partnerCenter', FABRIKAM, REL.toUpperCase())).toBe(
      `https://partner.microsoft.com/en-us/dashboard/commerce2/customers/${T}/adminrelationships/${REL}`,
    );
  });

  it('GDAP approval: the admin center link of approval-link.ts', () => {
    expect(urlOf(PUBLIC_CLOUD, 'gdapApproval', FABRIKAM, REL)).toBe(
      `https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${REL}`,
    );
  });
});

describe('in the sandbox profile', () => {
  it('every target gets the public URL rewritten onto the sandbox origin, path, query and fragment kept', () => {
    for (const target of LAUNCH_TARGETS) {
      const real = new URL(urlOf(PUBLIC_CLOUD, target, FABRIKAM, REL));
      const sandboxed = urlOf(SANDBOX, target, FABRIKAM, REL);
      expect(sandboxed, target).toBe(
        `https://127.0.0.1:8443/portals/${real.host}${real.pathname}${real.search}${real.hash}`,
      );
      expect(allowedLaunchOrigins(SANDBOX), target).toContain(new URL(sandboxed).origin);
    }
  });

  it('e.g. Entra keeps the tenant in the path and the #home fragment', () => {
    expect(urlOf(SANDBOX, 'entra')).toBe(`https://127.0.0.1:8443/portals/entra.microsoft.com/${T}/#home`);
  });
});

describe('US Government and China clouds', () => {
  it('US Government: the GCC High hosts, with the same formats', () => {
    expect(urlOf(US_GOVERNMENT_CLOUD, 'defender')).toBe(`https://security.microsoft.us/?tid=${T}`);
    expect(urlOf(US_GOVERNMENT_CLOUD, 'entra')).toBe(`https://entra.microsoft.us/${T}/#home`);
    expect(urlOf(US_GOVERNMENT_CLOUD, 'intune')).toBe(`https://intune.microsoft.us/${T}`);
    expect(urlOf(US_GOVERNMENT_CLOUD, 'azure')).toBe(`https://portal.azure.us/${T}/`);
    expect(urlOf(US_GOVERNMENT_CLOUD, 'purview')).toBe(`https://purview.microsoft.us/?tid=${T}`);
    expect(urlOf(US_GOVERNMENT_CLOUD, 'gdapApproval', FABRIKAM, REL)).toContain(
      'https://portal.office365.us/',
    );
  });

  it('China: only the Azure portal (and the existing approval host)', () => {
    expect(urlOf(CHINA_CLOUD, 'azure')).toBe(`https://portal.azure.cn/${T}/`);
  });

  it.each([
    [US_GOVERNMENT_CLOUD, ['securityCopilot', 'm365Admin', 'exchangeAdmin', 'partnerCenter']],
    [
      CHINA_CLOUD,
      [
        'securityCopilot',
        'defender',
        'entra',
        'intune',
        'purview',
        'm365Admin',
        'exchangeAdmin',
        'partnerCenter',
      ],
    ],
  ] as const)('%s refuses, by name, the portals whose host it does not know', (profile, targets) => {
    for (const target of targets) {
      const message = refusal(profile, target, FABRIKAM, REL);
      expect(message, target).toContain(profile.label);
      expect(message, target).not.toMatch(/https?:/);
    }
  });
});

describe('refusals', () => {
  it('the domain portals need a domain, and only a domain name', () => {
    const noDomain = { tenantId: TENANT, displayName: 'Fabrikam', domain: null };
    expect(refusal(PUBLIC_CLOUD, 'm365Admin', noDomain)).toMatch(/does not know a domain of Fabrikam.*Sync/);
    expect(refusal(PUBLIC_CLOUD, 'exchangeAdmin', { tenantId: TENANT })).toContain(T);
    for (const bad of [
      'evil.example/x?y=1',
      'fabrikam.com&delegatedOrg=evil.com',
      'localhost',
      '-x.com',
      'a..b',
    ]) {
      expect(refusal(PUBLIC_CLOUD, 'm365Admin', { tenantId: TENANT, domain: bad }), bad).toContain(
        'is not a domain name',
      );
    }
  });

  it('the per-relationship pages need a valid relationship ID', () => {
    expect(refusal(PUBLIC_CLOUD, 'partnerCenter')).toContain('belongs to one GDAP relationship');
    expect(refusal(PUBLIC_CLOUD, 'gdapApproval')).toContain('belongs to one GDAP relationship');
    for (const bad of [T, `${REL}/../x`, `${REL}#x`, 'https://evil.example/', `${REL}-${T}`]) {
      expect(refusal(PUBLIC_CLOUD, 'partnerCenter', FABRIKAM, bad), bad).toContain(
        'not a GDAP relationship ID',
      );
      expect(refusal(PUBLIC_CLOUD, 'gdapApproval', FABRIKAM, bad), bad).toContain(
        'not a GDAP relationship ID',
      );
    }
  });

  it('a tenant or target that slipped past the types opens nothing', () => {
    const forged = { tenantId: `${T}&x=1` as typeof TENANT };
    expect(refusal(PUBLIC_CLOUD, 'securityCopilot', forged)).toContain('is not a tenant ID');
    expect(refusal(PUBLIC_CLOUD, 'https://evil.example' as LaunchTarget)).toContain('is not a portal');
  });
});

describe('targets and hosts', () => {
  it('the contract re-exports the same targets; each has a label, Security Copilot first', () => {
    expect(CONTRACT_TARGETS).toBe(LAUNCH_TARGETS);
    expect(LAUNCH_TARGETS[0]).toBe('securityCopilot');
    for (const target of LAUNCH_TARGETS) {
      expect(PORTAL_TARGETS[target].id).toBe(target);
      expect(PORTAL_TARGETS[target].label.length).toBeGreaterThan(3);
    }
    expect(isLaunchTarget('defender')).toBe(true);
    expect(isLaunchTarget('Defender')).toBe(false);
    expect(isLaunchTarget('toString')).toBe(false);
  });

  it('every URL a profile builds is on its allow-list, and the allow-list is every known host', () => {
    for (const profile of [PUBLIC_CLOUD, US_GOVERNMENT_CLOUD, CHINA_CLOUD]) {
      const allowed = allowedLaunchOrigins(profile);
      const hosts = PORTAL_IDS.map((id) => profile.portalHosts[id]).filter((h) => h !== null);
      expect(allowed).toEqual(hosts.map((h) => `https://${h}`));
      for (const target of LAUNCH_TARGETS) {
        const result = portalTargetUrl(profile, FABRIKAM, target, { relationshipId: REL });
        if (result.ok) expect(allowed, `${profile.id} ${target}`).toContain(new URL(result.url).origin);
      }
    }
  });
});

describe('isServiceManagementUrl', () => {
  it('accepts https links on the profile’s portal hosts (real hosts, also in the sandbox profile)', () => {
    const link = `https://admin.microsoft.com/Partner/BeginClientSession.aspx?CTID=${T}&CSDEST=o365admincenter`;
    expect(isServiceManagementUrl(PUBLIC_CLOUD, link)).toBe(true);
    expect(isServiceManagementUrl(SANDBOX, link)).toBe(true);
    expect(isServiceManagementUrl(PUBLIC_CLOUD, `https://portal.azure.com/#@${T}`)).toBe(true);
  });

  it.each([
    'http://admin.microsoft.com/',
    'https://admin.microsoft.com:444/',
    'https://user:pw@admin.microsoft.com/',
    'https://admin.microsoft.com.evil.example/',
    'https://evil.example/?https://admin.microsoft.com/',
    'javascript:alert(1)',
    'https://admin.microsoft.com/ x',
    'https://admin.microsoft.com\\@evil.example/',
    'https://admin.teams.microsoft.com/',
    'not a url',
  ])('refuses %j', (bad) => {
    expect(isServiceManagementUrl(PUBLIC_CLOUD, bad)).toBe(false);
  });

  it('refuses a host the cloud does not have', () => {
    expect(isServiceManagementUrl(CHINA_CLOUD, 'https://admin.microsoft.com/')).toBe(false);
  });
});
