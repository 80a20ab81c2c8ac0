/** The release gate's command as a dispatch handler. */
import * as commands from '../../../shared/outgoing/commands';
import type { OutgoingDocument, UnfilledFact } from '../../../shared/outgoing/unfilled';
import type { Handler } from '../data/handler';
import { tables } from '../data/tables';

export type OutgoingHandlers = {
  /**
   * Direction lets these documents go out without the facts the check found missing
   * (`unfilled`, as the gate shows them now), and says why.
   */
  'outgoing.release-with-gaps': Handler<{
    incidentId: string;
    documents: readonly Pick<OutgoingDocument, 'id' | 'kind' | 'title'>[];
    unfilled: readonly UnfilledFact[];
    reason: string;
    decisionWhat: string;
  }>;
};

export const outgoingHandlers: OutgoingHandlers = {
  'outgoing.release-with-gaps': async (h, { documents, unfilled, ...args }) => {
    const me = await h.store.table(tables.people).get(h.ctx.actor.personId);
    return h.run(commands.releaseWithGaps(h.ctx, { documents, unfilled, deciderName: me?.name ?? '' }, args));
  },
};
