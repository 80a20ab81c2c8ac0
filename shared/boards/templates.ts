/**
 * Scenario templates edited in the app (DFIR-IRIS users complain of JSON-only editing).
 * A saved template is a workspace event; the built-in ones stay in code and an edited
 * copy with the same id replaces them.
 *
 * A saved template is used only when it keeps the limits a file import enforces
 * (template-file.ts): an event that skipped them (a modified laptop) would otherwise reach
 * every laptop's date arithmetic when a board starts from it. Such an event is ignored by
 * the fold — the last good save, or the built-in template, stays.
 *
 * Versions: a board says which version it started from, so one id and version number never
 * names two different wordings. Each save claims a version (the one it was edited from plus
 * one, or a file's); the fold renumbers by clock — each save is at least one after the save
 * before it — so two laptops that both saved version 4 show 4 and 5, and an older file
 * imported after version 5 becomes 6, on every laptop whatever the order events arrive in.
 */
import type { HonbuEvent } from '../events/event';
import type { ProjectionSpec } from '../events/projection';
import { isBoardsEvent, type BoardsEvent } from './events';
import type { ScenarioTemplate } from './model';
import { validateTemplate } from './template-file';

export type TemplateSaved = Extract<BoardsEvent, { type: 'boards.template-saved' }>;

function isTemplateSaved(e: HonbuEvent): e is TemplateSaved {
  return isBoardsEvent(e) && e.type === 'boards.template-saved';
}

export interface StoredTemplate extends ScenarioTemplate {
  /** Clock of the save whose words these are (the latest). */
  savedAt: string;
  /** Who saved these words; absent on rows folded before it was kept. */
  savedBy?: string;
  /**
   * Every save of this id: its clock → the version it claimed. `version` above is the latest
   * save's renumbered one (see the top of this file). Absent on rows folded before it was kept.
   */
  saves?: Record<string, number>;
}

/**
 * Whether a template keeps the limits a file import enforces, so readers can use it: due hours
 * 0 to 87,600 or none, a version of 1 to TEMPLATE_LIMITS.maxVersion, tasks, keys, phases,
 * lengths and counts. Its size in bytes is not judged: a template saved before that limit
 * stays as it was (decision 065). `version: false` leaves the version out (a stored row's
 * renumbered version may pass the bound by the number of saves).
 */
export function usableTemplate(t: unknown, opts: { version?: boolean } = {}): t is ScenarioTemplate {
  if (typeof t !== 'object' || t === null) return false;
  const template = templateOf(t as ScenarioTemplate);
  const checked = opts.version === false ? { ...template, version: 1 } : template;
  return validateTemplate(checked).every((er) => er.code === 'too-large');
}

/** A template without a stored row's own bookkeeping (what the editor edits and saves). */
export function templateOf(t: ScenarioTemplate | StoredTemplate): ScenarioTemplate {
  const { savedAt: _at, savedBy: _by, saves: _saves, ...template } = t as Partial<StoredTemplate> & ScenarioTemplate;
  return template;
}

/** The latest save's version: saves in clock order, each at least one after the one before. */
export function renumbered(saves: Record<string, number>): number {
  let version = 0;
  for (const at of Object.keys(saves).sort()) version = Math.max(saves[at]!, version + 1);
  return version;
}

export const templatesProjection: ProjectionSpec<StoredTemplate> = {
  table: 'templates',
  keys: (e) => (isTemplateSaved(e) ? [e.payload.template.id] : []),
  reduce(row, e) {
    if (!isTemplateSaved(e)) return row ?? null;
    const { template } = e.payload;
    if (!usableTemplate(template)) return row ?? null;
    const saves = { ...(row ? (row.saves ?? { [row.savedAt]: row.version }) : {}), [e.at]: template.version };
    const version = renumbered(saves);
    if (row && row.savedAt > e.at) return { ...row, version, saves };
    return { ...template, builtin: false, version, savedAt: e.at, savedBy: e.actor, saves };
  },
  index: () => ({}),
};

/**
 * Built-ins first, each replaced by its edited copy; then the user's own templates. A stored
 * row that breaks the limits (folded before they were applied) is left out, so the built-in
 * template of its id is used again.
 */
export function mergeTemplates(builtin: ScenarioTemplate[], saved: StoredTemplate[]): ScenarioTemplate[] {
  const usable = saved.filter((t) => usableTemplate(t, { version: false }) && Number.isSafeInteger(t.version) && t.version >= 1);
  const byId = new Map(usable.map((t) => [t.id, t]));
  const merged = builtin.map((b) => byId.get(b.id) ?? b);
  const own = usable.filter((t) => !builtin.some((b) => b.id === t.id)).sort((a, b) => a.name.localeCompare(b.name, 'ja'));
  return [...merged, ...own];
}

/** The version a template edited from `opened` is saved as: one after the newest known of its id. */
export function nextVersion(opened: Pick<ScenarioTemplate, 'version'>, current: Pick<ScenarioTemplate, 'version'> | undefined): number {
  return Math.max(opened.version, current?.version ?? 0) + 1;
}
