/**
 * Access assignments: partner security groups mapped to roles within a relationship. Every rule is
 * checked before sending (an active relationship, a group of the partner tenant that is not one of
 * Partner Center's agent groups, only the relationship's roles, one assignment per group); edits and
 * removals carry the ETag the user saw, and the 202 operation of an edit is followed to its end.
 */
import { z } from 'zod';
import type { RelationshipDetails } from '../../../shared/gdap/gdap-contract';
import {
  ACCESS_GRANTING_STATUSES,
  accessAssignmentSchema,
  type DelegatedAdminRelationship,
} from '../../../shared/gdap/gdap';
import { roleName } from '../../../shared/gdap/roles';
import { UserFacingError } from '../platform/errors';
import { graphGet } from '../platform/graph/graph-client';
import { followOperation } from './gdap-operation';
import type { GdapService, Session } from './gdap-service';
import type { GraphAnswer } from './graph-write';

const BASE = '/tenantRelationships/delegatedAdminRelationships';

export class GdapAssignments {
  constructor(
    private readonly gdap: GdapService,
    private readonly now: () => Date,
  ) {}

  async addAssignment(
    relationshipId: string,
    groupId: string,
    roleIds: ReadonlyArray<string>,
    session?: Session,
  ): Promise<RelationshipDetails> {
    const s = session ?? (await this.gdap.session());
    const r = await this.gdap.readRelationship(s, relationshipId);
    await this.checkAssignment(s, r, groupId, roleIds);
    const answer = await this.gdap.send(s, r.customer?.tenantId ?? null, 'assignment.create', {
      method: 'POST',
      path: `${BASE}/${encodeURIComponent(relationshipId)}/accessAssignments`,
      body: {
        accessContainer: { accessContainerId: groupId, accessContainerType: 'securityGroup' },
        accessDetails: { unifiedRoles: roleIds.map((id) => ({ roleDefinitionId: id.toLowerCase() })) },
      },
    });
    const created = accessAssignmentSchema.safeParse(answer.body);
    if (created.success) this.gdap.settle(relationshipId, created.data.id);
    return this.gdap.details(s, r);
  }

  /** Every rule for an assignment, checked before sending. */
  async checkAssignment(
    s: Session,
    r: DelegatedAdminRelationship,
    groupId: string,
    roleIds: ReadonlyArray<string>,
  ): Promise<void> {
    if (!ACCESS_GRANTING_STATUSES.has(r.status)) {
      throw new UserFacingError(
        'refused',
        `"${r.displayName}" is ${r.status}; access assignments can be made once the customer has approved it and it is active.`,
      );
    }
    const group = (await this.gdap.partnerGroups('', s)).find(
      (g) => g.id.toLowerCase() === groupId.toLowerCase(),
    );
    if (!group)
      throw new UserFacingError(
        'invalid_input',
        `There is no security group ${groupId} in your partner tenant. Pick one from the list.`,
        [{ field: 'groupId', message: 'Pick a group of your partner tenant.' }],
      );
    if (group.reserved) {
      throw new UserFacingError(
        'invalid_input',
        `${group.displayName} is reserved by Partner Center and cannot hold GDAP roles. Create a security group of your own (for example "SOC Analysts") and assign that.`,
        [{ field: 'groupId', message: `${group.displayName} cannot be assigned.` }],
      );
    }
    const allowed = new Set(r.accessDetails.unifiedRoles.map((x) => x.roleDefinitionId.toLowerCase()));
    const outside = roleIds.filter((id) => !allowed.has(id.toLowerCase()));
    if (outside.length > 0) {
      throw new UserFacingError(
        'invalid_input',
        `${outside.map(roleName).join(', ')} ${outside.length === 1 ? 'is' : 'are'} not among the roles of "${r.displayName}". Assign only its roles: ${[...allowed].map(roleName).join(', ')}.`,
        [{ field: 'roleIds', message: "Only the relationship's roles can be assigned." }],
      );
    }
    const existing = await this.gdap.readAssignments(s, r.id);
    if (
      existing.some(
        (a) =>
          a.accessContainer.accessContainerId.toLowerCase() === groupId.toLowerCase() &&
          a.status !== 'deleted' &&
          a.status !== 'deleting',
      )
    ) {
      throw new UserFacingError(
        'conflict',
        `${group.displayName} already has an assignment in "${r.displayName}". Edit that one instead.`,
      );
    }
  }

  async updateAssignment(
    relationshipId: string,
    assignmentId: string,
    etag: string,
    roleIds: ReadonlyArray<string>,
  ): Promise<RelationshipDetails> {
    const s = await this.gdap.session();
    const r = await this.gdap.readRelationship(s, relationshipId);
    const allowed = new Set(r.accessDetails.unifiedRoles.map((x) => x.roleDefinitionId.toLowerCase()));
    const outside = roleIds.filter((id) => !allowed.has(id.toLowerCase()));
    if (outside.length > 0)
      throw new UserFacingError(
        'invalid_input',
        `${outside.map(roleName).join(', ')} ${outside.length === 1 ? 'is' : 'are'} not among the roles of "${r.displayName}".`,
      );
    const path = `${BASE}/${encodeURIComponent(relationshipId)}/accessAssignments/${encodeURIComponent(assignmentId)}`;
    const answer = await this.gdap.send(
      s,
      r.customer?.tenantId ?? null,
      'assignment.update',
      {
        method: 'PATCH',
        path,
        body: {
          accessDetails: { unifiedRoles: roleIds.map((id) => ({ roleDefinitionId: id.toLowerCase() })) },
        },
        ifMatch: etag,
      },
      async () => {
        const fresh = accessAssignmentSchema.safeParse(
          await graphGet(s.client, path, z.unknown()).catch(() => null),
        );
        return fresh.success
          ? `It now has ${fresh.data.accessDetails.unifiedRoles.map((x) => roleName(x.roleDefinitionId)).join(', ')}. `
          : '';
      },
    );
    if (answer.status === 202) await this.followOperation(s, answer, relationshipId, assignmentId);
    return this.gdap.details(s, r);
  }

  async removeAssignment(
    relationshipId: string,
    assignmentId: string,
    etag: string,
  ): Promise<RelationshipDetails> {
    const s = await this.gdap.session();
    const r = await this.gdap.readRelationship(s, relationshipId);
    const path = `${BASE}/${encodeURIComponent(relationshipId)}/accessAssignments/${encodeURIComponent(assignmentId)}`;
    await this.gdap.send(
      s,
      r.customer?.tenantId ?? null,
      'assignment.delete',
      { method: 'DELETE', path, ifMatch: etag },
      async () => 'The assignment was reloaded. ',
    );
    this.gdap.settle(relationshipId, assignmentId);
    return this.gdap.details(s, r);
  }

  /** A 202's operation (Location), followed until it succeeds or fails, within a minute. */
  private async followOperation(
    s: Session,
    answer: GraphAnswer,
    relationshipId: string,
    assignmentId: string,
  ): Promise<void> {
    if (!answer.headers.get('location')) return;
    const outcome = await followOperation(s.client, answer, { now: this.now });
    if (outcome === 'failed')
      throw new UserFacingError(
        'unavailable',
        'Microsoft reported that the assignment change failed. Check the assignment and try again.',
      );
    if (outcome === 'stillRunning') {
      this.gdap.settle(relationshipId, assignmentId);
      throw new UserFacingError(
        'unavailable',
        'The assignment change is still running at Microsoft after a minute; Switchboard keeps following it and will tell you when it settles.',
      );
    }
  }
}
