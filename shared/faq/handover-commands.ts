/**
 * 委託先に渡す: records which approved entries, at which versions and with which text,
 * went to the call-centre vendor. Stale or draft answers never go: a stale one blocks
 * until it is approved again, or until the person names it as left out (recorded).
 */
import type { CompanyFields } from '../company/events';
import { accept, refuse, type CommandContext, type CommandResult } from '../events/command';
import type { Facts } from '../incident/model';
import { changesSince, handoverItems, heldBefore, numbersBefore, selectForHandover, vendorOnHold, type FaqHandover } from './handover';
import { FAQ_HANDED_OVER } from './handover-events';
import type { FaqEntry } from './model';

export interface HandOverState {
  incidentId: string | null;
  /** The incident's title as the team calls it. */
  title: string;
  entries: readonly FaqEntry[];
  facts: Facts;
  handovers: readonly FaqHandover[];
  /** The company profile: its own address and numbers may be in an answer (as the approval reads them). */
  company?: Partial<CompanyFields> | null;
}

export interface HandOverArgs {
  /** The answer template rendered with the live facts (the printed handbook's rendering). */
  render: (template: string) => string;
  /** Stale entries the person saw and chose to leave out; any other stale entry blocks. */
  leaveOut: readonly string[];
}

/** Value: the handover's id and number. */
export function handOver(ctx: CommandContext, state: HandOverState, args: HandOverArgs): CommandResult<{ handoverId: string; version: number }> {
  const selection = selectForHandover(state.entries, state.facts, state.company);
  const confirmed = new Set(args.leaveOut);
  const blocking = selection.stale.filter((s) => !confirmed.has(s.entryId));
  if (blocking.length > 0) {
    return refuse(blocking.map((s) => ({ field: 'stale', reason: 'stale', params: { entryId: s.entryId, question: s.question } })));
  }
  const held = heldBefore(state.handovers, Number.POSITIVE_INFINITY);
  // Nothing approved is nothing to give the first time; after that, a handover with none may
  // still tell the vendor to stop using (使用停止) or retire (廃止) what it holds.
  if (selection.ready.length === 0 && held.length === 0) return refuse([{ field: 'handover', reason: 'nothing-approved' }]);
  const items = handoverItems(selection.ready, state.handovers, args.render);
  const leftOutStale = selection.stale.map((s) => ({ entryId: s.entryId, question: s.question }));
  // On hold as the vendor has them: named by the words it last received, never this laptop's unapproved ones.
  const onHold = vendorOnHold(selection.onHold, state.handovers, state.facts, state.company);
  // The same FAQ again would be a new number with nothing in 本日の変更点: the last files can be saved again instead.
  const changes = changesSince(held, { items, leftOutStale, onHold }, numbersBefore(state.handovers, Number.POSITIVE_INFINITY));
  if (held.length > 0 && changes.length === 0) return refuse([{ field: 'handover', reason: selection.ready.length === 0 ? 'nothing-approved' : 'no-changes' }]);
  const handoverId = ctx.newId();
  const version = Math.max(0, ...state.handovers.map((h) => h.version)) + 1;
  const payload = { handoverId, version, title: state.title, items, leftOutStale, onHold, draftsLeftOut: selection.drafts };
  return accept([{ type: FAQ_HANDED_OVER, incidentId: state.incidentId, payload }], { handoverId, version });
}
