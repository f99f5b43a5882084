import { z } from 'zod';
import type { DirectorySnapshot } from '../../../shared/directory/directory';
import type { DocumentSpec } from '../platform/persistence/document-store';

export interface DirectoryDocument {
  readonly snapshot: DirectorySnapshot | null;
}

/**
 * directory.json: the GDAP directory from the last sync, written whole (atomically) at the end of a
 * sync, so it is either the old directory or the new one, and is there offline at the next start.
 */
export const DIRECTORY_DOCUMENT: DocumentSpec<DirectoryDocument> = {
  name: 'directory',
  description: 'the customer directory from your last sync',
  version: 1,
  schema: z.object({
    snapshot: z
      .object({
        syncedAt: z.string(),
        account: z.string(),
        customers: z.array(z.looseObject({ tenantId: z.string(), displayName: z.string() })),
        openRelationships: z.array(z.looseObject({ id: z.string() })),
        // The user the directory was read as and their groups (absent in older files).
        reader: z.object({ userId: z.string(), groupIds: z.array(z.string()) }).nullish(),
      })
      .nullable(),
  }) as unknown as z.ZodType<DirectoryDocument>,
  empty: () => ({ snapshot: null }),
  migrations: [],
};
