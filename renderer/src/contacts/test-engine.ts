/** A workspace with an imported customer list, on fake-indexeddb, for the engine's unit tests. */
import { guessMapping } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { createWorkspace } from '../data/workspace';
import { ContactEngine } from './contact-engine';
import { runImport } from './import-pipeline';

const dbs: HonbuDb[] = [];

// Lists are merged when a test asks (index-merge.test.ts): a merge running in the background
// would outlive the test that deleted its database.
ContactEngine.autoMerge = false;

/** Call from afterEach: deletes the databases the tests made. */
export async function dropTestDatabases(): Promise<void> {
  for (const db of dbs.splice(0)) await db.delete();
}

export async function openTestEngine() {
  const db = new HonbuDb(`engine-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: 'A' }, { cost: TEST_KDF_COST });
  const engine = await ContactEngine.open(ws.store);
  return { db, engine, store: ws.store };
}

/** Imports CSV text (UTF-8 with BOM unless asked) as a list of incident 'inc'. */
export async function importText(engine: ContactEngine, db: HonbuDb, text: string, opts: { encoding?: 'utf-8-bom' | 'shift_jis'; maxRetries?: number; fileName?: string; commitRows?: number } = {}) {
  const file = new Blob([encodeCsv(text, opts.encoding ?? 'utf-8-bom')]);
  const header = text.slice(0, text.indexOf('\r\n')).split(',');
  const r = await runImport(db, engine.importKeys, file, { incidentId: 'inc', mapping: guessMapping(header), maxRetries: opts.maxRetries ?? 2, fileName: opts.fileName ?? 'list.csv', commitRows: opts.commitRows });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  await engine.commitImport(r.datasetId);
  return r.datasetId;
}

/** IndexedDB whose disk fills: every put into contact-blocks after the first `allowed` is refused. Returns the undo. */
export function fillDiskAfter(allowed: number): () => void {
  const proto = globalThis.IDBObjectStore.prototype;
  const put = proto.put;
  let n = 0;
  proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === 'contact-blocks' && ++n > allowed) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.apply(this, args);
  };
  return () => void (proto.put = put);
}
