/**
 * Typed reads of one projection table (data/tables.ts): rows are opened with the workspace
 * key and come back as the fold's row type. A read takes the key when it starts: one under
 * way at the lock finishes (its result is dropped by the screen that asked), one started
 * after it is refused (StoreClosedError, from `key()`).
 */
import { openJson } from '../../../shared/vault/cipher';
import type { HonbuDb, StoredRow } from './db';
import { mark } from './trace';

type Row = { id: string };

export interface TableReader<R extends Row, Index extends string> {
  get(id: string): Promise<R | undefined>;
  /** Rows by id, in the order asked; undefined where there is none (deleted, or never made). */
  getMany(ids: readonly string[]): Promise<(R | undefined)[]>;
  /** Every row. Bulk tables (customers) never come through here. */
  all(): Promise<R[]>;
  /** Rows whose clear index field equals a value (e.g. the tasks of one incident). */
  where(index: Index, value: string | number): Promise<R[]>;
}

export const rowAad = (table: string, id: string) => `${table}:${id}`;

/**
 * Sealed rows read ahead of the key. While Argon2id runs in its worker (decision 004) the
 * page's thread and IndexedDB are idle: the unlock reads the first screen's rows then, still
 * sealed — nothing is opened before the key exists, and nothing in clear is kept — and the
 * screen's first read of the same rows takes them instead of asking IndexedDB again (only
 * the opening is left after the key). Each is taken once. Any commit drops them all (they
 * could be older than the table), and so do a lock and a failed unlock.
 */
const ahead = new Map<string, { db: HonbuDb; read: Promise<StoredRow[] | null> }>();
const aheadKey = (name: string, index: string | null, value: string | number | null) => JSON.stringify([name, index, value]);

/** Starts reading, sealed, the rows `where(index, value)` (or, with index null, `all()`) of the table `name` will ask for. */
export function readAhead(db: HonbuDb, name: string, index: string | null, value: string | number | null): void {
  const k = aheadKey(name, index, value);
  if (ahead.has(k)) return;
  // Listening from before the read: another tab's write from now on drops it.
  channelOf(db.name);
  const rows = db.rows(name);
  const read = index === null ? rows.toArray() : rows.where(index).equals(value ?? '').toArray();
  // Only a head start: a failed read ahead is read again, and fails there if it must.
  ahead.set(k, {
    db,
    read: read.then(
      (rows) => (mark(`read-ahead:${name}:${rows.length}`), rows),
      () => null,
    ),
  });
}

/** Drops every row read ahead (a commit, a lock, a failed unlock). */
export function dropReadAhead(): void {
  ahead.clear();
}

/**
 * Another tab on the same workspace (web mode) writes the same tables and this tab never
 * hears of it: a read ahead held here would stand in for a read made after that write. Every
 * write says so on a channel of the workspace's database, before it starts and once it has
 * landed; each tab drops what it read ahead of that database on hearing it.
 */
const channels = new Map<string, BroadcastChannel>();
function channelOf(name: string): BroadcastChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  let channel = channels.get(name);
  if (!channel) {
    channel = new BroadcastChannel(`honbu-rows-written:${name}`);
    channel.onmessage = () => {
      for (const [k, held] of ahead) if (held.db.name === name) ahead.delete(k);
      for (const w of watchers) if (w.db.name === name) w.told();
    };
    // Node (tests): the channel must not keep the process alive.
    (channel as { unref?: () => void }).unref?.();
    channels.set(name, channel);
  }
  return channel;
}

/** A write to `db`'s tables starts or has landed: what this tab and every other tab read ahead of them is dropped. */
export function rowsWritten(db: HonbuDb): void {
  dropReadAhead();
  channelOf(db.name)?.postMessage('written');
  // Another connection to the same database in this page (tests; the channel does not echo).
  for (const w of watchers) if (w.db !== db && w.db.name === db.name) w.told();
}

const watchers = new Set<{ db: HonbuDb; told: () => void }>();

/**
 * Tells `told` whenever another tab (or another connection in this page) writes to `db`'s
 * database: what was read of it before may be behind (the event store's clock). Returns the
 * way to stop listening.
 */
export function onWrittenElsewhere(db: HonbuDb, told: () => void): () => void {
  channelOf(db.name);
  const w = { db, told };
  watchers.add(w);
  return () => void watchers.delete(w);
}

/** How many reads ahead are held, not yet taken (tests). */
export function readAheadHeld(): number {
  return ahead.size;
}

async function takeAhead(db: HonbuDb, name: string, index: string | null, value: string | number | null): Promise<StoredRow[] | null> {
  const k = aheadKey(name, index, value);
  const held = ahead.get(k);
  if (!held || held.db !== db) return null;
  // Taken, it is the reader's own read: a commit from now on is heard as for any read under way.
  ahead.delete(k);
  return held.read;
}

/** Reads of the table `name`, whose rows are R (the caller's TableRef ties the two: data/tables.ts). */
export function tableReader<R extends Row, Index extends string>(db: HonbuDb, key: () => CryptoKey, name: string): TableReader<R, Index> {
  const table = () => db.rows(name);
  const open = (k: CryptoKey, s: StoredRow) => openJson<R>(k, s.sealed, rowAad(name, s.id));
  return {
    async get(id) {
      const k = key();
      const stored = await table().get(id);
      return stored ? open(k, stored) : undefined;
    },
    async getMany(ids) {
      const k = key();
      const stored = await table().bulkGet([...ids]);
      return Promise.all(stored.map((s) => (s ? open(k, s) : undefined)));
    },
    async all() {
      const k = key();
      const stored = (await takeAhead(db, name, null, null)) ?? (await table().toArray());
      return Promise.all(stored.map((s) => open(k, s)));
    },
    async where(index, value) {
      const k = key();
      const stored = (await takeAhead(db, name, index, value)) ?? (await table().where(index).equals(value).toArray());
      return Promise.all(stored.map((s) => open(k, s)));
    },
  };
}
