/**
 * The local error log: what support needs to find a fault, and nothing about anyone.
 * Entries arrive already scrubbed (shared/errors/scrub.ts); each is sealed with the
 * workspace key in the `errors` table (migration 6), with only its id and time in clear.
 * While the workspace is locked there is no key: entries wait in memory (a bounded few)
 * and are written once it is unlocked. See docs/decisions/010-error-log.md.
 */
import type { Disposable } from '../../../shared/lifecycle/disposable';
import { openJson, sealJson } from '../../../shared/vault/cipher';
import type { HonbuDb } from '../data/db';

export type ErrorSource = 'window' | 'promise' | 'screen' | 'action' | 'background';

export interface ErrorEntry {
  id: string;
  /** ISO time. */
  at: string;
  /** How it reached the handler: a thrown error, a rejected promise, a screen that failed to draw… */
  source: ErrorSource;
  name: string;
  message: string;
  stack: string[];
  /** The screen (and incident tab) on show, e.g. "incident/contacts". */
  where: string;
  /** For a screen that failed to draw: its components, innermost first. */
  components?: string[];
  version: string;
  /** The same fault again within a few seconds counts here instead of filling the log. */
  repeats?: number;
}

/** Entries kept on disk: the newest few hundred are what support reads. */
export const KEEP_ON_DISK = 200;
/** Entries held in memory while locked. */
export const KEEP_IN_MEMORY = 50;
/** The same fault within this time is a repeat, not a new entry. */
const REPEAT_MS = 5000;

const aad = (id: string) => `errors:${id}`;
const fingerprint = (e: ErrorEntry) => `${e.source}|${e.where}|${e.name}|${e.message}|${e.stack[0] ?? ''}`;

export class ErrorLog {
  /** Entries not yet on disk (locked, or written a moment ago and not yet landed). */
  private pending: ErrorEntry[] = [];
  private sink: { db: HonbuDb; key: CryptoKey } | null = null;
  private writing: Promise<void> = Promise.resolve();
  private last: ErrorEntry | null = null;

  /** Records an entry; never throws (the log must not add a fault to the one it records). */
  record(entry: ErrorEntry): void {
    if (this.last && fingerprint(this.last) === fingerprint(entry) && Date.parse(entry.at) - Date.parse(this.last.at) < REPEAT_MS) {
      this.last.repeats = (this.last.repeats ?? 0) + 1;
      // Written already: written again (same id) with its count.
      if (!this.pending.includes(this.last)) this.pending.push(this.last);
      this.flush();
      return;
    }
    this.last = entry;
    this.pending.push(entry);
    if (this.pending.length > KEEP_IN_MEMORY) this.pending.splice(0, this.pending.length - KEEP_IN_MEMORY);
    this.flush();
  }

  /**
   * The workspace is unlocked: what waited in memory is written, and so is everything
   * recorded until the returned disposable is disposed (on lock), which drops the key.
   */
  open(db: HonbuDb, key: CryptoKey): Disposable {
    const sink = { db, key };
    this.sink = sink;
    this.flush();
    return {
      dispose: () => {
        if (this.sink === sink) this.sink = null;
        return this.writing;
      },
    };
  }

  /** Resolves once every write started so far has ended. */
  settled(): Promise<void> {
    return this.writing;
  }

  /** Every entry, oldest first: those on disk (while unlocked) and those still in memory. */
  async entries(): Promise<ErrorEntry[]> {
    await this.writing;
    const sink = this.sink;
    const stored = sink ? await sink.db.errors.orderBy('at').toArray() : [];
    const opened = sink ? await Promise.all(stored.map((s) => openJson<ErrorEntry>(sink.key, s.sealed, aad(s.id)))) : [];
    const ids = new Set(opened.map((e) => e.id));
    return [...opened, ...this.pending.filter((e) => !ids.has(e.id))].sort((a, b) => a.at.localeCompare(b.at));
  }

  private flush(): void {
    const sink = this.sink;
    if (!sink || this.pending.length === 0) return;
    this.writing = this.writing.then(async () => {
      const batch = this.pending.slice();
      if (batch.length === 0 || this.sink !== sink) return;
      try {
        const rows = await Promise.all(batch.map(async (e) => ({ id: e.id, at: e.at, sealed: await sealJson(sink.key, e, aad(e.id)) })));
        await sink.db.transaction('rw', sink.db.errors, async () => {
          await sink.db.errors.bulkPut(rows);
          const extra = (await sink.db.errors.count()) - KEEP_ON_DISK;
          if (extra > 0) await sink.db.errors.bulkDelete(await sink.db.errors.orderBy('at').limit(extra).primaryKeys());
        });
        this.pending = this.pending.filter((e) => !batch.includes(e));
      } catch (e) {
        // A full or broken disk: the entries stay in memory and are exported from there.
        console.error('errors: the error log could not be written', e);
      }
    });
  }
}

/** The app's one error log. */
export const errorLog = new ErrorLog();
