/**
 * Edits of mine that another laptop's edit replaced without having seen them. Each fact is
 * last-writer-wins by clock (events.ts), which converges but is silent: B sets 確定件数 to
 * 250 while offline, A sets 300 a little later without knowing, and B's 250 is simply gone.
 * An edit records the stamp of the value it started from (`seen`), so the events tell a
 * deliberate correction (it started from my value) from an overwrite (it did not). Derived
 * from the events alone, in any order; dismissed per person with an event of its own.
 */
import type { HonbuEvent } from '../events/event';
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

interface Write {
  event: HonbuEvent;
  value: unknown;
}

/** The stamp each changed fact showed when the edit began; absent for events made before it was recorded. */
export function seenStamps(e: HonbuEvent): Partial<Record<FactKey, string>> | undefined {
  if (!isIncidentPartEvent(e) || (e.type !== 'incident.report-filed' && e.type !== 'incident.facts-changed')) return undefined;
  return e.payload.seen;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The facts whose current value replaced my latest edit of them, by someone else, later by
 * the clock, without starting from my value — and that I have not dismissed.
 */
export function factOverrides(events: readonly HonbuEvent[], me: string): FactOverride[] {
  const winner = new Map<FactKey, Write>();
  const mine = new Map<FactKey, Write>();
  const startedFrom = new Map<FactKey, Set<string>>();
  const dismissed = new Set<string>();
  for (const e of events) {
    if (isIncidentPartEvent(e) && e.type === 'incident.override-seen') {
      if (e.actor === me) dismissed.add(`${e.payload.fact}:${e.payload.eventId}`);
      continue;
    }
    const seen = seenStamps(e);
    for (const [key, value] of Object.entries(factChanges(e)) as [FactKey, unknown][]) {
      if (value === undefined) continue;
      const w = winner.get(key);
      if (!w || w.event.at < e.at) winner.set(key, { event: e, value });
      const m = mine.get(key);
      if (e.actor === me && (!m || m.event.at < e.at)) mine.set(key, { event: e, value });
      const from = seen?.[key];
      if (from) (startedFrom.get(key) ?? startedFrom.set(key, new Set()).get(key)!).add(from);
    }
  }
  const out: FactOverride[] = [];
  for (const [fact, m] of mine) {
    const w = winner.get(fact)!;
    if (w.event.actor === me || w.event.at <= m.event.at || same(w.value, m.value)) continue;
    // Someone changed it knowing my value: a correction, not an overwrite.
    if (startedFrom.get(fact)?.has(m.event.at)) continue;
    if (dismissed.has(`${fact}:${w.event.id}`)) continue;
    out.push({
      fact,
      mine: { value: m.value, at: m.event.at, eventId: m.event.id },
      theirs: { value: w.value, at: w.event.at, actor: w.event.actor, eventId: w.event.id },
    });
  }
  return out.sort((a, b) => a.fact.localeCompare(b.fact));
}
