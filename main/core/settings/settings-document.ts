import { z } from 'zod';
import { CLOUD_PROFILE_IDS } from '../../../shared/platform/cloud-profile';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings/settings';
import { isGuid } from '../../../shared/platform/tenant-id';
import type { DocumentSpec } from '../platform/persistence/document-store';

/** settings.json: the cloud and the app registration. */
export const SETTINGS_DOCUMENT: DocumentSpec<Settings> = {
  name: 'settings',
  description: 'your settings',
  version: 2,
  schema: z.object({
    cloudProfile: z.enum(CLOUD_PROFILE_IDS),
    clientId: z.string().refine(isGuid).nullable(),
    globalHotkey: z.string().max(64).nullable(),
  }) as unknown as z.ZodType<Settings>,
  empty: () => DEFAULT_SETTINGS,
  migrations: [
    // v2 (the switcher's global hotkey): the default until the analyst chooses one.
    { from: 1, migrate: (data) => ({ globalHotkey: null, ...data }) },
  ],
};
