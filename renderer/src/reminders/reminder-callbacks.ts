/**
 * The callbacks the reminders read (decision 033): the escalations someone has touched —
 * taken, given a due time, noted or closed. Only the enquiries those events name are
 * opened: a vendor's log can hold tens of thousands of enquiries, and the reminders are read
 * every 30 s. An escalated enquiry nobody has taken reminds nobody; it waits, overdue, at
 * the top of the callback queue.
 */
import { ESCALATION_TYPES } from '../../../shared/faq/escalation-events';
import { foldEscalations } from '../../../shared/faq/escalations';
import type { Enquiry } from '../../../shared/faq/model';
import type { ReminderCallback } from '../../../shared/reminders/reminders';
import type { EventStore } from '../data/event-store';
import { tables } from '../data/tables';

export async function readCallbacks(store: EventStore): Promise<ReminderCallback[]> {
  const events = await store.readEvents(undefined, [...ESCALATION_TYPES]);
  if (events.length === 0) return [];
  const ids = [...new Set(events.map((e) => (e.payload as { enquiryId: string }).enquiryId))];
  const enquiries = (await store.table(tables.enquiries).getMany(ids)).filter((q): q is Enquiry => q !== undefined);
  return foldEscalations(enquiries, events).flatMap((x) =>
    x.incidentId === null ? [] : [{ enquiryId: x.enquiryId, incidentId: x.incidentId, ownerId: x.ownerId, dueAt: x.dueAt, closed: x.closed !== null }],
  );
}
