import type { CommandError, LaunchTarget } from '../../../../shared/contract/contract';
import type { TenantId } from '../../../../shared/platform/tenant-id';
import { invoke } from '../../app/bridge/bridge';
import type { LaunchModeId } from '../../../../shared/launch/launch-mode';
import { useLaunchWarning } from './LaunchIdentityNotice';

/**
 * Opens one of a customer's portals (`target`) in that customer's tenant. Main builds and checks the
 * URL; when the carrier cannot open it (the browser host), the page opens it as a new tab while the
 * click or key press still counts as the user's gesture.
 */
export async function launchTarget(
  tenantId: TenantId,
  target: LaunchTarget,
  mode?: LaunchModeId,
  /** The GDAP relationship a relationship's page (the approval link) is for. */
  relationshipId?: string,
): Promise<{ url: string } | { error: CommandError }> {
  const result = await invoke('launch.open', {
    tenantId,
    target,
    ...(mode ? { mode } : {}),
    ...(relationshipId ? { relationshipId } : {}),
  });
  if (!result.ok) return { error: result.error };
  if (result.value.openedBy === 'page') window.open(result.value.url, '_blank', 'noopener,noreferrer');
  // Several partner accounts and the shared default browser: say which account to use (App shows it).
  if (result.value.warning) useLaunchWarning.getState().show(result.value.warning);
  else useLaunchWarning.getState().dismiss();
  return { url: result.value.url };
}

/** Launches Security Copilot for a customer (the default target). */
export function launchSecurityCopilot(
  tenantId: TenantId,
): Promise<{ url: string } | { error: CommandError }> {
  return launchTarget(tenantId, 'securityCopilot');
}
