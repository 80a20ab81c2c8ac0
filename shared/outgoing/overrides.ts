/**
 * The only way past the unfilled-facts gate: direction (方針指導) decides that a document
 * may go out while some facts are still unknown, and says why. The decision is an event,
 * so it is on the timeline, syncs to every laptop and can be read back afterwards (who
 * let what go out, with which gaps, and why).
 */
import * as v from 'valibot';
import type { DraftOf, HonbuEvent } from '../events/event';
import { foldAll, type ProjectionSpec } from '../events/projection';
import type { AccessRole } from '../roles/model';
import { rolesThatMay } from '../roles/table';
import { isOutgoingEvent, OVERRIDE_RECORDED, overrideRecordedSchema, type OutgoingEvent, type OverrideRecordedPayload, type outgoingEvents } from './events';
import { OUTGOING_KINDS, type OutgoingDocument, type UnfilledFact } from './unfilled';

export { OVERRIDE_RECORDED } from './events';
export type { OverrideRecordedPayload, OverrideUse } from './events';

/** Direction decides what the company says, so only it may send a text with gaps. */
/** Read from the one role table (shared/roles/table.ts). */
export const OVERRIDE_ROLES: readonly AccessRole[] = rolesThatMay('outgoing.override-recorded');

const MAX_REASON = 1000;
/** Enough to say where a gap is; a letter template has a handful of uses at most. */
const MAX_USES = 100;

export type OverrideRecorded = Extract<OutgoingEvent, { type: typeof OVERRIDE_RECORDED }>;

export interface ReleaseOverride extends OverrideRecordedPayload {
  incidentId: string | null;
  at: string;
  /** Person id of the direction member who decided. */
  actor: string;
}

export interface OverrideProblem {
  field: 'by' | 'reason' | 'facts' | 'document';
  reason: 'not-allowed' | 'required' | 'too-long' | 'nothing-missing';
}

export type OverrideResult = { ok: true; event: DraftOf<typeof outgoingEvents> } | { ok: false; problems: OverrideProblem[] };

/**
 * Records that `document` may go out without the facts the check found missing in it.
 * `unfilled` is what the check reports now: the override names those facts and no others.
 */
export function overrideRelease(
  incidentId: string,
  overrideId: string,
  by: { roles: readonly AccessRole[] },
  document: Pick<OutgoingDocument, 'id' | 'kind' | 'title'>,
  unfilled: readonly UnfilledFact[],
  reason: string,
): OverrideResult {
  const problems: OverrideProblem[] = [];
  if (!by.roles.some((r) => OVERRIDE_ROLES.includes(r))) problems.push({ field: 'by', reason: 'not-allowed' });
  if (reason.trim() === '') problems.push({ field: 'reason', reason: 'required' });
  else if (reason.length > MAX_REASON) problems.push({ field: 'reason', reason: 'too-long' });
  if (document.id.trim() === '' || !(OUTGOING_KINDS as readonly string[]).includes(document.kind)) problems.push({ field: 'document', reason: 'required' });
  const inDoc = unfilled
    .map((u) => ({ fact: u.fact, uses: u.uses.filter((use) => use.documentId === document.id) }))
    .filter((u) => u.uses.length > 0);
  if (inDoc.length === 0) problems.push({ field: 'facts', reason: 'nothing-missing' });
  if (problems.length > 0) return { ok: false, problems };
  const payload: OverrideRecordedPayload = {
    overrideId,
    documentId: document.id,
    kind: document.kind,
    title: document.title,
    facts: inDoc.map((u) => u.fact),
    uses: inDoc.flatMap((u) => u.uses.map((use) => ({ fact: u.fact, where: use.where, line: use.line }))).slice(0, MAX_USES),
    reason: reason.trim(),
  };
  return { ok: true, event: { type: OVERRIDE_RECORDED, incidentId, payload } };
}

export function isOverrideRecorded(e: HonbuEvent): e is OverrideRecorded {
  return isOutgoingEvent(e) && e.type === OVERRIDE_RECORDED;
}

/**
 * The gate opens only for a payload of the right shape. Events are parsed before they are
 * stored; checking again here keeps the gate closed even for a list of events that never
 * went through a store (a test, an export read back).
 */
function wellFormed(e: OverrideRecorded): boolean {
  return v.is(overrideRecordedSchema, e.payload);
}

/**
 * The overrides, one row each (table `release-overrides`). Overrides are never edited: the
 * same event folded twice (a replay, a re-sync) counts once, the earliest by the clock.
 */
export const releaseOverridesProjection: ProjectionSpec<ReleaseOverride & { id: string }> = {
  table: 'release-overrides',
  types: [OVERRIDE_RECORDED],
  keys: (e) => (isOverrideRecorded(e) && wellFormed(e) ? [e.payload.overrideId] : []),
  reduce(row, e) {
    if (!isOverrideRecorded(e)) return row ?? null;
    if (row && row.at <= e.at) return row;
    return { ...e.payload, id: e.payload.overrideId, facts: [...e.payload.facts], uses: [...e.payload.uses], incidentId: e.incidentId, at: e.at, actor: e.actor };
  },
  index: (row) => ({ incidentId: row.incidentId ?? '' }),
};

/** Overrides oldest first, as the gate reads them. */
export function byClock<T extends { at: string }>(rows: Iterable<T>): T[] {
  return [...rows].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The overrides of an incident, oldest first, from its events (the projection's reference fold). */
export function foldOverrides(events: Iterable<HonbuEvent>): ReleaseOverride[] {
  return byClock(foldAll(releaseOverridesProjection, events).values()).map(({ id: _id, ...o }) => o);
}
