import type { AccessPath } from '../customers/access-path';
import { assertNever } from '../platform/assert-never';
import { COPILOT_PLUGINS, type CopilotPlugin } from './plugin-catalogue';

/** Whether one plugin works for this customer given how the MSSP reaches it. */
export type Reach = 'reached' | 'partly' | 'not-reached';

export interface PluginReach {
  readonly plugin: CopilotPlugin;
  readonly reach: Reach;
  /** Which path carries it, in the analyst's words. */
  readonly via: string;
  /** The one thing to do about it; empty when nothing needs doing. */
  readonly action: string;
}

/**
 * Which Security Copilot plugins a customer's access path reaches. B2B guests get every plugin the
 * customer has; GDAP reaches only the plugins the published matrix marks as supporting it.
 */
export function pluginReachFor(
  path: AccessPath,
  plugins: ReadonlyArray<CopilotPlugin> = COPILOT_PLUGINS,
): ReadonlyArray<PluginReach> {
  return plugins.map((plugin) => {
    switch (path) {
      case 'b2b':
        return { plugin, reach: 'reached', via: 'B2B guest', action: '' };
      case 'both':
        if (plugin.support === 'yes')
          return { plugin, reach: 'reached', via: 'GDAP or B2B guest', action: '' };
        return {
          plugin,
          reach: 'reached',
          via: 'B2B guest only',
          action: `Sign in with your guest account in this tenant for ${plugin.name}; GDAP ${plugin.support === 'partial' ? 'reaches only a few of its capabilities' : 'does not reach it'}.`,
        };
      case 'gdap':
        if (plugin.support === 'yes') return { plugin, reach: 'reached', via: 'GDAP', action: '' };
        if (plugin.support === 'partial')
          return {
            plugin,
            reach: 'partly',
            via: 'GDAP (a few capabilities)',
            action: `For all of ${plugin.name}, ask the customer to invite you as a B2B guest with Security Operator or Security Reader.`,
          };
        return {
          plugin,
          reach: 'not-reached',
          via: 'none',
          action: `Reach ${plugin.name} through B2B: ask the customer to invite you as a guest with Security Operator or Security Reader.`,
        };
      case 'none':
        return {
          plugin,
          reach: 'not-reached',
          via: 'none',
          action:
            'Set up access first: a GDAP relationship with Security Reader or Security Operator, or a B2B guest account.',
        };
      default:
        return assertNever(path);
    }
  });
}
