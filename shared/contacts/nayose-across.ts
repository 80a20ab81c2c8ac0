/**
 * 名寄せ across lists: a merged cluster spanning lists gets one letter, printed by one list
 * (NayoseDecisions.letterOf). A post result for any member holds for every member, in every
 * list — each list's share is its own `outcomes-recorded` event (statuses live per list), all
 * appended together and carrying one `linked` id, so undoing any of them takes all back.
 */
import { accept, type CommandContext, type CommandResult } from '../events/command';
import type { HonbuEvent } from '../events/event';
import type { AnyDraft } from '../events/registry';
import type { UndoState } from './applied-lists';
import { type OutcomeRecord, recordOutcomes, undoEvent, undoList } from './commands';
import type { Outcome } from './fallback';
import { CONTACT_EVENT_TYPES, isContactEvent, undoneIds } from './events';
import type { NayoseDecisions, OutcomeRows } from './nayose-decisions';

/**
 * The shares of other lists of a post result: per list, the members merged with a row of the
 * plan, with that row's outcome, reason and note. Lists in the order first met, rows once each.
 */
export function carryAcross<O>(plan: OutcomeRows<O>, decisions: NayoseDecisions): OutcomeRows<O>[] {
  if (plan.channel !== 'post') return [];
  const byList = new Map<string, OutcomeRows<O>>();
  const named = new Set<string>();
  plan.rows.forEach((row, i) => {
    for (const m of decisions.mergedElsewhere(plan.datasetId, row)) {
      const key = `${m.datasetId}\u0000${m.row}`;
      if (named.has(key)) continue;
      named.add(key);
      let share = byList.get(m.datasetId);
      if (!share) byList.set(m.datasetId, (share = { datasetId: m.datasetId, channel: plan.channel, rows: [], outcomes: [], reasons: [], notes: [] }));
      share.rows.push(m.row);
      share.outcomes.push(plan.outcomes[i]!);
      share.reasons.push(plan.reasons[i]!);
      share.notes.push(plan.notes[i] ?? '');
    }
  });
  return [...byList.values()];
}

/** A result event linked to others (one letter's result carried across lists): its dataset and id. */
export interface LinkedEvent {
  datasetId: string;
  eventId: string;
}

/**
 * The live events one result made together with `eventId` (itself included, its own first):
 * those sharing its `linked` id and not undone. Just itself when it carries no link.
 */
export function linkedEvents(events: readonly HonbuEvent[], datasetId: string, eventId: string): LinkedEvent[] {
  const self = { datasetId, eventId };
  const own = events.find((e) => e.id === eventId);
  if (!own || !isContactEvent(own) || own.type !== CONTACT_EVENT_TYPES.outcomesRecorded || !own.payload.linked) return [self];
  const link = own.payload.linked;
  const undone = undoneIds(events);
  const out: LinkedEvent[] = [self];
  for (const e of events) {
    if (e.id === eventId || undone.has(e.id) || !isContactEvent(e) || e.type !== CONTACT_EVENT_TYPES.outcomesRecorded) continue;
    if (e.payload.linked === link) out.push({ datasetId: e.payload.datasetId, eventId: e.id });
  }
  return out;
}

/**
 * A post result with its shares in other lists: one `outcomes-recorded` event per list, all
 * in one append, linked by one id (no link when nothing is carried: the event is as before).
 */
export function recordLetterResult(ctx: CommandContext, state: { incidentId: string }, plan: OutcomeRecord, carried: readonly OutcomeRows<Outcome>[]): CommandResult {
  if (carried.length === 0) return recordOutcomes(ctx, state, plan);
  const linked = ctx.newId();
  const shares: OutcomeRecord[] = [
    { ...plan, linked },
    ...carried.map((c) => ({ datasetId: c.datasetId, channel: plan.channel, source: plan.source, rows: c.rows, outcomes: c.outcomes, reasons: c.reasons, notes: c.notes, listName: plan.listName, linked })),
  ];
  const events: AnyDraft[] = [];
  for (const share of shares) {
    const r = recordOutcomes(ctx, state, share);
    if (!r.ok) return r;
    events.push(...r.events);
  }
  return accept(events);
}

/**
 * Undoes a result and every share linked to it. As an applied list (`checked`), refused unless
 * each share is still the latest change to its list's customers — one share alone is never
 * taken back, so no record of the cluster keeps a result the others lost.
 */
export function undoLinked(
  ctx: CommandContext,
  state: { incidentId: string; shares: (LinkedEvent & { list?: UndoState })[]; checked: boolean },
): CommandResult {
  const events: AnyDraft[] = [];
  for (const s of state.shares) {
    const r = state.checked ? undoList(ctx, { incidentId: state.incidentId, list: s.list }, s) : undoEvent(ctx, state, s);
    if (!r.ok) return r;
    events.push(...r.events);
  }
  return accept(events);
}
