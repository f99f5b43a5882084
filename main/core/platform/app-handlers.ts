/** The contract's `app.*` commands: what this app is, where its data lives, and its notices. */
import type { AppInfo, CommandName } from '../../../shared/contract/contract';
import { CLOUD_PROFILE_LABELS } from '../../../shared/platform/cloud-profile';
import type { SettingsService } from '../settings/settings-service';
import type { Handlers } from './dispatcher';
import type { Notices } from './notices';

export type AppHandlers = Pick<Handlers, Extract<CommandName, `app.${string}`>>;

export function appHandlers(deps: {
  readonly host: AppInfo['host'];
  readonly version: string;
  readonly dataDir: string;
  readonly settings: SettingsService;
  readonly notices: Notices;
}): AppHandlers {
  const { settings, notices } = deps;
  return {
    'app.info': () => ({
      version: deps.version,
      host: deps.host,
      dataDir: deps.dataDir,
      profile: { id: settings.get().cloudProfile, label: CLOUD_PROFILE_LABELS[settings.get().cloudProfile] },
      notices: notices.list(),
    }),
    'app.dismissNotice': ({ id }) => ({ dismissed: notices.dismiss(id) }),
  };
}
