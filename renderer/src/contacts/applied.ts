/**
 * Returned-mail and bounce lists applied to the incident's customer lists, newest first,
 * each with what it changed and whether undo is still offered (shared/contacts/applied-lists.ts).
 * From the events: the same after a reload and on every laptop.
 */
import { type AppliedList, appliedLists } from '../../../shared/contacts/applied-lists';
import { CONTACT_EVENT_TYPES } from '../../../shared/contacts/events';
import type { ContactReader } from './contact-data';
import { eachStatusBlock, STATUS_ROWS } from './tables';

/** What a dataset's fold starts from: each customer's availability. */
async function availOf(r: ContactReader, datasetId: string): Promise<Uint8Array> {
  const rec = (await r.data.tables.datasets.get(datasetId))!;
  const avail = new Uint8Array(rec.rows);
  await eachStatusBlock(r.data.tables.status, datasetId, rec.rows, (s) => avail.set(s.avail, s.block * STATUS_ROWS));
  return avail;
}

export async function appliedListsOf(r: ContactReader, datasetId: string): Promise<AppliedList[]> {
  const events = await r.data.datasetEvents(datasetId);
  if (!events.some((e) => e.type === CONTACT_EVENT_TYPES.outcomesRecorded)) return [];
  const { policy } = await r.data.policy(datasetId);
  return appliedLists(await availOf(r, datasetId), events, policy);
}

export async function loadAppliedLists(r: ContactReader, incidentId: string): Promise<(AppliedList & { datasetId: string })[]> {
  const out: (AppliedList & { datasetId: string })[] = [];
  for (const d of await r.data.datasets(incidentId)) for (const l of await appliedListsOf(r, d.id)) out.push({ ...l, datasetId: d.id });
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
