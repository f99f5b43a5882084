import { z } from 'zod';
import { launchModeSchema, type LaunchMode } from '../../../shared/launch/launch-mode';
import type { DocumentSpec } from '../platform/persistence/document-store';

export interface LaunchModeDocument {
  /** Partner account (home account ID) → how its launches open. */
  readonly accounts: Readonly<Record<string, LaunchMode>>;
}

/** launch-modes.json: the launch mode chosen for each partner account. */
export const LAUNCH_MODE_DOCUMENT: DocumentSpec<LaunchModeDocument> = {
  name: 'launch-modes',
  description: 'your launch modes',
  version: 1,
  schema: z.object({
    accounts: z.record(z.string(), launchModeSchema),
  }) as unknown as z.ZodType<LaunchModeDocument>,
  empty: () => ({ accounts: {} }),
  migrations: [],
};
