/**
 * Which of my edits another laptop's edit replaced without having seen them, for any
 * last-writer-wins field — the mechanism of the facts (shared/incident/overrides.ts) made
 * general, so the PPC draft, the regulator premises, the company profile and document
 * sections say it the same way. An edit records the stamp each changed field showed when it
 * began (`seen`): a later edit that started from my write is a correction; one that did not
 * is an overwrite, and I am told (who, what, when) until I dismiss it.
 *
 * Every part of a `FieldEdits` merges by clock or by union, so it is the same in whatever
 * order the events arrive. Parts keep one per field in their own row.
 */

/** One write of a field: its value, clock, author and event. */
export interface FieldWrite {
  value: unknown;
  at: string;
  actor: string;
  eventId: string;
}

export interface FieldEdits {
  /** The write in force (latest clock). */
  winner: FieldWrite | null;
  /** Each person's latest write. */
  latest: Record<string, FieldWrite>;
  /** Stamps edits of this field started from. */
  startedFrom: string[];
  /** Person → ids of the winning events they dismissed. */
  dismissed: Record<string, string[]>;
}

export interface FieldOverride {
  field: string;
  mine: { value: unknown; at: string; eventId: string };
  theirs: { value: unknown; at: string; actor: string; eventId: string };
}

export const NO_EDITS: FieldEdits = { winner: null, latest: {}, startedFrom: [], dismissed: {} };

/** Keeps only what can matter: the write with the later clock. */
export const laterWrite = (a: FieldWrite | null | undefined, b: FieldWrite): FieldWrite => (a && a.at >= b.at ? a : b);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The edits of a field after one more write, which started from the stamp `seen` (if known). */
export function withWrite(edits: FieldEdits | undefined, write: FieldWrite, seen: string | undefined): FieldEdits {
  const e = edits ?? NO_EDITS;
  const startedFrom = seen && !e.startedFrom.includes(seen) ? [...e.startedFrom, seen].sort() : e.startedFrom;
  return { ...e, winner: laterWrite(e.winner, write), latest: { ...e.latest, [write.actor]: laterWrite(e.latest[write.actor], write) }, startedFrom };
}

/** The edits of a field after `person` dismissed the overwrite by event `eventId`. */
export function withDismissal(edits: FieldEdits | undefined, person: string, eventId: string): FieldEdits {
  const e = edits ?? NO_EDITS;
  const mine = e.dismissed[person] ?? [];
  return mine.includes(eventId) ? e : { ...e, dismissed: { ...e.dismissed, [person]: [...mine, eventId].sort() } };
}

/**
 * My write of this field that another person's write replaced, later by the clock, without
 * starting from my value — unless I dismissed it; null when there is none.
 */
export function fieldOverride(field: string, edits: FieldEdits | undefined, me: string): FieldOverride | null {
  const m = edits?.latest[me];
  const w = edits?.winner;
  if (!edits || !m || !w || w.actor === me || w.at <= m.at || same(w.value, m.value)) return null;
  // Someone changed it knowing my value: a correction, not an overwrite.
  if (edits.startedFrom.includes(m.at)) return null;
  if (edits.dismissed[me]?.includes(w.eventId)) return null;
  return { field, mine: { value: m.value, at: m.at, eventId: m.eventId }, theirs: { value: w.value, at: w.at, actor: w.actor, eventId: w.eventId } };
}

/** Every override of me among a row's fields, by field name. */
export function fieldOverrides(edits: Record<string, FieldEdits> | undefined, me: string): FieldOverride[] {
  return Object.entries(edits ?? {})
    .map(([field, e]) => fieldOverride(field, e, me))
    .filter((o): o is FieldOverride => o !== null)
    .sort((a, b) => a.field.localeCompare(b.field));
}

/** The stamps the changed fields showed before an edit: what the edit started from. */
export function seenOf(stamps: Record<string, string>, prefix: string, fields: readonly string[]): Record<string, string> | undefined {
  const seen = Object.fromEntries(fields.map((f) => [f, stamps[`${prefix}.${f}`]]).filter(([, s]) => s !== undefined)) as Record<string, string>;
  return Object.keys(seen).length > 0 ? seen : undefined;
}
