/**
 * Where the sync server keeps what it accepted: one record per accepted Yjs update, per
 * document, in the order written. Both engines are established, crash-safe stores:
 * LevelDB (classic-level, the default: one process, a directory on disk) and Redis (for
 * several server processes; see redis-store.ts). A record is durable before `append`
 * resolves; a failed write rejects and leaves nothing that hides later records.
 */
import { mkdirSync } from 'node:fs';
import { ClassicLevel } from 'classic-level';

export interface RoomCaps {
  /** Distinct sub-rooms per tag (per credential). */
  subsPerTag: number;
  /** Rooms on this server in all. */
  totalRooms: number;
}

export type RoomAdmission = 'ok' | 'too-many-subs' | 'too-many-rooms';

/**
 * What the server keeps about a room besides its records (never content):
 * - `frozen`: a workspace room whose epoch ended; no insert is accepted any more.
 * - `expiresAt` and `owner`: an invite room, opened by its host with a lifetime (≤ 24 h)
 *   and the hash of a secret only the host holds (to withdraw it).
 * - `gone`: an invite room used, withdrawn or expired: its records are deleted and it
 *   refuses connections; the marker itself is removed a day after the expiry.
 */
export interface RoomMeta {
  frozen?: true;
  expiresAt?: number;
  owner?: string;
  gone?: true;
}

/** An insert into a frozen room: refused by the store itself, atomically with the freeze. */
export class RoomFrozenError extends Error {
  constructor(doc: string) {
    super(`storage: room ${doc} is frozen`);
    this.name = 'RoomFrozenError';
  }
}

/**
 * Customer lists in transit (decision 012): sealed packs keyed by their SHA-256 and
 * write-once manifest slots, per credential tag, within a byte quota. Never content in clear.
 */
export interface ListBlobStore {
  /** Whether a workspace room was ever written to (blobs are only for rooms that exist). */
  roomKnown(doc: string): Promise<boolean>;
  getBlob(tag: string, key: string): Promise<Uint8Array | undefined>;
  /** Durable before it resolves. `quota`: the tag's total; 'exists' when the key already holds bytes. */
  putBlob(tag: string, key: string, bytes: Uint8Array, quota: number): Promise<'ok' | 'exists' | 'quota'>;
  /** Removes a blob found damaged (it is fetched again from a laptop that has it). */
  dropBlob(tag: string, key: string): Promise<void>;
}

/**
 * Reports from the intake page (decision 019) and the intake keys they are sealed to: small
 * records under their own prefix, each durable before the call resolves. Only ciphertext
 * and public keys; never a report in clear.
 */
export interface IntakeRecords {
  intakeGet(key: string): Promise<Uint8Array | undefined>;
  /** Writes all of these in one atomic, synced batch. */
  intakePut(records: { key: string; value: Uint8Array }[]): Promise<void>;
  /** Records whose key starts with `prefix`, in key order, at most `limit`. */
  intakeList(prefix: string, limit: number): Promise<{ key: string; value: Uint8Array }[]>;
  /**
   * Writes `record` (durably) only while fewer than `cap` records start with `prefix`, counted
   * by their keys and written in one step no other such write comes between (on Redis, across
   * processes too): the cap on waiting reports. False when it is full.
   */
  intakeAddUnder(prefix: string, cap: number, record: { key: string; value: Uint8Array }): Promise<boolean>;
  /** Removes these records in one atomic, synced batch. */
  intakeDel(keys: string[]): Promise<void>;
}

/**
 * The alert host's records (decision 018): escalation jobs (sealed to the host's key, with
 * the runner's progress), the host's key pair and one-time acknowledgement links. Small
 * JSON values by key, durable before `alertPut` resolves.
 */
export interface AlertRecordStore {
  alertGet(key: string): Promise<Uint8Array | undefined>;
  alertPut(key: string, value: Uint8Array): Promise<void>;
  /**
   * Writes the record only when there is none under `key`, in one step however many server
   * processes write (Redis: HSETNX); false when there was one, which is left as it was. An
   * acknowledgement kept beside its job is written so: of two at once, one wins. Absent: the
   * runner reads, then writes (one process, acknowledgements one at a time).
   */
  alertPutIfAbsent?(key: string, value: Uint8Array): Promise<boolean>;
  /** Every record whose key starts with `prefix`, in key order. */
  alertList(prefix: string): Promise<{ key: string; value: Uint8Array }[]>;
  /** Removes these records in one atomic, synced batch (finished jobs and old links, after their retention). */
  alertDel(keys: string[]): Promise<void>;
  /**
   * A store shared by several server processes (Redis) runs `fn` while holding a lock all of
   * them respect, so one job is changed by one process at a time; absent: one process only.
   */
  alertExclusive?<T>(fn: () => Promise<T>): Promise<T>;
}

export interface UpdateStore extends Partial<ListBlobStore>, Partial<IntakeRecords>, Partial<AlertRecordStore> {
  readonly kind: 'leveldb' | 'redis';
  /** A rate limit shared by every server process on this store (Redis); without it each process counts alone. */
  rateTake?(key: string, perSecond: number, burst: number): Promise<boolean>;
  /** Every stored record of a document, oldest first. */
  load(doc: string): Promise<Uint8Array[]>;
  /** Resolves once the record is on disk (fsync / AOF); rejects on any failure, and with RoomFrozenError in a frozen room. */
  append(doc: string, update: Uint8Array): Promise<void>;
  /** Replaces the first `count` records by `merged` in one atomic step (records appended since stay). */
  compact(doc: string, count: number, merged: Uint8Array): Promise<void>;
  /** Removes a document and its records (an invite room that was used or withdrawn). */
  drop(doc: string): Promise<void>;
  /** Records a room the first time something is written to it, within the caps. */
  admitRoom(doc: string, tagPrefix: string, caps: RoomCaps): Promise<RoomAdmission>;
  /** The room's metadata (read from the store, which other processes may share). */
  meta(doc: string): Promise<RoomMeta | undefined>;
  /** Replaces the room's metadata durably; undefined removes it. */
  setMeta(doc: string, meta: RoomMeta | undefined): Promise<void>;
  /** Every invite room that has metadata (for the expiry sweep). */
  inviteMetas(): Promise<{ doc: string; meta: RoomMeta }[]>;
  close(): Promise<void>;
}

const encodeMeta = (m: RoomMeta) => new TextEncoder().encode(JSON.stringify(m));
const decodeMeta = (b: Uint8Array): RoomMeta => JSON.parse(new TextDecoder().decode(b)) as RoomMeta;

const DOC = (doc: string) => `u!${doc}!`;
const ROOM = 'r!';
const META = 'm!';
const BLOB = (tag: string, key: string) => `b!${tag}!${key}`;
const USED = (tag: string) => `q!${tag}`;
const INTAKE = 'n!';
const ALERT = 'a!';
/** Sequence numbers as fixed-width hex, so keys sort in write order. */
const seqKey = (doc: string, seq: number) => `${DOC(doc)}${seq.toString(16).padStart(12, '0')}`;

export class LevelStore implements UpdateStore {
  readonly kind = 'leveldb' as const;
  private db: ClassicLevel<string, Uint8Array>;
  private readonly nextSeq = new Map<string, number>();
  private rooms: Set<string> | undefined;
  /** Set after a failed write: LevelDB refuses every later write until reopened. */
  private broken = false;
  private reopening: Promise<void> | undefined;
  /** Once closing, a failed write must not reopen the database behind the closer's back (it would keep the lock). */
  private closing = false;
  /** Frozen rooms (one process owns a LevelDB, so this set is the truth once loaded). */
  private frozen: Set<string> | undefined;

  private constructor(private readonly dir: string) {
    this.db = new ClassicLevel<string, Uint8Array>(dir, { keyEncoding: 'utf8', valueEncoding: 'view' });
  }

  static async open(dir: string): Promise<LevelStore> {
    mkdirSync(dir, { recursive: true });
    const store = new LevelStore(dir);
    await store.db.open();
    return store;
  }

  async load(doc: string): Promise<Uint8Array[]> {
    await this.healthy();
    const out: Uint8Array[] = [];
    let last = -1;
    for await (const [key, value] of this.db.iterator({ gte: DOC(doc), lt: `${DOC(doc)}~` })) {
      out.push(value);
      last = parseInt(key.slice(DOC(doc).length), 16);
    }
    this.nextSeq.set(doc, last + 1);
    return out;
  }

  async append(doc: string, update: Uint8Array): Promise<void> {
    await this.healthy();
    if ((await this.frozenRooms()).has(doc)) throw new RoomFrozenError(doc);
    const seq = this.nextSeq.get(doc) ?? (await this.lastSeq(doc)) + 1;
    try {
      await this.db.put(seqKey(doc, seq), update, { sync: true });
    } catch (err) {
      this.broken = true;
      throw err;
    }
    this.nextSeq.set(doc, seq + 1);
  }

  async compact(doc: string, count: number, merged: Uint8Array): Promise<void> {
    await this.healthy();
    const keys: string[] = [];
    for await (const key of this.db.keys({ gte: DOC(doc), lt: `${DOC(doc)}~`, limit: count })) keys.push(key);
    if (keys.length < 2) return;
    // The merged record takes the place of the last one it replaces: order is kept.
    const ops = [...keys.slice(0, -1).map((key) => ({ type: 'del' as const, key })), { type: 'put' as const, key: keys[keys.length - 1]!, value: merged }];
    try {
      await this.db.batch(ops, { sync: true });
    } catch (err) {
      this.broken = true;
      throw err;
    }
  }

  async drop(doc: string): Promise<void> {
    await this.healthy();
    await this.db.clear({ gte: DOC(doc), lt: `${DOC(doc)}~` });
    await this.db.del(`${ROOM}${doc}`, { sync: true });
    this.rooms?.delete(doc);
    this.nextSeq.delete(doc);
  }

  async admitRoom(doc: string, tagPrefix: string, caps: RoomCaps): Promise<RoomAdmission> {
    await this.healthy();
    if (!this.rooms) {
      this.rooms = new Set();
      for await (const key of this.db.keys({ gte: ROOM, lt: `${ROOM}~` })) this.rooms.add(key.slice(ROOM.length));
    }
    if (this.rooms.has(doc)) return 'ok';
    if (this.rooms.size >= caps.totalRooms) return 'too-many-rooms';
    let subs = 0;
    for (const r of this.rooms) if (r.startsWith(tagPrefix)) subs++;
    if (subs >= caps.subsPerTag) return 'too-many-subs';
    await this.db.put(`${ROOM}${doc}`, new Uint8Array(0), { sync: true });
    this.rooms.add(doc);
    return 'ok';
  }

  async roomKnown(doc: string): Promise<boolean> {
    await this.healthy();
    return (await this.db.get(`${ROOM}${doc}`)) !== undefined;
  }

  async getBlob(tag: string, key: string): Promise<Uint8Array | undefined> {
    await this.healthy();
    return this.db.get(BLOB(tag, key));
  }

  /** Bytes used per tag, read once from the store and then kept (one process owns a LevelDB). */
  private readonly used = new Map<string, number>();

  /** Blob puts one at a time: the write-once check and the quota are read, then written (Redis does both in one script). */
  private blobPuts: Promise<unknown> = Promise.resolve();
  /** Alert records written only if absent, one at a time (Redis: HSETNX). */
  private alertOnce: Promise<unknown> = Promise.resolve();

  putBlob(tag: string, key: string, bytes: Uint8Array, quota: number): Promise<'ok' | 'exists' | 'quota'> {
    const done = this.blobPuts.then(() => this.putBlobNow(tag, key, bytes, quota));
    this.blobPuts = done.catch(() => undefined);
    return done;
  }

  private async putBlobNow(tag: string, key: string, bytes: Uint8Array, quota: number): Promise<'ok' | 'exists' | 'quota'> {
    await this.healthy();
    if ((await this.db.get(BLOB(tag, key))) !== undefined) return 'exists';
    let used = this.used.get(tag);
    if (used === undefined) {
      const raw = await this.db.get(USED(tag));
      used = raw ? Number(new TextDecoder().decode(raw)) : 0;
    }
    if (used + bytes.byteLength > quota) return 'quota';
    const next = used + bytes.byteLength;
    try {
      await this.db.batch([
        { type: 'put', key: BLOB(tag, key), value: bytes },
        { type: 'put', key: USED(tag), value: new TextEncoder().encode(String(next)) },
      ], { sync: true });
    } catch (err) {
      this.broken = true;
      throw err;
    }
    this.used.set(tag, next);
    return 'ok';
  }

  /** Drops a blob and gives its bytes back to the tag's quota, in turn with the puts. */
  dropBlob(tag: string, key: string): Promise<void> {
    const done = this.blobPuts.then(async () => {
      await this.healthy();
      const found = await this.db.get(BLOB(tag, key));
      if (found === undefined) return;
      const raw = this.used.has(tag) ? undefined : await this.db.get(USED(tag));
      const used = this.used.get(tag) ?? (raw ? Number(new TextDecoder().decode(raw)) : 0);
      const next = Math.max(0, used - found.byteLength);
      try {
        await this.db.batch([
          { type: 'del', key: BLOB(tag, key) },
          { type: 'put', key: USED(tag), value: new TextEncoder().encode(String(next)) },
        ], { sync: true });
      } catch (err) {
        this.broken = true;
        throw err;
      }
      this.used.set(tag, next);
    });
    this.blobPuts = done.catch(() => undefined);
    return done;
  }

  async alertGet(key: string): Promise<Uint8Array | undefined> {
    await this.healthy();
    return this.db.get(`${ALERT}${key}`);
  }

  async alertPut(key: string, value: Uint8Array): Promise<void> {
    await this.healthy();
    try {
      await this.db.put(`${ALERT}${key}`, value, { sync: true });
    } catch (err) {
      this.broken = true;
      throw err;
    }
  }

  /** One at a time on this process, which owns the database: none reads between another's read and write. */
  alertPutIfAbsent(key: string, value: Uint8Array): Promise<boolean> {
    const run = this.alertOnce.then(async () => {
      if ((await this.alertGet(key)) !== undefined) return false;
      await this.alertPut(key, value);
      return true;
    });
    this.alertOnce = run.catch(() => undefined);
    return run;
  }

  async alertList(prefix: string): Promise<{ key: string; value: Uint8Array }[]> {
    await this.healthy();
    const out: { key: string; value: Uint8Array }[] = [];
    for await (const [key, value] of this.db.iterator({ gte: `${ALERT}${prefix}`, lt: `${ALERT}${prefix}~` })) out.push({ key: key.slice(ALERT.length), value });
    return out;
  }

  async alertDel(keys: string[]): Promise<void> {
    await this.healthy();
    try {
      await this.db.batch(keys.map((key) => ({ type: 'del' as const, key: `${ALERT}${key}` })), { sync: true });
    } catch (err) {
      this.broken = true;
      throw err;
    }
  }

  async intakeGet(key: string): Promise<Uint8Array | undefined> {
    await this.healthy();
    return this.db.get(`${INTAKE}${key}`);
  }

  async intakePut(records: { key: string; value: Uint8Array }[]): Promise<void> {
    await this.healthy();
    try {
      await this.db.batch(records.map((r) => ({ type: 'put' as const, key: `${INTAKE}${r.key}`, value: r.value })), { sync: true });
    } catch (err) {
      this.broken = true;
      throw err;
    }
  }

  async intakeList(prefix: string, limit: number): Promise<{ key: string; value: Uint8Array }[]> {
    await this.healthy();
    const out: { key: string; value: Uint8Array }[] = [];
    for await (const [key, value] of this.db.iterator({ gte: `${INTAKE}${prefix}`, lt: `${INTAKE}${prefix}~`, limit })) out.push({ key: key.slice(INTAKE.length), value });
    return out;
  }

  /** Capped writes one at a time per prefix (one process owns a LevelDB): counted by keys, then written. */
  private readonly intakeAdds = new Map<string, Promise<unknown>>();

  intakeAddUnder(prefix: string, cap: number, record: { key: string; value: Uint8Array }): Promise<boolean> {
    const done = (this.intakeAdds.get(prefix) ?? Promise.resolve()).then(async () => {
      await this.healthy();
      let n = 0;
      for await (const _ of this.db.keys({ gte: `${INTAKE}${prefix}`, lt: `${INTAKE}${prefix}~`, limit: cap })) n++;
      if (n >= cap) return false;
      await this.intakePut([record]);
      return true;
    });
    const settled = done.catch(() => undefined);
    this.intakeAdds.set(prefix, settled);
    void settled.then(() => this.intakeAdds.get(prefix) === settled && this.intakeAdds.delete(prefix));
    return done;
  }

  async intakeDel(keys: string[]): Promise<void> {
    await this.healthy();
    try {
      await this.db.batch(keys.map((key) => ({ type: 'del' as const, key: `${INTAKE}${key}` })), { sync: true });
    } catch (err) {
      this.broken = true;
      throw err;
    }
  }

  async meta(doc: string): Promise<RoomMeta | undefined> {
    await this.healthy();
    const raw = await this.db.get(`${META}${doc}`);
    return raw === undefined ? undefined : decodeMeta(raw);
  }

  async setMeta(doc: string, meta: RoomMeta | undefined): Promise<void> {
    await this.healthy();
    const frozen = await this.frozenRooms();
    try {
      if (meta) await this.db.put(`${META}${doc}`, encodeMeta(meta), { sync: true });
      else await this.db.del(`${META}${doc}`, { sync: true });
    } catch (err) {
      this.broken = true;
      throw err;
    }
    if (meta?.frozen) frozen.add(doc);
    else frozen.delete(doc);
  }

  async inviteMetas(): Promise<{ doc: string; meta: RoomMeta }[]> {
    await this.healthy();
    const out: { doc: string; meta: RoomMeta }[] = [];
    for await (const [key, value] of this.db.iterator({ gte: `${META}i.`, lt: `${META}i.~` })) out.push({ doc: key.slice(META.length), meta: decodeMeta(value) });
    return out;
  }

  private async frozenRooms(): Promise<Set<string>> {
    if (!this.frozen) {
      const found = new Set<string>();
      for await (const [key, value] of this.db.iterator({ gte: `${META}w.`, lt: `${META}w.~` })) if (decodeMeta(value).frozen) found.add(key.slice(META.length));
      this.frozen ??= found;
    }
    return this.frozen;
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.reopening?.catch(() => undefined);
    await this.db.close();
  }

  private async lastSeq(doc: string): Promise<number> {
    for await (const key of this.db.keys({ gte: DOC(doc), lt: `${DOC(doc)}~`, reverse: true, limit: 1 })) {
      return parseInt(key.slice(DOC(doc).length), 16);
    }
    return -1;
  }

  /**
   * After a failed write (a full disk, an I/O error) LevelDB keeps refusing writes; closing
   * and reopening replays its write-ahead log — dropping a torn tail and keeping every
   * complete record — and starts a fresh log, so later records are never hidden behind it.
   */
  private async healthy(): Promise<void> {
    if (this.closing) throw new Error('storage: closed');
    if (!this.broken) return;
    this.reopening ??= this.reopen().finally(() => (this.reopening = undefined));
    await this.reopening;
  }

  private async reopen(): Promise<void> {
    try {
      await this.db.close();
    } catch {
      // Closing a database in the error state may itself report the error.
    }
    if (this.closing) return;
    this.db = new ClassicLevel<string, Uint8Array>(this.dir, { keyEncoding: 'utf8', valueEncoding: 'view' });
    await this.db.open();
    this.broken = false;
    this.nextSeq.clear();
    this.rooms = undefined;
    this.frozen = undefined;
  }
}
