/**
 * Scenario templates edited in the app (DFIR-IRIS users complain of JSON-only editing).
 * A saved template is a workspace event; the built-in ones stay in code and an edited
 * copy with the same id replaces them.
 */
import type { HonbuEvent } from '../events/event';
import type { ProjectionSpec } from '../events/projection';
import { isBoardsEvent, type BoardsEvent } from './events';
import type { ScenarioTemplate } from './model';

export type TemplateSaved = Extract<BoardsEvent, { type: 'boards.template-saved' }>;

function isTemplateSaved(e: HonbuEvent): e is TemplateSaved {
  return isBoardsEvent(e) && e.type === 'boards.template-saved';
}

export interface StoredTemplate extends ScenarioTemplate {
  savedAt: string;
}

export const templatesProjection: ProjectionSpec<StoredTemplate> = {
  table: 'templates',
  keys: (e) => (isTemplateSaved(e) ? [e.payload.template.id] : []),
  reduce(row, e) {
    if (!isTemplateSaved(e)) return row ?? null;
    const { template } = e.payload;
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
