import { z } from 'zod';
import { roleTemplateSchema, type RoleTemplate } from '../../../shared/gdap/gdap-draft';
import type { DocumentSpec } from '../platform/persistence/document-store';

export interface TemplateDocument {
  /** The analyst's own templates, and edited copies of built-in ones (same id). */
  readonly templates: ReadonlyArray<RoleTemplate>;
}

/** gdap-templates.json: role templates kept locally. */
export const TEMPLATE_DOCUMENT: DocumentSpec<TemplateDocument> = {
  name: 'gdap-templates',
  description: 'your GDAP role templates',
  version: 1,
  schema: z.object({ templates: z.array(roleTemplateSchema) }) as unknown as z.ZodType<TemplateDocument>,
  empty: () => ({ templates: [] }),
  migrations: [],
};

export interface AlertDocument {
  /** Relationship ID → the smallest expiry threshold (30, 7, 1 days) already alerted. */
  readonly alerted: Readonly<Record<string, number>>;
}

/** gdap-alerts.json: which expiry alerts were already shown, so each threshold alerts once. */
export const ALERT_DOCUMENT: DocumentSpec<AlertDocument> = {
  name: 'gdap-alerts',
  description: 'the expiry alerts already shown',
  version: 1,
  schema: z.object({ alerted: z.record(z.string(), z.number()) }) as unknown as z.ZodType<AlertDocument>,
  empty: () => ({ alerted: {} }),
  migrations: [],
};
