/**
 * The role templates as the analyst sees them: the built-in ones (or the analyst's edited copies,
 * same id), then the analyst's own. The GDAP handlers list and save them; bulk plans read them.
 */
import { BUILT_IN_TEMPLATES, type RoleTemplate } from '../../../shared/gdap/gdap-draft';
import type { DocumentStore } from '../platform/persistence/document-store';
import type { TemplateDocument } from './gdap-documents';

export type ListedTemplate = RoleTemplate & { builtIn: boolean };

export function templateList(store: DocumentStore<TemplateDocument>): () => ListedTemplate[] {
  return () => {
    const own = store.get().templates;
    const builtIns = BUILT_IN_TEMPLATES.map((t) => ({
      ...(own.find((o) => o.id === t.id) ?? t),
      builtIn: true,
    }));
    return [
      ...builtIns,
      ...own
        .filter((o) => !BUILT_IN_TEMPLATES.some((t) => t.id === o.id))
        .map((t) => ({ ...t, builtIn: false })),
    ];
  };
}
