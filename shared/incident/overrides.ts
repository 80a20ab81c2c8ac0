/**
 * Edits of mine that another laptop's edit replaced without having seen them. Each fact is
 * last-writer-wins by clock (events.ts), which converges but is silent: B sets 確定件数 to
 * 250 while offline, A sets 300 a little later without knowing, and B's 250 is simply gone.
 * An edit records the stamp of the value it started from (`seen`), so the events tell a
 * deliberate correction (it started from my value) from an overwrite (it did not). Derived
 * from the events alone, in any order (the `fact-edits` projection); dismissed per person with
 * an event of its own.
 */
import type { HonbuEvent } from '../events/event';
import { foldAll, type ProjectionSpec } from '../events/projection';
import { isIncidentPartEvent } from './events';
import type { FactKey } from './model';
import { factChanges } from './projections';

export const OVERRIDE_SEEN = 'incident.override-seen';
export type { OverrideSeenPayload } from './events';

export interface FactOverride {
  fact: FactKey;
  mine: { value: unknown; at: string; eventId: string };
  theirs: { value: unknown; at: string; actor: string; eventId: string };
}

/** One write of a fact: its value, clock, author and event. */
export interface FactWrite {
  value: unknown;
  at: string;
  actor: string;
  eventId: string;
}

/**
 * What the overrides of one fact of one incident are worked out from (table `fact-edits`,
 * one row per incident and fact): the winning write, each person's latest write, the stamps
 * edits started from, and the overwrites each person dismissed. Every field merges by clock
 * or by union, so the row is the same in whatever order the events arrive.
 */
export interface FactEdits {
  /** `<incidentId>:<fact>` */
  id: string;
  incidentId: string;
  fact: FactKey;
  winner: FactWrite | null;
  latest: Record<string, FactWrite>;
  startedFrom: string[];
  /** Person → ids of the winning events they dismissed. */
  dismissed: Record<string, string[]>;
}

/** The stamp each changed fact showed when the edit began; absent for events made before it was recorded. */
export function seenStamps(e: HonbuEvent): Partial<Record<FactKey, string>> | undefined {
  if (!isIncidentPartEvent(e) || (e.type !== 'incident.report-filed' && e.type !== 'incident.facts-changed')) return undefined;
  return e.payload.seen;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const factEditsId = (incidentId: string, fact: FactKey) => `${incidentId}:${fact}`;

function factOfKey(key: string): FactKey {
  return key.slice(key.lastIndexOf(':') + 1) as FactKey;
}

/** Keeps only what can matter: the write with the later clock. */
const later = (a: FactWrite | null | undefined, b: FactWrite): FactWrite => (a && a.at >= b.at ? a : b);

export const factEditsProjection: ProjectionSpec<FactEdits> = {
  table: 'fact-edits',
  types: ['incident.first-reported', 'incident.report-filed', 'incident.facts-changed', OVERRIDE_SEEN],
  keys(e) {
    if (e.incidentId === null || !isIncidentPartEvent(e)) return [];
    if (e.type === OVERRIDE_SEEN) return [factEditsId(e.incidentId, e.payload.fact)];
    return (Object.entries(factChanges(e)) as [FactKey, unknown][]).filter(([, value]) => value !== undefined).map(([fact]) => factEditsId(e.incidentId!, fact));
  },
  reduce(row, e, key) {
    const fact = factOfKey(key);
    const next: FactEdits = row
      ? { ...row, latest: { ...row.latest }, dismissed: { ...row.dismissed } }
      : { id: key, incidentId: e.incidentId!, fact, winner: null, latest: {}, startedFrom: [], dismissed: {} };
    if (isIncidentPartEvent(e) && e.type === OVERRIDE_SEEN) {
      const mine = next.dismissed[e.actor] ?? [];
      if (!mine.includes(e.payload.eventId)) next.dismissed[e.actor] = [...mine, e.payload.eventId].sort();
      return next;
    }
    const write: FactWrite = { value: factChanges(e)[fact], at: e.at, actor: e.actor, eventId: e.id };
    next.winner = later(next.winner, write);
    next.latest[e.actor] = later(next.latest[e.actor], write);
    const from = seenStamps(e)?.[fact];
    if (from && !next.startedFrom.includes(from)) next.startedFrom = [...next.startedFrom, from].sort();
    return next;
  },
  index: (row) => ({ incidentId: row.incidentId }),
};

/**
 * My edit of this fact that another laptop's edit replaced, later by the clock, without
 * starting from my value — unless I dismissed it; null when there is none.
 */
export function overrideOf(row: FactEdits, me: string): FactOverride | null {
  const m = row.latest[me];
  const w = row.winner;
  if (!m || !w || w.actor === me || w.at <= m.at || same(w.value, m.value)) return null;
  // Someone changed it knowing my value: a correction, not an overwrite.
  if (row.startedFrom.includes(m.at)) return null;
  if (row.dismissed[me]?.includes(w.eventId)) return null;
  return {
    fact: row.fact,
    mine: { value: m.value, at: m.at, eventId: m.eventId },
    theirs: { value: w.value, at: w.at, actor: w.actor, eventId: w.eventId },
  };
}

/** The overrides of me among an incident's fact rows, by fact. */
export function overridesOf(rows: Iterable<FactEdits>, me: string): FactOverride[] {
  const out: FactOverride[] = [];
  for (const row of rows) {
    const o = overrideOf(row, me);
    if (o) out.push(o);
  }
  return out.sort((a, b) => a.fact.localeCompare(b.fact));
}

/**
 * The facts whose current value replaced my latest edit of them, by someone else, later by
 * the clock, without starting from my value — and that I have not dismissed. From the
 * events of one incident; the screens read the same from the `fact-edits` projection.
 */
export function factOverrides(events: readonly HonbuEvent[], me: string): FactOverride[] {
  return overridesOf(foldAll(factEditsProjection, events).values(), me);
}
