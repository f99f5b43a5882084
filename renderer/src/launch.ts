import type { CommandError } from '../../shared/contract';
import type { TenantId } from '../../shared/tenant-id';
import { invoke } from './bridge/bridge';

/**
 * Launches Security Copilot for a customer. Main builds and checks the URL; when the carrier cannot
 * open it (the browser host), the page opens it as a new tab while the click still counts as the
 * user's gesture.
 */
export async function launchSecurityCopilot(
  tenantId: TenantId,
): Promise<{ url: string } | { error: CommandError }> {
  const result = await invoke('launch.open', { tenantId, target: 'securityCopilot' });
  if (!result.ok) return { error: result.error };
  if (result.value.openedBy === 'page') window.open(result.value.url, '_blank', 'noopener,noreferrer');
  return { url: result.value.url };
}
