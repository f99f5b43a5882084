/**
 * Graph delegatedAdminCustomers (those with an active relationship), their service management
 * details, and findTenantInformationByTenantId / ByDomainName.
 */
import { ACCESS_GRANTING_STATUSES } from '../../../../shared/gdap/gdap';
import { isGuid } from '../../../../shared/platform/tenant-id';
import type { SandboxContext } from '../../context';
import { graphError } from '../../http/errors';
import type { Router } from '../../http/router';
import { hasPermission } from '../../identity/token-service';
import { pageOf } from '../odata';
import { BASE, CODES, ENTITIES, gdapPage, type GdapKit } from './common';

export function registerCustomerRoutes(router: Router, ctx: SandboxContext, kit: GdapKit): void {
  const { state } = ctx;
  const { authorize, notFound } = kit;
  // --- customers ----------------------------------------------------------------------------------
  /** A delegatedAdminCustomer exists while the customer has an active relationship (GDAP docs). */
  function customers() {
    state.advance();
    const tenants = new Map<string, string>();
    for (const r of state.data.relationships) {
      if (r.customer && ACCESS_GRANTING_STATUSES.has(r.status))
        tenants.set(r.customer.tenantId, r.customer.displayName);
    }
    return [...tenants.entries()].map(([tenantId, displayName]) => ({ id: tenantId, tenantId, displayName }));
  }

  router.get(`${BASE}/delegatedAdminCustomers`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    return pageOf(
      req,
      customers(),
      `${ctx.baseUrl}/graph/v1.0/$metadata#tenantRelationships/delegatedAdminCustomers`,
      // UNCONFIRMED: which options this list takes beyond $top; we answer $filter and $select only.
      gdapPage(ENTITIES.customer, { orderby: false, count: false }),
    );
  });

  router.get(`${BASE}/delegatedAdminCustomers/:id`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    const c = customers().find((x) => x.id === req.params.id);
    return c ? { status: 200, json: c } : notFound(req, 'delegatedAdminCustomer', req.params.id);
  });

  // findTenantInformationByTenantId(tenantId='{id}') and findTenantInformationByDomainName(
  // domainName='{domain}'): a tenant's public facts (name, default domain). Any signed-in caller with
  // CrossTenantInformation.ReadBasic.All may look up any tenant.
  router.get(`${BASE}/:fn`, (req) => {
    const fn = req.params.fn ?? '';
    const byId = /^findTenantInformationByTenantId\(tenantId='([^']*)'\)$/i.exec(fn);
    const byDomain = /^findTenantInformationByDomainName\(domainName='([^']*)'\)$/i.exec(fn);
    const m = byId ?? byDomain;
    if (!m)
      return graphError(
        req,
        400,
        CODES.badRequest,
        `Resource not found for the segment '${req.params.fn ?? ''}'.`,
      );
    const a = ctx.tokens.requireGraph(req);
    if (!a.ok) return a.response;
    if (!hasPermission(a.claims, 'CrossTenantInformation.ReadBasic.All')) {
      return graphError(
        req,
        403,
        'Authorization_RequestDenied',
        'Insufficient privileges to complete the operation.',
      );
    }
    const key = (m[1] ?? '').toLowerCase();
    // UNCONFIRMED: Graph's answer for a domain no tenant has; the reading here is the same 404 as for
    // an unknown tenant ID. Only a tenant's default domain is known to the sandbox (model.ts).
    const tenant = byId
      ? isGuid(key)
        ? state.tenant(key)
        : undefined
      : state.data.tenants.find((t) => t.defaultDomain.toLowerCase() === key);
    if (!tenant)
      return graphError(
        req,
        404,
        'Request_ResourceNotFound',
        byId ? `Tenant '${m[1] ?? ''}' was not found.` : `Domain '${m[1] ?? ''}' was not found.`,
      );
    return {
      status: 200,
      json: {
        '@odata.context': `${ctx.baseUrl}/graph/v1.0/$metadata#microsoft.graph.tenantInformation`,
        tenantId: tenant.id,
        federationBrandName: null,
        displayName: tenant.displayName,
        defaultDomainName: tenant.defaultDomain,
      },
    };
  });

  router.get(`${BASE}/delegatedAdminCustomers/:id/serviceManagementDetails`, (req) => {
    const auth = authorize(req, false);
    if (!auth.ok) return auth.response;
    if (!customers().some((x) => x.id === req.params.id))
      return notFound(req, 'delegatedAdminCustomer', req.params.id);
    const details = state.data.serviceManagement
      .filter((d) => d.tenantId === req.params.id)
      .map((d) => ({ id: d.id, serviceName: d.serviceName, serviceManagementUrl: d.serviceManagementUrl }));
    return {
      status: 200,
      json: {
        '@odata.context': `${ctx.baseUrl}/graph/v1.0/$metadata#serviceManagementDetails`,
        value: details,
      },
    };
  });
}
