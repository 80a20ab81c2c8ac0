/**
 * Scenario templates edited in the app (DFIR-IRIS users complain of JSON-only editing).
 * A saved template is a workspace event; the built-in ones stay in code and an edited
 * copy with the same id replaces them.
 */
import type { HonbuEvent } from '../events/event';
import type { ProjectionSpec } from '../events/projection';
import type { ScenarioTemplate } from './model';

export type TemplateSaved = HonbuEvent<'templates.template-saved', { template: ScenarioTemplate }>;

export interface StoredTemplate extends ScenarioTemplate {
  savedAt: string;
}

export const templatesProjection: ProjectionSpec<StoredTemplate> = {
  table: 'templates',
  keys: (e) => (e.type === 'templates.template-saved' ? [(e as TemplateSaved).payload.template.id] : []),
  reduce(row, e) {
    const { template } = (e as TemplateSaved).payload;
    if (row && row.savedAt > e.at) return row;
    return { ...template, builtin: false, savedAt: e.at };
  },
  index: () => ({}),
};

/** Built-ins first, each replaced by its edited copy; then the user's own templates. */
export function mergeTemplates(builtin: ScenarioTemplate[], saved: StoredTemplate[]): ScenarioTemplate[] {
  const byId = new Map(saved.map((t) => [t.id, t]));
  const merged = builtin.map((b) => byId.get(b.id) ?? b);
  const own = saved.filter((t) => !builtin.some((b) => b.id === t.id)).sort((a, b) => a.name.localeCompare(b.name, 'ja'));
  return [...merged, ...own];
}
