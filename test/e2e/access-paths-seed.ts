/**
 * What the access-path e2e test (test/e2e/access-paths.spec.ts) and its screenshots
 * (scripts/screenshot-switcher.ts) start from: the app's own sample (40 customers, seed 1, as the
 * browser host generates it) where the partner's AdminAgents hold Guest Inviter, User Administrator
 * and Privileged Role Administrator in one customer through GDAP (its draft relationship made
 * active), and nobody else has a GDAP path there. Written where the browser host's sandbox loads its
 * state from (`<data folder>/sandbox/sandbox-state.json`) before it first starts. Then Pat invites Ada
 * there through the app (inviteAdaAsPat), so Switchboard holds the link to accept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { generateSample, sampleKind } from '../../main/sandbox/state/sample';
import { ROLE_IDS } from '../../shared/gdap/roles';

export interface AccessPathSeed {
  /** Ada reaches it through GDAP only ("SOC Analysts - Security Reader"). */
  readonly gdapOnly: string;
  /** Ada reaches it through GDAP and as an accepted guest with Security Reader. */
  readonly both: string;
  /** Its relationship expired: nobody reaches it. */
  readonly expired: string;
  /** Only AdminAgents have GDAP there: where Pat invites Ada. */
  readonly invitedTo: string;
}

export function seedAccessPaths(dataDir: string): AccessPathSeed {
  const data = generateSample({ customers: 40, seed: 1, now: new Date() });
  const customers = data.tenants.filter((t) => t.kind === 'customer');
  const named = (kind: string) => customers.find((_, i) => sampleKind(i) === kind)?.displayName ?? '';
  const invitedTo = customers.find((_, i) => sampleKind(i) === 'created');
  const relationship = data.relationships.find(
    (r) => r.customer?.tenantId === invitedTo?.id && r.status === 'created',
  );
  const adminAgents = data.groups.find((g) => g.displayName === 'AdminAgents');
  if (!invitedTo || !relationship || !adminAgents)
    throw new Error('The sample changed: no draft relationship');
  const now = Date.now();
  const day = 86_400_000;
  const roles = [ROLE_IDS.guestInviter, ROLE_IDS.userAdministrator, ROLE_IDS.privilegedRoleAdministrator].map(
    (roleDefinitionId) => ({ roleDefinitionId }),
  );
  Object.assign(relationship, {
    status: 'active',
    accessDetails: { unifiedRoles: roles },
    activatedDateTime: new Date(now - day).toISOString(),
    endDateTime: new Date(now + 700 * day).toISOString(),
    approvedDateTime: new Date(now - 2 * day).toISOString(),
    lockedDateTime: new Date(now - 3 * day).toISOString(),
  });
  data.accessAssignments.push({
    id: randomUUID(),
    relationshipId: relationship.id,
    accessContainer: { accessContainerId: adminAgents.id, accessContainerType: 'securityGroup' },
    accessDetails: { unifiedRoles: roles },
    status: 'active',
    createdDateTime: new Date(now - day).toISOString(),
    lastModifiedDateTime: new Date(now - day).toISOString(),
    version: 1,
    settlesAt: null,
  });
  fs.mkdirSync(path.join(dataDir, 'sandbox'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'sandbox', 'sandbox-state.json'), JSON.stringify(data));
  return {
    gdapOnly: named('active'),
    both: named('both'),
    expired: named('expired'),
    invitedTo: invitedTo.displayName,
  };
}

/** The row of a customer in the customers list. */
export const customerRow = (page: Page, name: string) =>
  page.locator('[data-tenant]').filter({ has: page.getByText(name, { exact: true }) });

/** Finds a customer in the list and opens its page. */
export async function openCustomer(page: Page, name: string) {
  await page.getByRole('searchbox', { name: 'Search customers' }).fill(name);
  await customerRow(page, name).getByText(name, { exact: true }).click();
  return page.getByTestId('customer-detail');
}

/**
 * As Pat (signed in, the directory synced as him): invites Ada to `customer` with Security Reader,
 * permanent, on the customer's page, and returns the link to accept it.
 */
export async function inviteAdaAsPat(page: Page, customer: string): Promise<string> {
  const section = (await openCustomer(page, customer)).getByRole('region', { name: 'Guest accounts' });
  await section.getByRole('button', { name: 'Invite an analyst' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite an analyst as a guest' });
  await invite.getByLabel('Email address').fill('ada.analyst@contosomssp.onmicrosoft.com');
  await invite.getByLabel('Directory role').selectOption({ label: 'Security Reader' });
  await invite.getByRole('radio', { name: 'Permanent' }).check();
  await invite.getByRole('button', { name: 'Invite' }).click();
  const link = section.getByRole('textbox', { name: 'Link for the analyst to accept the invitation' });
  await link.waitFor();
  return link.inputValue();
}
