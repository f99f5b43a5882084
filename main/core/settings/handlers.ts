/** The contract's `settings.*` commands. A saved change of cloud takes effect at once. */
import type { CommandName } from '../../../shared/contract/contract';
import type { CloudService } from '../platform/cloud/cloud-service';
import type { Handlers } from '../platform/dispatcher';
import type { SettingsService } from './settings-service';

export type SettingsHandlers = Pick<Handlers, Extract<CommandName, `settings.${string}`>>;

export function settingsHandlers(settings: SettingsService, cloud: CloudService): SettingsHandlers {
  return {
    'settings.get': () => settings.get(),
    'settings.update': async (next) => {
      const saved = settings.update(next);
      await cloud.settingsChanged();
      return saved;
    },
  };
}
