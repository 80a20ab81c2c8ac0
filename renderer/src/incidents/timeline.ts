/**
 * The timeline: every event of the incident as a line a person can read, with the phase
 * it belongs to (tasks and decisions carry one), for the view and its exports.
 */
import type { Phase } from '../../../shared/boards/model';
import type { Task } from '../../../shared/boards/tasks';
import type { HonbuEvent } from '../../../shared/events/event';
import { markdownTable } from '../../../shared/export/markdown';
import { toCsv } from '../../../shared/export/csv';
import { EVENT_GROUPS, eventGroup, isRegisteredEventType, typesOfGroup, type EventGroup } from '../../../shared/events/registry';
import type { useT } from '../i18n/i18n';
import { formatDateTime, hlcIso } from '../ui/format';
import { summarise, typeLabel } from './timeline-summary';
import { taskTitle } from '../boards/task-words';

export { typeLabel };

type T = ReturnType<typeof useT>;

export interface TimelineEntry {
  id: string;
  at: string;
  actor: string;
  type: string;
  phase: Phase | null;
  summary: string;
}

export function toEntries(t: T, events: HonbuEvent[], tasks: Task[], actorName: (id: string) => string): TimelineEntry[] {
  const ctx = { tasks: new Map(tasks.map((x) => [x.id, { title: taskTitle(x, t.lang), phase: x.phase }])), actorName, events: new Map(events.map((e) => [e.id, e])) };
  return events.map((e) => ({ id: e.id, at: hlcIso(e.at), actor: actorName(e.actor), type: e.type, ...summarise(t, e, ctx) }));
}

/** Filter values naming a whole group: "group:report". */
export const GROUP = 'group:';

export function matchesType(filter: string, type: string): boolean {
  if (filter === '') return true;
  if (filter.startsWith(GROUP)) return (eventGroup(type) ?? '') === filter.slice(GROUP.length);
  return filter === type;
}

/** The types present, in their groups, in registry order; types this version does not know last. */
export function groupedTypes(present: string[]): { group: EventGroup | null; types: string[] }[] {
  const seen = new Set(present);
  const out: { group: EventGroup | null; types: string[] }[] = EVENT_GROUPS.map((group) => ({ group, types: typesOfGroup(group).filter((x) => seen.has(x)) as string[] }));
  out.push({ group: null, types: [...seen].filter((x) => !isRegisteredEventType(x)).sort() });
  return out.filter((g) => g.types.length > 0);
}

function exportRows(t: T, entries: TimelineEntry[]): string[][] {
  return entries.map((x) => [formatDateTime(x.at, t.lang), x.actor, typeLabel(t, x.type), x.phase ? t(`roles.${x.phase}`) : '', x.summary]);
}

function exportHeader(t: T): string[] {
  const c = t.dict.timeline.columns;
  return [c.at, c.actor, c.type, c.phase, c.summary];
}

export function timelineMarkdown(t: T, title: string, entries: TimelineEntry[]): string {
  return `# ${title} — ${t('timeline.title')}\n\n${markdownTable(exportHeader(t), exportRows(t, entries))}\n`;
}

export function timelineCsv(t: T, entries: TimelineEntry[]): string {
  return toCsv(exportHeader(t), exportRows(t, entries));
}
