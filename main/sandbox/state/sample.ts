/**
 * The sample MSSP and its customers, from a seeded generator: the same seed gives the same world.
 * Customers come in every state an analyst meets (active, approval pending, ending within 30 days,
 * expired, terminated, with Global Administrator, guest-only, both, created but not sent, and one
 * relationship without a customer).
 */
import { ROLE_IDS } from '../../../shared/gdap/roles';
import { DAY_MS } from '../clock';
import { SeededRandom } from '../random';
import type { Relationship, SandboxData, User } from './model';

/** The public client ID of Switchboard's app in the sandbox: fixed, so the app knows it up front. */
const SANDBOX_PUBLIC_CLIENT_ID = '7a1e5b0a-7d0c-4c1e-9a11-5a4db0c11e47';

export interface SampleOptions {
  readonly customers: number;
  readonly seed: number;
  readonly now: Date;
}

/** The sample users a person can sign in as, with what each is for. */
export const SAMPLE_PARTNER_USERS = [
  {
    key: 'analyst',
    name: 'Ada Analyst',
    upn: 'ada.analyst',
    description: 'SOC analyst: in "SOC Analysts - Security Reader"',
  },
  {
    key: 'responder',
    name: 'Rory Responder',
    upn: 'rory.responder',
    description: 'Responder: in "Tier 2 Responders", nested in "SOC Responders - Security Operator"',
  },
  {
    key: 'admin',
    name: 'Pat Partner-Admin',
    upn: 'pat.admin',
    description: 'Partner admin: Admin agent (AdminAgents), Global Administrator of the partner tenant',
  },
  {
    key: 'helpdesk',
    name: 'Sam Helpdesk',
    upn: 'sam.helpdesk',
    description: 'Helpdesk agent: in HelpdeskAgents only, no GDAP path',
  },
] as const;

const NAMES = [
  'Fabrikam',
  'Northwind Traders',
  'Adatum',
  'Woodgrove Bank',
  'Tailspin Toys',
  'Wide World Importers',
  'Litware',
  'Proseware',
  'Alpine Ski House',
  'Coho Winery',
  'Lamna Healthcare',
  'Trey Research',
  'Bellows College',
  'Fourth Coffee',
  "Margie's Travel",
  'Humongous Insurance',
  'Blue Yonder Airlines',
  'City Power & Light',
  'Graphic Design Institute',
  'Relecloud',
  'VanArsdel',
  'Wingtip Toys',
  'Consolidated Messenger',
  'Southridge Video',
  'Lucerne Publishing',
  'School of Fine Art',
  'First Up Consultants',
  "Munson's Pickles",
  'Nod Publishers',
  'Best For You Organics',
  'Boulder Innovations',
  'Lakeshore Retail',
  'Northwind Health',
  'Woodgrove Pharmacy',
  'Adventure Works Cycles',
  'Contoso Pharmaceuticals',
  'Fabrikam Residences',
  'Tailwind Traders',
  'Datum Corporation',
  'Wide World Logistics',
];

/** What each customer (by index, cycling) looks like. */
const KINDS = [
  'active',
  'expiringSoon',
  'approvalPending',
  'globalAdmin',
  'expired',
  'guestOnly',
  'both',
  'terminated',
  'created',
  'readerOnly',
] as const;
export type SampleCustomerKind = (typeof KINDS)[number];

export function sampleKind(index: number): SampleCustomerKind {
  return KINDS[index % KINDS.length] as SampleCustomerKind;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

export function generateSample(options: SampleOptions): SandboxData {
  const random = new SeededRandom(options.seed);
  const now = options.now.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const partnerTenantId = random.guid();
  const partnerDomain = 'contosomssp.onmicrosoft.com';
  const data: SandboxData = {
    partnerTenantId,
    tenants: [
      { id: partnerTenantId, displayName: 'Contoso MSSP', defaultDomain: partnerDomain, kind: 'partner' },
    ],
    users: [],
    groups: [],
    roleAssignments: [],
    relationships: [],
    accessAssignments: [],
    operations: [],
    serviceManagement: [],
    invitations: [],
    subscriptions: [],
    armRoleAssignments: [],
    copilotSettings: [],
    applications: [],
  };

  const created = iso(now - 400 * DAY_MS);
  const addUser = (
    tenantId: string,
    upn: string,
    name: string,
    description: string,
    extra: Partial<User> = {},
  ): User => {
    const user: User = {
      id: random.guid(),
      tenantId,
      userPrincipalName: upn,
      displayName: name,
      mail: upn.includes('#EXT#') ? null : upn,
      userType: 'Member',
      externalUserState: null,
      creationType: null,
      homeUserId: null,
      description,
      createdDateTime: created,
      ...extra,
    };
    data.users.push(user);
    return user;
  };
  const partner = Object.fromEntries(
    SAMPLE_PARTNER_USERS.map((u) => [
      u.key,
      addUser(partnerTenantId, `${u.upn}@${partnerDomain}`, u.name, u.description),
    ]),
  ) as Record<(typeof SAMPLE_PARTNER_USERS)[number]['key'], User>;

  const group = (tenantId: string, displayName: string, description: string, members: string[]) => {
    const g = { id: random.guid(), tenantId, displayName, description, members };
    data.groups.push(g);
    return g;
  };
  // Partner Center's agent groups, and one security group per role, as partners set them up.
  group(partnerTenantId, 'AdminAgents', 'Partner Center admin agents', [partner.admin.id]);
  group(partnerTenantId, 'HelpdeskAgents', 'Partner Center helpdesk agents', [partner.helpdesk.id]);
  group(partnerTenantId, 'SalesAgents', 'Partner Center sales agents', []);
  const readers = group(
    partnerTenantId,
    'SOC Analysts - Security Reader',
    'GDAP: Security Reader in customer tenants',
    [partner.analyst.id],
  );
  const tier2 = group(partnerTenantId, 'Tier 2 Responders', 'Nested in SOC Responders', [
    partner.responder.id,
  ]);
  const responders = group(
    partnerTenantId,
    'SOC Responders - Security Operator',
    'GDAP: Security Operator in customer tenants',
    [tier2.id],
  );
  data.roleAssignments.push({
    id: random.guid(),
    tenantId: partnerTenantId,
    roleDefinitionId: ROLE_IDS.globalAdministrator,
    principalId: partner.admin.id,
    directoryScopeId: '/',
    startDateTime: null,
    endDateTime: null,
    kind: 'active',
  });

  data.applications.push(
    {
      clientId: SANDBOX_PUBLIC_CLIENT_ID,
      displayName: 'MSSP Switchboard (sandbox public client)',
      tenantId: partnerTenantId,
      kind: 'public',
      clientSecret: null,
      appRoles: [],
    },
    {
      clientId: random.guid(),
      displayName: 'Contoso MSSP automation',
      tenantId: partnerTenantId,
      kind: 'confidential',
      clientSecret: `sbx~${random.guid().replace(/-/g, '')}`,
      appRoles: ['DelegatedAdminRelationship.ReadWrite.All'],
    },
  );

  const securityRoles: Array<{ roleDefinitionId: string }> = [
    { roleDefinitionId: ROLE_IDS.securityReader },
    { roleDefinitionId: ROLE_IDS.securityOperator },
  ];
  for (let i = 0; i < options.customers; i++) {
    const base = NAMES[i % NAMES.length] as string;
    const round = Math.floor(i / NAMES.length);
    const name = round === 0 ? base : `${base} ${round + 1}`;
    const tenantId = random.guid();
    const domain = `${slug(base)}${round === 0 ? '' : round + 1}.onmicrosoft.com`;
    data.tenants.push({ id: tenantId, displayName: name, defaultDomain: domain, kind: 'customer' });
    const admin = addUser(tenantId, `admin@${domain}`, `${name} Admin`, `Global Administrator of ${name}`);
    data.roleAssignments.push({
      id: random.guid(),
      tenantId,
      roleDefinitionId: ROLE_IDS.globalAdministrator,
      principalId: admin.id,
      directoryScopeId: '/',
      startDateTime: null,
      endDateTime: null,
      kind: 'active',
    });
    if (i % 3 === 0) {
      data.subscriptions.push({
        subscriptionId: random.guid(),
        tenantId,
        displayName: `${name} Production`,
        state: 'Enabled',
      });
    }
    const kind = sampleKind(i);
    const relationship = (
      status: Relationship['status'],
      roles = securityRoles,
      extra: Partial<Relationship> = {},
    ) => {
      const activated = now - (100 + random.int(300)) * DAY_MS;
      const r: Relationship = {
        id: `${random.guid()}-${random.guid()}`,
        partnerTenantId,
        displayName: `${name.slice(0, 30)} SOC ${i + 1}`,
        duration: 'P730D',
        customer: { tenantId, displayName: name },
        accessDetails: { unifiedRoles: roles },
        autoExtendDuration: 'P180D',
        status,
        createdDateTime: iso(activated - 2 * DAY_MS),
        lastModifiedDateTime: iso(activated),
        activatedDateTime: ['created', 'approvalPending'].includes(status) ? null : iso(activated),
        endDateTime: ['created', 'approvalPending'].includes(status) ? null : iso(activated + 730 * DAY_MS),
        version: 1,
        approvedDateTime: ['created', 'approvalPending'].includes(status) ? null : iso(activated - DAY_MS),
        lockedDateTime: status === 'created' ? null : iso(activated - 2 * DAY_MS),
        terminationRequestedDateTime: null,
        requests: [],
        ...extra,
      };
      data.relationships.push(r);
      return r;
    };
    const assign = (r: Relationship, groupId: string, roleId: string) =>
      data.accessAssignments.push({
        id: random.guid(),
        relationshipId: r.id,
        accessContainer: { accessContainerId: groupId, accessContainerType: 'securityGroup' },
        accessDetails: { unifiedRoles: [{ roleDefinitionId: roleId }] },
        status: 'active',
        createdDateTime: r.activatedDateTime ?? r.createdDateTime,
        lastModifiedDateTime: r.activatedDateTime ?? r.createdDateTime,
        version: 1,
        settlesAt: null,
      });
    const standardAssignments = (r: Relationship) => {
      assign(r, readers.id, ROLE_IDS.securityReader);
      assign(r, responders.id, ROLE_IDS.securityOperator);
    };
    const guest = (partnerUser: User, roleId: string) => {
      const g = addUser(
        tenantId,
        `${partnerUser.userPrincipalName.replace('@', '_')}#EXT#@${domain}`,
        partnerUser.displayName,
        `Guest from Contoso MSSP (${partnerUser.displayName})`,
        {
          userType: 'Guest',
          externalUserState: 'Accepted',
          creationType: 'Invitation',
          homeUserId: partnerUser.id,
          mail: partnerUser.userPrincipalName,
        },
      );
      data.roleAssignments.push({
        id: random.guid(),
        tenantId,
        roleDefinitionId: roleId,
        principalId: g.id,
        directoryScopeId: '/',
        startDateTime: null,
        endDateTime: null,
        kind: 'active',
      });
    };
    switch (kind) {
      case 'active':
        standardAssignments(relationship('active'));
        break;
      case 'expiringSoon': {
        const end = now + (5 + random.int(20)) * DAY_MS;
        standardAssignments(
          relationship('active', securityRoles, {
            autoExtendDuration: 'PT0S',
            activatedDateTime: iso(end - 730 * DAY_MS),
            endDateTime: iso(end),
          }),
        );
        break;
      }
      case 'approvalPending':
        relationship('approvalPending', securityRoles, {
          lockedDateTime: iso(now - (1 + random.int(20)) * DAY_MS),
        });
        break;
      case 'globalAdmin':
        standardAssignments(
          relationship('active', [...securityRoles, { roleDefinitionId: ROLE_IDS.globalAdministrator }], {
            autoExtendDuration: 'PT0S',
          }),
        );
        break;
      case 'expired':
        relationship('expired', securityRoles, {
          activatedDateTime: iso(now - 800 * DAY_MS),
          endDateTime: iso(now - 70 * DAY_MS),
          autoExtendDuration: 'PT0S',
        });
        break;
      case 'guestOnly':
        guest(partner.analyst, ROLE_IDS.securityReader);
        guest(partner.responder, ROLE_IDS.securityOperator);
        break;
      case 'both':
        standardAssignments(relationship('active'));
        guest(partner.analyst, ROLE_IDS.securityReader);
        break;
      case 'terminated':
        relationship('terminated', securityRoles, { terminationRequestedDateTime: iso(now - 30 * DAY_MS) });
        break;
      case 'created':
        relationship('created');
        break;
      case 'readerOnly': {
        const r = relationship('active', [{ roleDefinitionId: ROLE_IDS.securityReader }]);
        assign(r, readers.id, ROLE_IDS.securityReader);
        break;
      }
    }
    // History, as real partners have it: earlier relationships that expired or were replaced
    // (about 2.5 relationships per GDAP customer on average).
    if (kind !== 'guestOnly') {
      const earlier = random.int(4);
      for (let h = 0; h < earlier; h++) {
        const ended = now - (30 + random.int(600)) * DAY_MS;
        relationship(h % 2 === 0 ? 'expired' : 'terminated', securityRoles, {
          displayName: `${name.slice(0, 28)} SOC ${i + 1}.${h + 1}`,
          activatedDateTime: iso(ended - 730 * DAY_MS),
          endDateTime: iso(ended),
          autoExtendDuration: 'PT0S',
          terminationRequestedDateTime: h % 2 === 0 ? null : iso(ended),
        });
      }
    }
    if (kind !== 'guestOnly' && kind !== 'created' && kind !== 'approvalPending') {
      data.serviceManagement.push({
        id: random.guid(),
        tenantId,
        serviceName: 'Microsoft 365 admin center',
        serviceManagementUrl: `https://admin.microsoft.com/Partner/BeginClientSession.aspx?CTID=${tenantId}&CSDEST=o365admincenter`,
      });
    }
  }
  // A relationship sent without a customer: any customer's Global Administrator may approve it.
  data.relationships.push({
    id: `${random.guid()}-${random.guid()}`,
    partnerTenantId,
    displayName: 'Open offer - Security Reader',
    duration: 'P365D',
    customer: null,
    accessDetails: { unifiedRoles: [{ roleDefinitionId: ROLE_IDS.securityReader }] },
    autoExtendDuration: 'PT0S',
    status: 'approvalPending',
    createdDateTime: iso(now - 3 * DAY_MS),
    lastModifiedDateTime: iso(now - 3 * DAY_MS),
    activatedDateTime: null,
    endDateTime: null,
    version: 1,
    approvedDateTime: null,
    lockedDateTime: iso(now - 3 * DAY_MS),
    terminationRequestedDateTime: null,
    requests: [],
  });
  return data;
}
