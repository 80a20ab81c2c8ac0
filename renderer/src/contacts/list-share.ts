/**
 * A customer list travels to another laptop without its file (decision 012).
 *
 * Sharing (the laptop that has the list): its sealed row blocks, index segments and per-row
 * channel availability are grouped into packs, each sealed under the current epoch's list
 * key and put on the sync server by SHA-256; then the manifest (the packs' hashes and the
 * list's sealed details) goes into a write-once slot named from the list's id.
 *
 * Receiving (a laptop that has the import event but not the rows): reads the manifest,
 * then gets the packs in order, a few at a time; each is checked (hash, seal, records of
 * this list only, every row block opening under the workspace data key) before it is
 * stored, in one transaction with the count of packs done — so an interruption resumes
 * at the first pack not stored, and a damaged or forged pack is never stored. The search
 * index is not taken from the packs: it is built here from the rows as they are checked
 * (a member could otherwise send index entries that point a lookup at another customer's
 * row or hide a customer from it). At the end the list turns complete and its statuses are
 * folded from the contact events that came by sync, as an adoption does. No second import
 * event is made.
 */
import { openBytes, sealJson } from '../../../shared/vault/cipher';
import {
  groupPacks, hashOf, PACK_TARGET_BYTES, type ListManifest, manifestSlot, openManifest, openPack, PackError, type PackRecord, sealManifest, sealPack,
} from '../../../shared/contacts/list-pack';
import type { ListTransport } from '../sync/list-channel';
import type { ContactEngine } from './contact-engine';
import { pages, storedBlocksDigest } from './list-digest';
import { channelRecords, joinBlockRecords } from './status-layout';
import { openBlock } from './block-codec';
import { normaliseKeys } from '../../../shared/contacts/tokens';
import { AVAIL_DUPLICATE, AVAIL_EMAIL, AVAIL_PHONE, AVAIL_POST } from '../../../shared/contacts/fallback';
import { datasetAad, discardDataset } from './import-commit';
import { buildIndexParts } from './index-build';
import { segmentRecords } from './index-codec';
import { packedIndex } from './index-merge';
import { BLOCK_ROWS, blockId, type BlockRecord, COMMIT_ROWS, type DatasetMeta, type DatasetRecord, type StatusRecord } from './tables';

export type { ListTransport } from '../sync/list-channel';

/** Packs sealed and sent, or fetched and checked, at the same time. */
const IN_FLIGHT = 4;
/** Blocks tokenised per index write: the same unit an import commits (and the same record ids). */
const INDEX_GROUP_BLOCKS = COMMIT_ROWS / BLOCK_ROWS;
/** A pack refused this many times in a row (damaged or forged each time) stops the transfer. */
const MAX_REFUSALS = 3;

export class ListRefusedError extends Error {
  constructor(
    readonly reason: PackError['reason'] | 'rows' | 'digest',
    detail: string,
  ) {
    super(`customer list: ${reason} (${detail})`);
    this.name = 'ListRefusedError';
  }
}

async function* listRecords(engine: ContactEngine, datasetId: string): AsyncGenerator<PackRecord> {
  const t = engine.tables;
  for await (const page of pages<BlockRecord>(t.blocks, `${datasetId}:`, 50)) for (const b of page) yield { kind: 'block', id: b.id, sealed: b.sealed };
  // A channel record per customer block, as packs always carried them (status-layout.ts).
  for await (const page of pages<StatusRecord>(t.status, `${datasetId}:`, 8)) for (const s of page) for (const c of channelRecords(s)) yield { kind: 'status', ...c };
  // In one layout whatever this laptop's merge did (decision 039): the same list seals the same packs everywhere.
  for await (const x of packedIndex(t, datasetId)) yield { kind: 'index', id: x.id, entries: x.entries };
}

/** Packs of about 1 MiB, as the records stream out of the tables. */
async function* packsOf(records: AsyncGenerator<PackRecord>, target: number): AsyncGenerator<PackRecord[]> {
  let buffer: PackRecord[] = [];
  for await (const r of records) {
    buffer.push(r);
    if (buffer.length >= 64) {
      const grouped = groupPacks(buffer, target);
      buffer = grouped.pop() ?? [];
      yield* grouped;
    }
  }
  yield* groupPacks(buffer, target);
}

export type ShareResult = 'shared' | 'already' | 'quota';

/** Puts a complete list on the server for the other laptops of the current epoch. */
export async function shareList(engine: ContactEngine, datasetId: string, tr: ListTransport, opts: { packBytes?: number } = {}): Promise<ShareResult> {
  const rec = await engine.tables.datasets.get(datasetId);
  if (!rec || rec.state !== 'complete') throw new Error('contacts: only a complete list can be shared');
  const slot = await manifestSlot(tr.listSlot, datasetId);
  if (await tr.channel.getSlot(slot)) return 'already';
  const { meta } = await engine.data.info(rec);
  const refs: ListManifest['packs'] = [];
  const inFlight: Promise<void>[] = [];
  let quota = false;
  let n = 0;
  for await (const records of packsOf(listRecords(engine, datasetId), opts.packBytes ?? PACK_TARGET_BYTES)) {
    const i = n++;
    const work = sealPack(tr.lists, tr.epoch, datasetId, i, records, tr.listSlot).then(async ({ sealed, ref }) => {
      refs[i] = ref;
      const done = await tr.channel.put(ref.hash, sealed);
      if (done === 'quota') quota = true;
      else if (done !== 'ok') throw new Error(`contacts: the server refused pack ${i}`);
    });
    // Awaited in turn below; a pack failing after an earlier one already stopped the share (the
    // channel closed: every request fails) must not surface as an unhandled rejection.
    work.catch(() => undefined);
    inFlight.push(work);
    if (inFlight.length >= IN_FLIGHT) await inFlight.shift();
    if (quota) return 'quota';
  }
  await Promise.all(inFlight);
  if (quota) return 'quota';
  const manifest: ListManifest<DatasetMeta> = { v: 1, datasetId, incidentId: rec.incidentId, rows: rec.rows, fileSize: rec.fileSize, meta, packs: refs, from: tr.deviceId };
  const put = await tr.channel.putSlot(slot, await sealManifest(tr.lists, tr.epoch, manifest));
  if (put.status === 'quota') return 'quota';
  if (put.status === 'bad') throw new Error('contacts: the server refused the list manifest');
  return put.status === 'taken' ? 'already' : 'shared';
}

export interface ReceiveProgress {
  datasetId: string;
  packs: number;
  done: number;
  rows: number;
}

export type ReceiveResult = { status: 'complete'; fetched: number; refused: number } | { status: 'waiting' } | { status: 'cancelled'; done: number; packs: number };

/**
 * Fetches a list another laptop shared. 'waiting': no laptop has shared it in this epoch
 * yet (ask again later). Throws ListChannelClosed when the connection goes (resume later:
 * what is stored stays), ListRefusedError when what arrives is not this list.
 */
export async function receiveList(
  engine: ContactEngine,
  datasetId: string,
  tr: ListTransport,
  opts: { onProgress?: (p: ReceiveProgress) => void; signal?: AbortSignal } = {},
): Promise<ReceiveResult> {
  const t = engine.tables;
  const event = await engine.data.importedEvent(datasetId);
  if (!event) throw new Error('contacts: no such list was imported');
  let rec = await t.datasets.get(datasetId);
  if (rec?.state === 'complete') return { status: 'complete', fetched: 0, refused: 0 };
  // A list being adopted from its file here is left to that.
  if (rec && rec.state !== 'receiving') return { status: 'waiting' };
  const sealedManifest = await tr.channel.getSlot(await manifestSlot(tr.listSlot, datasetId));
  if (!sealedManifest) return { status: 'waiting' };
  const manifest = await openManifest<DatasetMeta>(tr.lists, tr.epoch, datasetId, sealedManifest).catch((e: unknown) => {
    throw e instanceof PackError ? new ListRefusedError(e.reason, e.message) : e;
  });
  if (manifest.rows !== event.payload.rows || manifest.incidentId !== (event.incidentId ?? '')) throw new ListRefusedError('rows', 'the manifest does not describe the imported list');
  // The details the importer signed in its event win over the manifest's (which any member could have written first).
  manifest.meta = signedMeta(manifest.meta, event.payload);
  const manifestHash = await hashOf(sealedManifest);
  if (rec && rec.receiving?.manifest !== manifestHash) {
    // Shared again (a new epoch): what is stored is the same list, but packs are counted afresh.
    rec = { ...rec, receiving: { manifest: manifestHash, packs: manifest.packs.length, done: 0 } };
  }
  if (!rec) {
    rec = {
      id: datasetId, incidentId: manifest.incidentId, state: 'receiving', fileSize: manifest.fileSize, headHash: '', committedRows: 0, rows: manifest.rows,
      sealed: await sealJson(engine.data.dataKey, manifest.meta, datasetAad(datasetId)),
      receiving: { manifest: manifestHash, packs: manifest.packs.length, done: 0 },
    };
    await t.datasets.put(rec);
  }
  const packs = manifest.packs;
  let done = rec.receiving!.done;
  let fetched = 0;
  let refused = 0;
  const report = () => opts.onProgress?.({ datasetId, packs: packs.length, done, rows: manifest.rows });
  report();
  const fetchPack = async (i: number): Promise<PackRecord[]> => {
    for (let attempt = 0; ; attempt++) {
      const bytes = await tr.channel.get(packs[i]!.hash);
      fetched++;
      if (!bytes) throw new ListRefusedError('hash', `pack ${i} is not on the server`);
      try {
        const records = await openPack(tr.lists, tr.epoch, datasetId, i, packs[i]!, bytes);
        // Row blocks must open under this workspace's data key before they are kept.
        await Promise.all(records.map((r) => (r.kind === 'block' ? openBytes(engine.data.dataKey, r.sealed, `contact-blocks:${r.id}`) : undefined))).catch(() => {
          throw new PackError('seal', `a row block of pack ${i}`);
        });
        return records;
      } catch (e) {
        if (!(e instanceof PackError)) throw e;
        refused++;
        if (attempt + 1 >= MAX_REFUSALS) throw new ListRefusedError(e.reason, e.message);
      }
    }
  };
  const ahead = new Map<number, Promise<PackRecord[]>>();
  const want = (i: number) => {
    if (i < packs.length && !ahead.has(i)) {
      const p = fetchPack(i);
      p.catch(() => undefined);
      ahead.set(i, p);
    }
  };
  // Stopping takes effect at once, even while a pack is on its way (it is then not stored).
  const stopped = new Promise<'stopped'>((resolve) => {
    if (opts.signal?.aborted) resolve('stopped');
    opts.signal?.addEventListener('abort', () => resolve('stopped'), { once: true });
  });
  while (done < packs.length) {
    if (opts.signal?.aborted) return { status: 'cancelled', done, packs: packs.length };
    for (let k = 0; k < IN_FLIGHT; k++) want(done + k);
    const records = await Promise.race([ahead.get(done)!, stopped]);
    if (records === 'stopped') return { status: 'cancelled', done, packs: packs.length };
    ahead.delete(done);
    await storePack(engine, rec, records, done + 1);
    done++;
    report();
  }
  // Every block and its channel record, for every row, saying what the rows say — or nothing is kept.
  // The search index is built from the same rows meanwhile.
  const gap = await wrongPart(engine, datasetId, manifest.rows, manifest.meta.segments);
  if (gap) {
    await discardDataset(t, datasetId);
    throw new ListRefusedError('rows', gap);
  }
  // The rows must be the importer's: the digest it signed in its import event (lists imported
  // before it existed are checked by their shape only). Otherwise nothing of them is kept.
  const signed = event.payload.blocksDigest;
  if (signed && (await storedBlocksDigest(engine.tables, datasetId)) !== signed) {
    await discardDataset(t, datasetId);
    throw new ListRefusedError('digest', 'the rows are not the ones the importing laptop signed');
  }
  await finish(engine, datasetId, manifest.meta);
  return { status: 'complete', fetched, refused };
}

/**
 * What is wrong with a received list, if anything: a row block or a block's channel record
 * missing, cut short or beyond its rows, or a channel record that does not say what the
 * rows say — which channels a row has (an address, an email, a phone) and its segment (of
 * the segments the import event signs). The digest covers the row blocks only; without
 * this a list whose channel records were left out or rewritten would turn complete and
 * count and contact other customers than the importer's. Only the duplicate mark, which
 * depends on the lists the importer had, is taken as it comes.
 */
async function wrongPart(engine: ContactEngine, datasetId: string, rows: number, segments: string[]): Promise<string | undefined> {
  const t = engine.tables;
  const blocks = Math.ceil(rows / BLOCK_ROWS);
  const ids = await t.blocks.where(':id').between(`${datasetId}:`, `${datasetId}:\uffff`).primaryKeys();
  if (ids.length !== blocks || ids.some((id, b) => id !== blockId(datasetId, b))) return `row blocks do not cover the ${rows} rows`;
  // Whatever index a pack carried (older laptops send one) is dropped; the rows' own is written per group.
  await t.index.where(':id').between(`${datasetId}|`, `${datasetId}|\uffff`).delete();
  let keys: ReturnType<typeof normaliseKeys>[] = [];
  let groupFirst = 0;
  const writeIndex = async () => {
    const index = segmentRecords(datasetId, groupFirst, buildIndexParts(engine.tokenizer, groupFirst * BLOCK_ROWS, keys));
    await t.index.bulkPut(index);
    keys = [];
  };
  let b = 0;
  for await (const page of pages<StatusRecord>(t.status, `${datasetId}:`, 200)) {
    for (const s of page) {
      const n = Math.min(BLOCK_ROWS, rows - b * BLOCK_ROWS);
      if (s.id !== blockId(datasetId, b) || s.avail.length !== n || s.segment.length !== n) return `channel records do not match block ${b}`;
      const block = (await t.blocks.get(s.id))!;
      const found = await openBlock(engine.data.dataKey, s.id, block.sealed, b * BLOCK_ROWS);
      if (found.length !== n) return `block ${b} holds ${found.length} rows`;
      for (let i = 0; i < n; i++) {
        const r = found[i]!;
        const k = normaliseKeys(r);
        const avail = (r.address.trim() ? AVAIL_POST : 0) | (k.email ? AVAIL_EMAIL : 0) | (k.phone ? AVAIL_PHONE : 0);
        if ((s.avail[i]! & ~AVAIL_DUPLICATE) !== avail || s.segment[i] !== segments.indexOf(r.segment)) return `row ${r.row}: its channels or segment do not match the row`;
        keys.push(k);
      }
      b++;
      if (b % INDEX_GROUP_BLOCKS === 0) {
        await writeIndex();
        groupFirst = b;
      }
    }
  }
  if (keys.length > 0) await writeIndex();
  return b === blocks ? undefined : `channel records cover ${b} of ${blocks} blocks`;
}

/**
 * The list's details as B keeps them: what the import event signs (file name, header,
 * mapping, channel order, retries, segments…) from the event — they decide statuses and
 * totals — and only what it does not sign (warnings, version) from the manifest.
 */
function signedMeta(meta: DatasetMeta, p: NonNullable<Awaited<ReturnType<ContactEngine['data']['importedEvent']>>>['payload']): DatasetMeta {
  return {
    ...meta,
    fileName: p.fileName, encoding: p.encoding, delimiter: p.delimiter, header: p.header, mapping: p.mapping,
    channelOrder: p.channelOrder, maxRetries: p.maxRetries, segments: p.segments, contentHash: p.contentHash,
  };
}

async function storePack(engine: ContactEngine, rec: DatasetRecord, records: PackRecord[], done: number): Promise<void> {
  const t = engine.tables;
  const blocks: BlockRecord[] = [];
  const status: StatusRecord[] = [];
  for (const r of records) {
    if (r.kind === 'block') blocks.push({ id: r.id, datasetId: rec.id, block: blockOf(r.id), sealed: r.sealed });
    // An index a pack carries is not kept: wrongPart builds it from the rows.
    else if (r.kind === 'index') continue;
    // Kept per customer block as it came until the list is checked, then joined (finish);
    // words are folded from the contact events once the list is complete.
    else status.push({ id: r.id, datasetId: rec.id, block: blockOf(r.id), avail: r.avail, segment: r.segment, words: new Uint16Array(r.avail.length) });
  }
  rec.receiving = { ...rec.receiving!, done };
  const next = { ...rec };
  await t.datasets.db.transaction('rw', [t.datasets, t.blocks, t.status], async () => {
    await t.blocks.bulkPut(blocks);
    await t.status.bulkPut(status);
    await t.datasets.put(next);
  });
}

const blockOf = (id: string) => Number(id.slice(id.lastIndexOf(':') + 1));

/** The list turns complete (no event: the import event is the other laptop's) and is folded from the contact events. */
async function finish(engine: ContactEngine, datasetId: string, meta: DatasetMeta): Promise<void> {
  const t = engine.tables;
  const rec = (await t.datasets.get(datasetId))!;
  const sealed = await sealJson(engine.data.dataKey, meta, datasetAad(datasetId));
  const { receiving: _done, ...rest } = rec;
  await engine.store.writeDerived({
    tables: ['contact-datasets', 'contact-totals', 'contact-status'],
    prepare: async () => ({
      write: async () => {
        // The channel records, checked as they came, become the list's status records.
        await joinBlockRecords(t.status, datasetId);
        await t.datasets.put({ ...rest, state: 'complete', committedRows: rec.rows, sealed });
        await t.totals.put({ id: datasetId, cells: new Int32Array(0) });
      },
      touched: [['contact-datasets', [datasetId]], ['contact-totals', [datasetId]]],
    }),
  });
  await engine.rebuildStatuses(datasetId);
  // Its index was built here in chunk segments: merged in the background like an import's (decision 039).
  void engine.mergeIndexes();
}
