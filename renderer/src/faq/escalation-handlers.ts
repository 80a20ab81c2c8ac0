/** The callback queue's commands as dispatch handlers (decision 033). */
import * as commands from '../../../shared/faq/escalation-commands';
import { ESCALATION_TYPES } from '../../../shared/faq/escalation-events';
import { foldEscalations } from '../../../shared/faq/escalations';
import { linkedNow, movedAway } from '../../../shared/faq/answered';
import type { EventStore } from '../data/event-store';
import type { Handler } from '../data/handler';
import { tables } from '../data/tables';
import { currentRoleBook } from '../roles/role-book';

export type EscalationHandlers = {
  /** Takes the callback (no ownerId: the person asking) or gives it to a member. */
  'faq.own-escalation': Handler<{ enquiryId: string; ownerId?: string }>;
  'faq.set-escalation-due': Handler<{ enquiryId: string; dueAt: string }>;
  'faq.note-escalation': Handler<{ enquiryId: string; note: string }>;
  'faq.record-escalation-outcome': Handler<{ enquiryId: string } & commands.OutcomeArgs>;
  /** 「FAQにする」. Value: the new draft entry's id. */
  /** `away`: movedAway of the incident's enquiries as the screen has them (read from the store when not given). */
  'faq.draft-faq-from-escalation': Handler<{ enquiryId: string; category: string; away?: ReadonlyMap<string, string> }, string>;
};

/** The escalation as its events make it now, and who may own it. */
async function stateOf(store: EventStore, enquiryId: string): Promise<commands.EscalationCommandState> {
  const enquiry = await store.table(tables.enquiries).get(enquiryId);
  if (!enquiry) return { escalation: null, isMember: () => false };
  const [events, book] = await Promise.all([store.readEvents(enquiry.incidentId, [...ESCALATION_TYPES]), currentRoleBook(store)]);
  const mine = events.filter((e) => (e.payload as { enquiryId?: string }).enquiryId === enquiryId);
  const incidentId = enquiry.incidentId;
  return {
    escalation: foldEscalations([enquiry], mine)[0] ?? null,
    isMember: (personId) => incidentId !== null && book.isMember(personId, incidentId),
  };
}

export const escalationHandlers: EscalationHandlers = {
  'faq.own-escalation': async (h, { enquiryId, ownerId }) => h.run(commands.ownEscalation(h.ctx, await stateOf(h.store, enquiryId), ownerId === undefined ? {} : { ownerId })),
  'faq.set-escalation-due': async (h, { enquiryId, dueAt }) => h.run(commands.setEscalationDue(h.ctx, await stateOf(h.store, enquiryId), { dueAt })),
  'faq.note-escalation': async (h, { enquiryId, note }) => h.run(commands.noteEscalation(h.ctx, await stateOf(h.store, enquiryId), { note })),
  'faq.record-escalation-outcome': async (h, { enquiryId, ...outcome }) => h.run(commands.recordEscalationOutcome(h.ctx, await stateOf(h.store, enquiryId), outcome)),
  'faq.draft-faq-from-escalation': async (h, { enquiryId, category, away }) => {
    const { escalation } = await stateOf(h.store, enquiryId);
    const entries = escalation ? await h.store.table(tables.faq).where('incidentId', escalation.incidentId ?? '') : [];
    // Not an entry whose group the question was moved out of since it was attached (the log's moves: the same words follow).
    const attached = entries.filter((e) => e.linkedEnquiryIds.includes(enquiryId));
    // Where the question is now is kept with the new entry's link (moved away, or at home).
    const moved = away ?? (escalation ? movedAway(await h.store.table(tables.enquiries).where('incidentId', escalation.incidentId ?? '')) : new Map<string, string>());
    const linkedEntryIds = attached.filter((e) => linkedNow(e, moved).includes(enquiryId)).map((e) => e.id);
    return h.run(commands.draftFaqFromEscalation(h.ctx, { escalation, linkedEntryIds, away: moved }, { category }));
  },
};
