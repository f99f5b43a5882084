/**
 * ARM role definitions at any scope: the built-in ones (builtin-roles.ts), listed (optionally
 * filtered by `roleName eq '...'`) or read by ID, with IDs written for the scope asked. A list shows
 * only the roles assignable at that scope (an assignable scope at or above it): the Azure Copilot
 * User role, assignable only at `/providers/Microsoft.PortalServices`, is not in a subscription's
 * list and must be looked up at its own scope (UNCONFIRMED for the root scope `/`, where the
 * sandbox lists only roles assignable at `/`).
 */
import { armError } from '../http/errors';
import { ROLE_DEFINITIONS } from './builtin-roles';
import { API_VERSIONS, definitionId, splitScope, within, type ArmHandler, type ArmKit } from './common';

export function roleDefinitionRoutes(kit: ArmKit): ArmHandler {
  const { authorize } = kit;
  return (req, path, token) => {
    const split = splitScope(path);
    const definition = split && /^roleDefinitions(?:\/([^/]+))?$/i.exec(split.rest);
    if (!split || !definition) return undefined;
    const { scope } = split;
    const auth = authorize(req, token, API_VERSIONS.roleDefinitions, scope);
    if (!auth.ok) return auth.response;
    const filter = req.query.get('$filter');
    const name = filter ? /^roleName eq '([^']*)'$/i.exec(filter)?.[1] : undefined;
    if (filter && name === undefined)
      return armError(400, 'InvalidFilter', `The filter '${filter}' is not supported.`);
    const json = (d: (typeof ROLE_DEFINITIONS)[number]) => ({
      id: definitionId(scope, d.id),
      name: d.id,
      type: 'Microsoft.Authorization/roleDefinitions',
      properties: {
        roleName: d.roleName,
        type: 'BuiltInRole',
        description: d.description,
        assignableScopes: d.assignableScopes,
        permissions: d.permissions,
      },
    });
    if (definition[1]) {
      const d = ROLE_DEFINITIONS.find((x) => x.id === definition[1]?.toLowerCase());
      return d
        ? { status: 200, json: json(d) }
        : armError(404, 'RoleDefinitionDoesNotExist', 'The specified role definition does not exist.');
    }
    return {
      status: 200,
      json: {
        value: ROLE_DEFINITIONS.filter(
          (d) =>
            d.assignableScopes.some((s) => within(scope, s)) &&
            (name === undefined || d.roleName.toLowerCase() === name.toLowerCase()),
        ).map(json),
      },
    };
  };
}
