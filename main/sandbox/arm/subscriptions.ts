/**
 * ARM subscriptions: the list (`/subscriptions`) and one (`/subscriptions/{id}`), each showing only
 * the subscriptions of the token's tenant that the caller has a role on.
 */
import type { SandboxContext } from '../context';
import { armError } from '../http/errors';
import type { Subscription } from '../state/model';
import { API_VERSIONS, type ArmHandler, type ArmKit } from './common';

const subscriptionJson = (s: Subscription) => ({
  id: `/subscriptions/${s.subscriptionId}`,
  authorizationSource: 'RoleBased',
  managedByTenants: [],
  subscriptionId: s.subscriptionId,
  tenantId: s.tenantId,
  displayName: s.displayName,
  state: s.state,
  subscriptionPolicies: {
    locationPlacementId: 'Public_2014-09-01',
    quotaId: 'PayAsYouGo_2014-09-01',
    spendingLimit: 'Off',
  },
});

export function subscriptionRoutes(ctx: SandboxContext, kit: ArmKit): ArmHandler {
  const { state } = ctx;
  const { authorize, rolesAt } = kit;
  return (req, path, token) => {
    if (req.method !== 'GET') return undefined;

    // --- subscriptions -----------------------------------------------------------------------------
    if (/^subscriptions$/i.test(path)) {
      const auth = authorize(req, token, API_VERSIONS.subscriptions);
      if (!auth.ok) return auth.response;
      // UNCONFIRMED (conservative): a subscription is listed only to callers with a role on it or
      // above it (elevated access at `/` counts); being Global Administrator alone is not enough.
      const visible = state.data.subscriptions.filter(
        (s) =>
          s.tenantId === auth.claims.tid &&
          rolesAt(auth.claims, `/subscriptions/${s.subscriptionId}`).size > 0,
      );
      return {
        status: 200,
        json: {
          value: visible.map(subscriptionJson),
        },
      };
    }

    // --- subscriptions/{id} ------------------------------------------------------------------------
    const subMatch = /^subscriptions\/([^/]+)$/i.exec(path);
    if (!subMatch) return undefined;
    const id = (subMatch[1] ?? '').toLowerCase();
    const auth = authorize(req, token, API_VERSIONS.subscriptions, `/subscriptions/${id}`);
    if (!auth.ok) return auth.response;
    const sub = state.data.subscriptions.find(
      (s) => s.subscriptionId.toLowerCase() === id && s.tenantId === auth.claims.tid,
    );
    if (!sub || rolesAt(auth.claims, `/subscriptions/${sub.subscriptionId}`).size === 0)
      return armError(404, 'SubscriptionNotFound', `The subscription '${subMatch[1]}' could not be found.`);
    return { status: 200, json: subscriptionJson(sub) };
  };
}
