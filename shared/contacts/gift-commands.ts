/**
 * The gift programme's commands: set (or edit) the programme, record a previewed
 * redemption file, undo one. Pure: the handler (renderer/src/contacts/gift-handlers.ts)
 * reads the gift events and plans the file; what is decided is here.
 */
import { accept, refuse, type CommandContext, type CommandResult, type Problem } from '../events/command';
import { GIFT_EVENT_TYPES, MAX_GIFT_OPTIONS, MAX_UNIT_COST, type GiftProgramme, type GiftsRedeemed } from './gift-events';

export interface GiftProblem extends Problem {
  reason: 'required' | 'invalid' | 'duplicate' | 'too-many' | 'order' | 'nothing-new' | 'not-found' | 'undone';
}

const problem = (field: string, reason: GiftProblem['reason'], params?: Problem['params']): GiftProblem => ({ field, reason, ...(params ? { params } : {}) });

/** What the settings card sends: labels and costs as typed (ids kept for options that existed). */
export interface ProgrammeDraft {
  options: { id?: string; label: string; unitCost: number | string }[];
  validFrom: string;
  validUntil: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function setGiftProgramme(ctx: CommandContext, state: { incidentId: string; current: GiftProgramme | undefined }, draft: ProgrammeDraft): CommandResult<GiftProgramme> {
  const problems: GiftProblem[] = [];
  const rows = draft.options.map((o) => ({ ...o, label: o.label.trim() })).filter((o) => o.label || String(o.unitCost).trim());
  if (rows.length === 0) problems.push(problem('options', 'required'));
  if (rows.length > MAX_GIFT_OPTIONS) problems.push(problem('options', 'too-many', { max: MAX_GIFT_OPTIONS }));
  const seen = new Set<string>();
  const options = rows.map((o, i) => {
    if (!o.label) problems.push(problem(`options.${i}.label`, 'required'));
    else if (seen.has(o.label.normalize('NFKC'))) problems.push(problem(`options.${i}.label`, 'duplicate'));
    seen.add(o.label.normalize('NFKC'));
    const cost = typeof o.unitCost === 'number' ? o.unitCost : Number(String(o.unitCost).normalize('NFKC').replace(/[,円\s]/g, ''));
    if (!Number.isInteger(cost) || cost < 0 || cost > MAX_UNIT_COST || String(o.unitCost).trim() === '') problems.push(problem(`options.${i}.unitCost`, 'invalid'));
    return { id: o.id ?? ctx.newId(), label: o.label, unitCost: Number.isInteger(cost) ? cost : 0 };
  });
  if (!DAY.test(draft.validFrom)) problems.push(problem('validFrom', 'required'));
  if (!DAY.test(draft.validUntil)) problems.push(problem('validUntil', 'required'));
  else if (DAY.test(draft.validFrom) && draft.validUntil < draft.validFrom) problems.push(problem('validUntil', 'order'));
  if (problems.length > 0) return refuse(problems);
  const payload: GiftProgramme = { options, codeFormat: state.current?.codeFormat ?? 'crockford-13', validFrom: draft.validFrom, validUntil: draft.validUntil };
  return accept([{ type: GIFT_EVENT_TYPES.programmeSet, incidentId: state.incidentId, payload }], payload);
}

/** A previewed redemption file: refused when it holds nothing new (the same file again). */
export function recordRedemptions(_ctx: CommandContext, state: { incidentId: string }, payload: GiftsRedeemed | null): CommandResult {
  if (!payload || payload.parts.every((p) => p.rows.length === 0)) return refuse([problem('file', 'nothing-new')]);
  return accept([{ type: GIFT_EVENT_TYPES.redeemed, incidentId: state.incidentId, payload }]);
}

export function undoRedemption(_ctx: CommandContext, state: { incidentId: string; exists: boolean; undone: boolean }, args: { eventId: string }): CommandResult {
  if (!state.exists) return refuse([problem('file', 'not-found')]);
  if (state.undone) return refuse([problem('file', 'undone')]);
  return accept([{ type: GIFT_EVENT_TYPES.redemptionUndone, incidentId: state.incidentId, payload: { eventId: args.eventId } }]);
}
