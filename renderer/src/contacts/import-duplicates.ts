/**
 * Before a staged list becomes visible: is it a file the incident already has (same
 * SHA-256 of the whole file, imported here or on another laptop), or does it hold customer
 * numbers another list here already holds? Either way the user decides — importing the
 * same customers twice makes every lookup return them twice.
 */
import { CONTACT_EVENT_TYPES, type DatasetImported } from '../../../shared/contacts/events';
import { listNames } from '../../../shared/contacts/list-names';
import type { ContactEngine } from './contact-engine';

export interface ListRef {
  datasetId: string;
  fileName: string;
  rows: number;
  /** Clock of its import event. */
  at: string;
  actor: string;
  repeat: number;
  /** Its rows are on this laptop (false: imported on another one and not adopted here yet). */
  here: boolean;
}

export interface DuplicateFinding {
  fileName: string;
  rows: number;
  /** Lists imported from a file with exactly these bytes. */
  sameFile: ListRef[];
  /** Other lists holding some of the same customer numbers: how many. */
  overlaps: (ListRef & { customers: number })[];
}

export async function findDuplicates(
  engine: ContactEngine,
  incidentId: string,
  staged: { fileName: string; rows: number; contentHash: string; overlaps?: { datasetId: string; customers: number }[] },
): Promise<DuplicateFinding | null> {
  const events = await engine.store.readEvents(incidentId, [CONTACT_EVENT_TYPES.datasetImported]);
  const names = listNames(events.map((e) => ({ ...(e.payload as DatasetImported), at: e.at })));
  const here = new Set((await engine.datasets(incidentId)).map((d) => d.id));
  const ref = (datasetId: string): ListRef | undefined => {
    const e = events.find((x) => (x.payload as DatasetImported).datasetId === datasetId);
    const n = names.get(datasetId);
    return e && n ? { datasetId, fileName: n.fileName, rows: n.rows, at: e.at, actor: e.actor, repeat: n.repeat, here: here.has(datasetId) } : undefined;
  };
  const sameFile = staged.contentHash
    ? events.filter((e) => (e.payload as DatasetImported).contentHash === staged.contentHash).map((e) => ref((e.payload as DatasetImported).datasetId)!)
    : [];
  const same = new Set(sameFile.map((l) => l.datasetId));
  const overlaps = (staged.overlaps ?? [])
    .filter((o) => !same.has(o.datasetId))
    .flatMap((o) => {
      const r = ref(o.datasetId);
      return r ? [{ ...r, customers: o.customers }] : [];
    });
  return sameFile.length || overlaps.length ? { fileName: staged.fileName, rows: staged.rows, sameFile, overlaps } : null;
}
