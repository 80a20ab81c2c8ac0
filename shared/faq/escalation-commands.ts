/**
 * Commands of the callback queue (decision 033). Anyone of the incident who works the
 * enquiry desk may take a callback for themselves and work the ones they own; giving one
 * to someone else, or working one another person owns, is for the desk's leads (direction
 * and the contact lead). The role table (shared/roles/table.ts) decides who may write the
 * events at all; these rules narrow it per escalation.
 */
import { accept, refuse, unchanged, type CommandContext, type CommandResult, type Problem } from '../events/command';
import type { AccessRole } from '../roles/model';
import { draftEntry } from './commands';
import { ESCALATION_OUTCOMES, MAX_ATTEMPTS, MAX_ESCALATION_TEXT, type EscalationOutcome } from './escalation-events';
import type { Escalation } from './escalations';

/** Who leads the desk: may give a callback to someone and work any callback. */
export const ESCALATION_LEADS: readonly AccessRole[] = ['direction', 'contact-lead'];

export interface EscalationProblem extends Problem {
  reason: 'not-found' | 'not-member' | 'not-allowed' | 'closed' | 'past' | 'invalid' | 'required' | 'unchanged' | 'not-answered' | 'already';
}

export interface EscalationCommandState {
  /** null: no escalated enquiry of that id (never logged, not escalated, or not synced yet). */
  escalation: Escalation | null;
  /** Whether a person is a member of the escalation's incident (decision 016). */
  isMember(personId: string): boolean;
}

const isLead = (ctx: CommandContext) => ctx.actor.roles.some((r) => ESCALATION_LEADS.includes(r));

/** The escalation, open, and the actor may work it: theirs, nobody's yet, or they lead the desk. */
function workable(ctx: CommandContext, state: EscalationCommandState): { ok: true; x: Escalation } | { ok: false; problems: EscalationProblem[] } {
  const x = state.escalation;
  if (!x) return { ok: false, problems: [{ field: 'enquiry', reason: 'not-found' }] };
  if (x.closed) return { ok: false, problems: [{ field: 'outcome', reason: 'closed' }] };
  if (x.ownerId !== null && x.ownerId !== ctx.actor.personId && !isLead(ctx)) return { ok: false, problems: [{ field: 'owner', reason: 'not-allowed' }] };
  return { ok: true, x };
}

/** Takes the callback (ownerId omitted: the actor) or gives it to a member of the incident. */
export function ownEscalation(ctx: CommandContext, state: EscalationCommandState, args: { ownerId?: string }): CommandResult {
  const x = state.escalation;
  if (!x) return refuse([{ field: 'enquiry', reason: 'not-found' }]);
  if (x.closed) return refuse([{ field: 'outcome', reason: 'closed' }]);
  const ownerId = (args.ownerId ?? ctx.actor.personId).trim();
  if (ownerId === '') return refuse([{ field: 'owner', reason: 'required' }]);
  // Giving it to someone else, or taking it from its owner, is the lead's.
  const takesFromOther = x.ownerId !== null && x.ownerId !== ctx.actor.personId;
  if ((ownerId !== ctx.actor.personId || takesFromOther) && !isLead(ctx)) return refuse([{ field: 'owner', reason: 'not-allowed' }]);
  if (x.incidentId !== null && !state.isMember(ownerId)) return refuse([{ field: 'owner', reason: 'not-member' }]);
  if (ownerId === x.ownerId) return unchanged('owner');
  return accept([{ type: 'faq.escalation-owned', incidentId: x.incidentId, payload: { enquiryId: x.enquiryId, ownerId } }]);
}

/** Moves the callback's due time; it must be later than now (a time already past is a typo, not a plan). */
export function setEscalationDue(ctx: CommandContext, state: EscalationCommandState, args: { dueAt: string }): CommandResult {
  const w = workable(ctx, state);
  if (!w.ok) return refuse(w.problems);
  const ms = Date.parse(args.dueAt);
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(args.dueAt) || Number.isNaN(ms)) return refuse([{ field: 'dueAt', reason: 'invalid' }]);
  if (ms <= ctx.now) return refuse([{ field: 'dueAt', reason: 'past' }]);
  const dueAt = new Date(ms).toISOString();
  if (!w.x.dueIsDefault && dueAt === w.x.dueAt) return unchanged('dueAt');
  return accept([{ type: 'faq.escalation-due-set', incidentId: w.x.incidentId, payload: { enquiryId: w.x.enquiryId, dueAt } }]);
}

export function noteEscalation(ctx: CommandContext, state: EscalationCommandState, args: { note: string }): CommandResult {
  const w = workable(ctx, state);
  if (!w.ok) return refuse(w.problems);
  const note = args.note.trim();
  if (note === '') return refuse([{ field: 'note', reason: 'required' }]);
  if (note.length > MAX_ESCALATION_TEXT) return refuse([{ field: 'note', reason: 'invalid' }]);
  return accept([{ type: 'faq.escalation-noted', incidentId: w.x.incidentId, payload: { enquiryId: w.x.enquiryId, note } }]);
}

export interface OutcomeArgs {
  outcome: EscalationOutcome;
  /** How many times the caller was tried (at least 1 for "could not reach"). */
  attempts: number;
  /** What the caller was told: required for "called back and answered". */
  answer: string;
  note: string;
}

/** Records how the callback ended; once. An escalation nobody owned becomes the actor's. */
export function recordEscalationOutcome(ctx: CommandContext, state: EscalationCommandState, args: OutcomeArgs): CommandResult {
  const w = workable(ctx, state);
  if (!w.ok) return refuse(w.problems);
  const problems: EscalationProblem[] = [];
  if (!(ESCALATION_OUTCOMES as readonly string[]).includes(args.outcome)) problems.push({ field: 'outcome', reason: 'invalid' });
  const answer = args.answer.trim();
  const note = args.note.trim();
  if (args.outcome === 'answered' && answer === '') problems.push({ field: 'answer', reason: 'required' });
  if (!Number.isInteger(args.attempts) || args.attempts < 0 || args.attempts > MAX_ATTEMPTS) problems.push({ field: 'attempts', reason: 'invalid' });
  else if (args.outcome === 'unreachable' && args.attempts < 1) problems.push({ field: 'attempts', reason: 'required' });
  if (answer.length > MAX_ESCALATION_TEXT) problems.push({ field: 'answer', reason: 'invalid' });
  if (note.length > MAX_ESCALATION_TEXT) problems.push({ field: 'note', reason: 'invalid' });
  if (problems.length > 0) return refuse(problems);
  const { enquiryId, incidentId, ownerId } = w.x;
  return accept([
    ...(ownerId === null ? [{ type: 'faq.escalation-owned' as const, incidentId, payload: { enquiryId, ownerId: ctx.actor.personId } }] : []),
    { type: 'faq.escalation-closed', incidentId, payload: { enquiryId, outcome: args.outcome, attempts: args.attempts, answer, note } },
  ]);
}

/**
 * 「FAQにする」: a draft FAQ entry with the caller's question and the answer given on the
 * callback, linked to the enquiry (faq.entry-drafted through the FAQ's own command, so it
 * goes through the normal approval). Value: the new entry's id.
 */
export function draftFaqFromEscalation(
  ctx: CommandContext,
  /** `away`: the incident's enquiries a move has taken away, and since when (movedAway): where the question is, kept with the link. */
  state: { escalation: Escalation | null; linkedEntryIds: readonly string[]; away: ReadonlyMap<string, string> },
  args: { category: string },
): CommandResult<string> {
  const x = state.escalation;
  if (!x) return refuse([{ field: 'enquiry', reason: 'not-found' }]);
  if (!x.closed || x.closed.outcome !== 'answered' || x.closed.answer.trim() === '') return refuse([{ field: 'answer', reason: 'not-answered' }]);
  if (state.linkedEntryIds.length > 0) return refuse([{ field: 'entry', reason: 'already' }]);
  return draftEntry(ctx, null, { incidentId: x.incidentId, text: { question: x.question, answer: x.closed.answer, category: args.category }, enquiryIds: [x.enquiryId], away: state.away });
}
