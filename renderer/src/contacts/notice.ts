/** The public notice's coverages of a customer list, from its events (the writes are handlers.ts). */
import { CONTACT_EVENT_TYPES, type ContactEvent, type NoticePublished, undoneIds } from '../../../shared/contacts/events';
import type { ContactReader } from './contact-data';

export type { NoticeCover } from '../../../shared/contacts/commands';

/** Notice coverages of a dataset still in force, newest first. */
export async function notices(r: ContactReader, datasetId: string): Promise<{ event: ContactEvent; notice: NoticePublished }[]> {
  const events = await r.data.datasetEvents(datasetId);
  const undone = undoneIds(events);
  const out: { event: ContactEvent; notice: NoticePublished }[] = [];
  for (const event of events) if (event.type === CONTACT_EVENT_TYPES.noticePublished && !undone.has(event.id)) out.push({ event, notice: event.payload });
  return out.reverse();
}
