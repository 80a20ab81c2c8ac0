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

export interface UpdateStore {
  readonly kind: 'leveldb' | 'redis';
  /** Every stored record of a document, oldest first. */
  load(doc: string): Promise<Uint8Array[]>;
  /** Resolves once the record is on disk (fsync / AOF); rejects on any failure. */
  append(doc: string, update: Uint8Array): Promise<void>;
  /** Replaces the first `count` records by `merged` in one atomic step (records appended since stay). */
  compact(doc: string, count: number, merged: Uint8Array): Promise<void>;
  /** Removes a document and its records (an invite room that was used or withdrawn). */
  drop(doc: string): Promise<void>;
  /** Records a room the first time something is written to it, within the caps. */
  admitRoom(doc: string, tagPrefix: string, caps: RoomCaps): Promise<RoomAdmission>;
  close(): Promise<void>;
}

const DOC = (doc: string) => `u!${doc}!`;
const ROOM = 'r!';
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
  }
}
