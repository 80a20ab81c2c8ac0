/** Commands of the outgoing part: direction lets documents go out with facts still unknown. */
import { accept, refuse, type CommandContext, type CommandResult, type Problem } from '../events/command';
import type { AnyDraft } from '../events/registry';
import { overrideRelease } from './overrides';
import type { OutgoingDocument, UnfilledFact } from './unfilled';

/**
 * One append for every document's override and the decision that goes with it, so the
 * timeline and the decisions list show the same act (or neither does). `unfilled` is what
 * the check reports now; `decisionWhat` is the decision's words in the language on screen.
 */
export function releaseWithGaps(
  ctx: CommandContext,
  state: { documents: readonly Pick<OutgoingDocument, 'id' | 'kind' | 'title'>[]; unfilled: readonly UnfilledFact[]; deciderName: string },
  args: { incidentId: string; reason: string; decisionWhat: string },
): CommandResult {
  const results = state.documents.map((d) => overrideRelease(args.incidentId, ctx.newId(), ctx.actor, d, state.unfilled, args.reason));
  const problems: Problem[] = results.flatMap((r) => (r.ok ? [] : r.problems));
  if (problems.length > 0) return refuse(problems.filter((p, i) => problems.findIndex((q) => q.field === p.field && q.reason === p.reason) === i));
  const overrides: AnyDraft[] = results.flatMap((r) => (r.ok ? [r.event] : []));
  const decision: AnyDraft = {
    type: 'incident.decision-recorded',
    incidentId: args.incidentId,
    payload: { decisionId: ctx.newId(), phase: 'direction', what: args.decisionWhat, why: args.reason.trim(), decidedBy: state.deciderName },
  };
  return accept([...overrides, decision]);
}
