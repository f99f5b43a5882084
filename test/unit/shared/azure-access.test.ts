import { describe, expect, it } from 'vitest';
import {
  availabilityText,
  copilotBulkSchema,
  copilotChangeSchema,
} from '../../../shared/azure-access/azure-access';
import {
  CHINA_CLOUD,
  directLineUrl,
  PUBLIC_CLOUD,
  sandboxCloud,
  US_GOVERNMENT_CLOUD,
} from '../../../shared/platform/cloud-profile';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const GROUP = { id: '0b5c1a8e-1d3f-4c1e-9a53-2f0d3c6e1a11', kind: 'group', displayName: 'Azure Operators' };
const messages = (
  input: unknown,
  schema: { safeParse(v: unknown): { success: boolean; error?: unknown } },
) => {
  const parsed = schema.safeParse(input);
  return parsed.success
    ? []
    : (parsed.error as { issues: Array<{ message: string }> }).issues.map((i) => i.message);
};

describe('a Copilot in Azure change, as typed and picked', () => {
  it('takes the tenant ID as a hurried person pastes it, and the principal as the picker gives it', () => {
    for (const typed of [TENANT, ` ${TENANT.toUpperCase()} `, `\t${TENANT}\n`]) {
      const parsed = copilotChangeSchema.parse({
        tenantId: typed,
        restrict: true,
        add: [{ ...GROUP, id: ` ${GROUP.id} `, detail: 'Operators of the Azure estate' }],
        remove: [],
      });
      expect(parsed.tenantId).toBe(TENANT);
      expect(parsed.add[0]?.id).toBe(GROUP.id);
    }
    expect(
      copilotChangeSchema.parse({ tenantId: null, restrict: false, add: [], remove: [] }).tenantId,
    ).toBeNull();
  });

  it('refuses what cannot be a change, saying what is wrong', () => {
    expect(messages({ tenantId: null, restrict: null, add: [], remove: [] }, copilotChangeSchema)).toEqual([
      'Nothing to change: choose on or off, or users or groups to add or remove.',
    ]);
    expect(
      messages({ tenantId: null, restrict: null, add: [GROUP], remove: [GROUP] }, copilotChangeSchema),
    ).toEqual(['The same user or group is both added and removed; pick one.']);
    expect(
      messages(
        { tenantId: null, restrict: null, add: [{ ...GROUP, id: 'Azure Operators' }], remove: [] },
        copilotChangeSchema,
      ),
    ).toEqual(['The user or group ID must be a GUID like 00000000-0000-0000-0000-000000000000.']);
    expect(
      messages({ tenantId: 'contoso.com', restrict: true, add: [], remove: [] }, copilotChangeSchema)[0],
    ).toContain('A domain name such as contoso.com is not a tenant ID');
    expect(
      messages(
        { tenantId: null, restrict: true, add: [{ ...GROUP, kind: 'device' }], remove: [] },
        copilotChangeSchema,
      ),
    ).toEqual(['A principal is a "user" or a "group".']);
  });

  it('a bulk change needs customers and a group name', () => {
    expect(messages({ tenantIds: [], groupName: 'Azure Operators' }, copilotBulkSchema)).toEqual([
      'Pick at least one customer.',
    ]);
    for (const blank of ['', '   ', '\t'])
      expect(messages({ tenantIds: [TENANT], groupName: blank }, copilotBulkSchema)[0]).toContain(
        'Type the name of the group',
      );
    expect(copilotBulkSchema.parse({ tenantIds: [` ${TENANT} `], groupName: ' Azure Operators ' })).toEqual({
      tenantIds: [TENANT],
      groupName: 'Azure Operators',
    });
  });

  it('words the availability for people', () => {
    expect(availabilityText('everyone', true)).toBe(
      'Available to all users (never restricted: Microsoft’s default)',
    );
    expect(availabilityText('everyone', false)).toBe('Available to all users');
    expect(availabilityText('restricted', false)).toContain('Azure Copilot User');
  });
});

describe('the Direct Line host comes from the cloud profile', () => {
  it('is the public host, rewritten onto the sandbox, and absent where the cloud names none', () => {
    expect(directLineUrl(PUBLIC_CLOUD, '/v3/x')?.href).toBe('wss://directline.botframework.com/v3/x');
    expect(directLineUrl(sandboxCloud('https://127.0.0.1:4443'), '/v3/x')?.href).toBe(
      'wss://127.0.0.1:4443/portals/directline.botframework.com/v3/x',
    );
    expect(directLineUrl(US_GOVERNMENT_CLOUD, '/v3/x')).toBeUndefined();
    expect(directLineUrl(CHINA_CLOUD, '/v3/x')).toBeUndefined();
  });
});
