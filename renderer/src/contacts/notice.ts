/** The public notice's coverages of a customer list, from its events (the writes are handlers.ts). */
import { CONTACT_EVENT_TYPES, type ContactEvent, isContactPartEvent, type NoticePublished, undoneIds } from '../../../shared/contacts/events';
import type { ContactReader } from './contact-data';

export type { NoticeCover } from '../../../shared/contacts/commands';

/**
 * Notice coverages of a dataset still in force, newest first. Only the notices and undos of
 * the list's incident are read (by type: a handful), not every contact event of the list —
 * the dashboard asks on opening, and reading a busy list's 30,000 events then held the
 * first call results recorded on it for seconds each.
 */
export async function notices(r: ContactReader, datasetId: string): Promise<{ event: ContactEvent; notice: NoticePublished }[]> {
  const { incidentId } = await r.data.policy(datasetId);
  const read = await r.data.store.readEvents(incidentId, [CONTACT_EVENT_TYPES.noticePublished, CONTACT_EVENT_TYPES.eventUndone]);
  const events = read.filter((e): e is ContactEvent => isContactPartEvent(e) && e.payload.datasetId === datasetId);
  const undone = undoneIds(events);
  const out: { event: ContactEvent; notice: NoticePublished }[] = [];
  for (const event of events) if (event.type === CONTACT_EVENT_TYPES.noticePublished && !undone.has(event.id)) out.push({ event, notice: event.payload });
  return out.reverse();
}

/** A notice coverage in force, as the dashboard lists it. */
export type NoticeInForce = { event: ContactEvent; notice: NoticePublished };

/**
 * The list's notice coverages in force, told to `show` now and again whenever a commit (here
 * or from another laptop) carries a notice or an undo of this list — never on a call result,
 * which changes none (the dashboard re-read them on every change of the totals: two reads by
 * type after each result, in the way of the next one). Returns the function that stops it.
 */
export function followNotices(r: ContactReader, datasetId: string, show: (list: NoticeInForce[]) => void, onError: (e: unknown) => void): () => void {
  let live = true;
  let asked = 0;
  const read = () => {
    const mine = ++asked;
    notices(r, datasetId).then(
      (list) => {
        // A later read (a notice came by meanwhile) is the one shown.
        if (live && mine === asked) show(list);
      },
      (e: unknown) => {
        if (live) onError(e);
      },
    );
  };
  const stop = r.data.store.subscribe((n) => {
    const concerns = n.events.some((e) => (e.type === CONTACT_EVENT_TYPES.noticePublished || e.type === CONTACT_EVENT_TYPES.eventUndone) && isContactPartEvent(e) && e.payload.datasetId === datasetId);
    if (concerns) read();
  });
  read();
  return () => {
    live = false;
    stop();
  };
}
