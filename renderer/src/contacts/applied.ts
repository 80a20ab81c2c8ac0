/**
 * Returned-mail and bounce lists applied to the incident's customer lists, newest first,
 * each with what it changed and whether undo is still offered (shared/contacts/applied-lists.ts).
 * The same after a reload and on every laptop.
 *
 * From the book the fold keeps (applied-book.ts, decision 046): one small record per customer
 * list. Where the book is missing or has an entry the fold could not follow, from the events —
 * a fold of every customer, seconds at 20M — and the book is then kept again, written only
 * if no commit folded the list meanwhile.
 */
import { type AppliedList, appliedLists } from '../../../shared/contacts/applied-lists';
import { CONTACT_EVENT_TYPES, type ContactEvent } from '../../../shared/contacts/events';
import { AppliedBook, bookFrom } from './applied-book';
import { StoreClosedError } from '../data/store-contract';
import type { ContactReader } from './contact-data';
import { eachStatusBlock } from './status-deltas';
import { STATUS_ROWS } from './tables';

/** What a dataset's fold starts from: each customer's availability. */
async function availOf(r: ContactReader, datasetId: string): Promise<Uint8Array> {
  const rec = (await r.data.tables.datasets.get(datasetId))!;
  const avail = new Uint8Array(rec.rows);
  // Channels alone, which a delta never changes: a damaged delta (decision 051) does not stop the screen.
  await eachStatusBlock(r.data.tables, datasetId, rec.rows, (s) => avail.set(s.avail, s.block * STATUS_ROWS), undefined, () => undefined);
  return avail;
}

/** The applied lists of one customer list from its events (the reference the book is held to). */
export async function appliedListsFromEvents(r: ContactReader, datasetId: string, events?: readonly ContactEvent[]): Promise<AppliedList[]> {
  const all = events ?? (await r.data.datasetEvents(datasetId));
  if (!all.some((e) => e.type === CONTACT_EVENT_TYPES.outcomesRecorded)) return [];
  const { policy } = await r.data.policy(datasetId);
  return appliedLists(await availOf(r, datasetId), [...all], policy);
}

export async function appliedListsOf(r: ContactReader, datasetId: string): Promise<AppliedList[]> {
  const { data } = r;
  const t = data.tables;
  const book = await AppliedBook.read(t, data.dataKey, datasetId);
  if (book?.whole) return book.entries();
  // Events kept by this tab are let go if another tab committed since (as a fold does).
  data.noteFolded(datasetId, (await t.totals.get(datasetId))?.seq);
  const { events, seq } = await data.datasetEventsAsOf(datasetId);
  const lists = await appliedListsFromEvents(r, datasetId, events);
  // Kept only from every event (decision 040), and only if no commit folded the list since they were read.
  if (data.datasetEventsPartial(datasetId) || Number.isNaN(seq)) return lists;
  await data.store.writeDerived({
    tables: ['contact-applied'],
    prepare: async () => {
      const now = await t.totals.get(datasetId);
      const rec = await t.datasets.get(datasetId);
      if (!now || !rec || now.seq !== seq) return { write: async () => undefined, touched: [] };
      const kept = await (await bookFrom(t, data.dataKey, datasetId, rec.rows, lists, events, 'stored')).seal(data.dataKey);
      return { write: async () => void (await t.applied.put(kept)), touched: [['contact-applied', [datasetId]]] };
    },
  }).catch((e: unknown) => {
    // Locked meanwhile: the screen still shows what it read; the book is kept another time.
    if (!(e instanceof StoreClosedError)) throw e;
  });
  return lists;
}

export async function loadAppliedLists(r: ContactReader, incidentId: string): Promise<(AppliedList & { datasetId: string })[]> {
  const out: (AppliedList & { datasetId: string })[] = [];
  for (const d of await r.data.datasets(incidentId)) for (const l of await appliedListsOf(r, d.id)) out.push({ ...l, datasetId: d.id });
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
