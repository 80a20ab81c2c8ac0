/**
 * A customer list in transit between laptops (decision 012). The list's stored records —
 * sealed row blocks, blind-index segments, per-row channel availability — are grouped into
 * packs of about 1 MiB, each sealed under the epoch's list key and named by the SHA-256 of
 * its sealed bytes; a manifest (sealed the same way) lists the packs by hash and sits in a
 * write-once slot the holder of the epoch key can name. A receiver checks every pack's
 * hash, then its AEAD, then that every record belongs to the list, before storing anything.
 *
 * Pure: no storage, no network. The renderer reads and writes the records
 * (renderer/src/contacts/list-share.ts); the server only sees sealed bytes and hashes.
 */
import { openBytes, sealBytes } from '../vault/cipher';
import { concatBytes, fromUtf8, toBase64Url, utf8 } from '../vault/bytes';

export const PACK_TARGET_BYTES = 1024 * 1024;
/** The server refuses anything larger; a pack never gets near it (one record at most ~1 MiB). */
export const MAX_BLOB_BYTES = 4 * 1024 * 1024;

export type PackRecord =
  /** A sealed block of rows as stored at rest (workspace data key, AAD = its id). */
  | { kind: 'block'; id: string; sealed: Uint8Array }
  /** A blind-index segment: (token hi, token lo, row) triples. */
  | { kind: 'index'; id: string; entries: Uint32Array }
  /** A block's channel availability and segment per row (statuses are refolded from events). */
  | { kind: 'status'; id: string; avail: Uint8Array; segment: Uint16Array };

const KIND = { block: 1, index: 2, status: 3 } as const;
const MAGIC = utf8('HLP1');

export interface PackRef {
  hash: string;
  bytes: number;
  records: number;
}

export interface ListManifest<Meta = unknown> {
  v: 1;
  datasetId: string;
  incidentId: string;
  rows: number;
  fileSize: number;
  /** The dataset's sealed details (file name, header, mapping, warnings…), as the renderer keeps them. */
  meta: Meta;
  packs: PackRef[];
  /** Device that shared it. */
  from: string;
}

export class PackError extends Error {
  constructor(readonly reason: 'hash' | 'seal' | 'format' | 'foreign-record', detail: string) {
    super(`list pack: ${reason} (${detail})`);
    this.name = 'PackError';
  }
}

const asBytes = (v: ArrayBufferView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

export function recordBytes(r: PackRecord): number {
  if (r.kind === 'block') return r.sealed.byteLength + r.id.length + 7;
  if (r.kind === 'index') return r.entries.byteLength + r.id.length + 7;
  return r.avail.byteLength * 3 + r.id.length + 7;
}

export function encodePack(records: PackRecord[]): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [MAGIC, u32(records.length)];
  for (const r of records) {
    const id = utf8(r.id);
    const body = r.kind === 'block' ? r.sealed : r.kind === 'index' ? asBytes(r.entries) : concatBytes(r.avail, asBytes(r.segment));
    const head = new Uint8Array(7);
    const view = new DataView(head.buffer);
    view.setUint8(0, KIND[r.kind]);
    view.setUint16(1, id.byteLength, true);
    view.setUint32(3, body.byteLength, true);
    parts.push(head, id, body);
  }
  return concatBytes(...parts);
}

export function decodePack(bytes: Uint8Array): PackRecord[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (d: string): never => {
    throw new PackError('format', d);
  };
  if (bytes.byteLength < 8 || fromUtf8(bytes.subarray(0, 4)) !== 'HLP1') fail('no pack header');
  const count = view.getUint32(4, true);
  const out: PackRecord[] = [];
  let at = 8;
  for (let i = 0; i < count; i++) {
    if (at + 7 > bytes.byteLength) fail(`record ${i} cut short`);
    const kind = view.getUint8(at);
    const idLen = view.getUint16(at + 1, true);
    const len = view.getUint32(at + 3, true);
    at += 7;
    if (at + idLen + len > bytes.byteLength) fail(`record ${i} cut short`);
    const id = fromUtf8(bytes.subarray(at, at + idLen));
    at += idLen;
    // Copied: the records outlive the pack's buffer, and typed views need alignment.
    const body = bytes.slice(at, at + len);
    at += len;
    if (kind === KIND.block) out.push({ kind: 'block', id, sealed: body });
    else if (kind === KIND.index) {
      if (len % 12 !== 0) fail(`index ${i} is not token triples`);
      out.push({ kind: 'index', id, entries: new Uint32Array(body.buffer, 0, len / 4) });
    } else if (kind === KIND.status) {
      if (len % 3 !== 0) fail(`status ${i} has a bad length`);
      const n = len / 3;
      out.push({ kind: 'status', id, avail: body.slice(0, n), segment: new Uint16Array(body.slice(n).buffer, 0, n) });
    } else fail(`record ${i} of unknown kind ${kind}`);
  }
  if (at !== bytes.byteLength) fail('bytes after the last record');
  return out;
}

/** Groups records into packs of about PACK_TARGET_BYTES, in order. */
export function groupPacks(records: Iterable<PackRecord>, target = PACK_TARGET_BYTES): PackRecord[][] {
  const packs: PackRecord[][] = [];
  let current: PackRecord[] = [];
  let size = 0;
  for (const r of records) {
    const n = recordBytes(r);
    if (current.length > 0 && size + n > target) {
      packs.push(current);
      current = [];
      size = 0;
    }
    current.push(r);
    size += n;
  }
  if (current.length > 0) packs.push(current);
  return packs;
}

const packAad = (epoch: number, datasetId: string, n: number) => `honbu-list-pack/v1|${epoch}|${datasetId}|${n}`;
const manifestAad = (epoch: number, datasetId: string) => `honbu-list-manifest/v1|${epoch}|${datasetId}`;

export async function hashOf(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/**
 * `ivKey` (the epoch's slot key): the IV is a keyed hash of the pack's place and content, so
 * two laptops sealing the same records in the same place make the same bytes, and the same
 * name — the server stores a list shared by several laptops at once (as each does when an
 * epoch starts) once, not once per laptop against the team's quota. Without it, a random IV.
 */
export async function sealPack(key: CryptoKey, epoch: number, datasetId: string, n: number, records: PackRecord[], ivKey?: CryptoKey): Promise<{ sealed: Uint8Array<ArrayBuffer>; ref: PackRef }> {
  const plain = encodePack(records);
  const aad = packAad(epoch, datasetId, n);
  const iv = ivKey ? new Uint8Array(await crypto.subtle.sign('HMAC', ivKey, concatBytes(utf8(`honbu-list-pack-iv/v1|${aad}|`), plain))).slice(0, 12) : undefined;
  const sealed = await sealBytes(key, plain, aad, iv);
  if (sealed.byteLength > MAX_BLOB_BYTES) throw new Error(`list pack: pack ${n} is larger than the server takes`);
  return { sealed, ref: { hash: await hashOf(sealed), bytes: sealed.byteLength, records: records.length } };
}

/**
 * Checks a received pack in order — its hash against the manifest, its seal, its format,
 * and that each record belongs to this list — and only then returns its records.
 */
export async function openPack(key: CryptoKey, epoch: number, datasetId: string, n: number, ref: PackRef, sealed: Uint8Array<ArrayBuffer>): Promise<PackRecord[]> {
  if (sealed.byteLength !== ref.bytes || (await hashOf(sealed)) !== ref.hash) throw new PackError('hash', `pack ${n}`);
  let plain: Uint8Array;
  try {
    plain = await openBytes(key, sealed, packAad(epoch, datasetId, n));
  } catch {
    throw new PackError('seal', `pack ${n}`);
  }
  const records = decodePack(plain);
  if (records.length !== ref.records) throw new PackError('format', `pack ${n} holds ${records.length} records, not ${ref.records}`);
  for (const r of records) if (!belongsTo(r.id, datasetId)) throw new PackError('foreign-record', `pack ${n}`);
  return records;
}

/** Block and status ids are `<dataset>:<block>`, index ids `<dataset>|…`. */
const belongsTo = (id: string, datasetId: string) => id.startsWith(`${datasetId}:`) || id.startsWith(`${datasetId}|`);

export function sealManifest(key: CryptoKey, epoch: number, manifest: ListManifest): Promise<Uint8Array<ArrayBuffer>> {
  return sealBytes(key, utf8(JSON.stringify(manifest)), manifestAad(epoch, manifest.datasetId));
}

export async function openManifest<Meta>(key: CryptoKey, epoch: number, datasetId: string, sealed: Uint8Array<ArrayBuffer>): Promise<ListManifest<Meta>> {
  let m: ListManifest<Meta>;
  try {
    m = JSON.parse(fromUtf8(await openBytes(key, sealed, manifestAad(epoch, datasetId)))) as ListManifest<Meta>;
  } catch {
    throw new PackError('seal', 'manifest');
  }
  const okRef = (p: PackRef) => typeof p?.hash === 'string' && /^[A-Za-z0-9_-]{43}$/.test(p.hash) && Number.isInteger(p.bytes) && p.bytes > 0 && p.bytes <= MAX_BLOB_BYTES && Number.isInteger(p.records);
  if (m?.v !== 1 || m.datasetId !== datasetId || !Number.isInteger(m.rows) || !Array.isArray(m.packs) || !m.packs.every(okRef)) throw new PackError('format', 'manifest');
  return m;
}

/**
 * The digest the importer signs in its import event: SHA-256 over the SHA-256 of each sealed
 * row block, in block order. Sealed blocks travel unchanged (only re-wrapped per epoch), so
 * a receiver computes the same digest from what it stored, whichever laptop shared it.
 */
export async function blocksDigest(sealedBlocks: AsyncIterable<Uint8Array<ArrayBuffer>> | Iterable<Uint8Array<ArrayBuffer>>): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const b of sealedBlocks) parts.push(new Uint8Array(await crypto.subtle.digest('SHA-256', b)));
  return toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', concatBytes(...parts))));
}

/** Where a list's manifest waits on the server: a name only holders of the epoch key can compute. */
export async function manifestSlot(slotKey: CryptoKey, datasetId: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', slotKey, utf8(`honbu-list-slot/v1|${datasetId}`))));
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}
