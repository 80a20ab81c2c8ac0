/** A workspace with an imported customer list, on fake-indexeddb, for the engine's unit tests. */
import { guessMapping } from '../../../shared/contacts/validate';
import { encodeCsv } from '../../../shared/export/csv';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { createWorkspace } from '../data/workspace';
import { ContactEngine } from './contact-engine';
import { runImport } from './import-pipeline';
import type { LookupQuery } from './lookup';
import { CustomerSearch, type LookupPage } from './search';

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

/**
 * Every page (up to `maxPages` of `pageSize`) of every query, from a fresh search (no
 * candidates remembered from an earlier layout of the index): what a lookup screen would show.
 */
export async function lookupAnswers(engine: ContactEngine, queries: LookupQuery[], pageSize: number, maxPages: number) {
  const search = new CustomerSearch(engine);
  const out: unknown[] = [];
  for (const q of queries) {
    const pages: LookupPage[] = [];
    let cursor: LookupPage['next'] = null;
    do {
      const page = await search.search('inc', q, cursor, pageSize);
      pages.push(page);
      cursor = page.next;
    } while (cursor && pages.length < maxPages);
    out.push({ q, total: pages[0]!.total, exact: pages[0]!.exact, hits: pages.flatMap((p) => p.hits.map((h) => `${h.row.row}:${h.row.customerNo}`)) });
  }
  return out;
}
