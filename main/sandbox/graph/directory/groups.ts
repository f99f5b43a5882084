/**
 * Graph groups of the token's tenant: list, get, and their members (direct, or transitive through
 * nested groups).
 */
import type { SandboxContext } from '../../context';
import type { Router } from '../../http/router';
import type { Group } from '../../state/model';
import { pageOf } from '../odata';
import { USERS_PAGE, V1, type DirectoryKit } from './common';

export function registerGroupRoutes(router: Router, ctx: SandboxContext, kit: DirectoryKit): void {
  const { state } = ctx;
  const { ctxUrl, authorize, notFound, userJson, groupJson, groupsOf, findGroup } = kit;

  router.get(`${V1}/groups`, (req) => {
    const a = authorize(req);
    if (!a.ok) return a.response;
    return pageOf(req, groupsOf(a.claims.tid).map(groupJson), ctxUrl('groups'), {
      ...USERS_PAGE,
      orderby: true,
      count: true,
      advancedQueries: { defaultOrderby: ['displayName'] },
    });
  });
  router.get(`${V1}/groups/:id`, (req) => {
    const a = authorize(req);
    if (!a.ok) return a.response;
    const g = findGroup(a.claims.tid, req.params.id);
    return g ? { status: 200, json: groupJson(g) } : notFound(req, req.params.id);
  });
  const members = (g: Group, transitive: boolean): Array<Record<string, unknown>> => {
    const out = new Map<string, Record<string, unknown>>();
    const visit = (group: Group) => {
      for (const id of group.members) {
        const user = state.user(id);
        const nested = state.group(id);
        if (user && !out.has(id)) out.set(id, { '@odata.type': '#microsoft.graph.user', ...userJson(user) });
        if (nested && !out.has(id)) {
          out.set(id, { '@odata.type': '#microsoft.graph.group', ...groupJson(nested) });
          if (transitive) visit(nested);
        }
      }
    };
    visit(g);
    return [...out.values()];
  };
  for (const [segment, transitive] of [
    ['members', false],
    ['transitiveMembers', true],
  ] as const) {
    router.get(`${V1}/groups/:id/${segment}`, (req) => {
      const a = authorize(req);
      if (!a.ok) return a.response;
      const g = findGroup(a.claims.tid, req.params.id);
      if (!g) return notFound(req, req.params.id);
      return pageOf(req, members(g, transitive), ctxUrl('directoryObjects'), USERS_PAGE);
    });
  }
}
