import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openJson } from '../../../shared/vault/cipher';
import { HonbuDb } from '../data/db';
import { ReadOnlyError, StoreClosedError } from '../data/event-store';
import { ErrorLog, KEEP_ON_DISK, type ErrorEntry } from './error-log';
import { useErrors } from './error-store';
import { errorLogFile } from './export-log';
import { installErrorHandlers, reportError } from './report';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
beforeEach(() => useErrors.getState().dismiss());

async function unlocked() {
  const db = new HonbuDb(`errors-${crypto.randomUUID()}`);
  dbs.push(db);
  await db.open();
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  return { db, key };
}

let clock = Date.parse('2026-11-22T09:00:00.000Z');
function entry(message: string, extra: Partial<ErrorEntry> = {}): ErrorEntry {
  clock += 60_000;
  return { id: crypto.randomUUID(), at: new Date(clock).toISOString(), source: 'action', name: 'Error', message, stack: ['save (index.js:1:2)'], where: 'incident/faq', version: 'test', ...extra };
}

const contains = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text, 'utf8'));

describe('the sealed error log', () => {
  it('keeps entries in memory while locked, writes them sealed on unlock, and lets go of the key on lock', async () => {
    const log = new ErrorLog();
    const early = entry('quota exceeded while saving');
    log.record(early);
    expect(await log.entries()).toEqual([early]);

    const { db, key } = await unlocked();
    const opened = log.open(db, key);
    const during = entry('cannot read properties of undefined');
    log.record(during);
    await log.settled();

    // On disk: the id and time in clear, everything else sealed under the workspace key.
    const rows = await db.errors.orderBy('at').toArray();
    expect(rows.map((r) => Object.keys(r).sort())).toEqual([['at', 'id', 'sealed'], ['at', 'id', 'sealed']]);
    expect(rows.map((r) => [r.id, r.at])).toEqual([[early.id, early.at], [during.id, during.at]]);
    for (const r of rows) {
      expect(contains(r.sealed, 'quota')).toBe(false);
      expect(contains(r.sealed, 'incident/faq')).toBe(false);
    }
    expect(await openJson(key, rows[0]!.sealed, `errors:${early.id}`)).toEqual(early);
    expect(await openJson(key, rows[1]!.sealed, `errors:${during.id}`)).toEqual(during);

    await opened.dispose();
    const after = entry('after the lock');
    log.record(after);
    await log.settled();
    expect(await db.errors.count()).toBe(2);
    // Locked: only what is in memory can be read (the sealed ones need the key).
    expect(await log.entries()).toEqual([after]);
    expect(Object.values(log).some((v) => v instanceof CryptoKey)).toBe(false);
  });

  it('keeps the newest entries only, and counts a fault repeated within seconds instead of filling the log', async () => {
    const log = new ErrorLog();
    const { db, key } = await unlocked();
    log.open(db, key);
    for (let i = 0; i < KEEP_ON_DISK + 5; i++) {
      log.record(entry(`fault ${i}`));
      if (i % 20 === 0) await log.settled();
    }
    await log.settled();
    expect(await db.errors.count()).toBe(KEEP_ON_DISK);
    const all = await log.entries();
    expect(all).toHaveLength(KEEP_ON_DISK);
    expect(all[0]!.message).toBe('fault 5');

    const first = entry('same fault');
    log.record(first);
    log.record({ ...first, id: crypto.randomUUID(), at: new Date(Date.parse(first.at) + 1000).toISOString() });
    log.record({ ...first, id: crypto.randomUUID(), at: new Date(Date.parse(first.at) + 2000).toISOString() });
    await log.settled();
    const newest = (await log.entries()).at(-1)!;
    expect(newest).toMatchObject({ id: first.id, message: 'same fault', repeats: 2 });
  });
});

describe('the one handler', () => {
  it('logs an unexpected error scrubbed of personal data and shows one calm notice', async () => {
    const log = new ErrorLog();
    expect(reportError(new SyntaxError(`Unexpected token '山', "山田 花子, 090-1234-5678, hanako@example.jp" is not valid JSON`), 'promise', undefined, log)).toBe(true);
    const [logged] = await log.entries();
    expect(logged).toMatchObject({ source: 'promise', name: 'SyntaxError', message: `Unexpected token '…', "…" is not valid JSON` });
    // The phone in full: the entry's random id may hold "090" by chance (it did, once in CI).
    expect(JSON.stringify(logged)).not.toMatch(/山田|花子|090-1234|1234-5678|hanako/);
    expect(useErrors.getState().count).toBe(1);
    reportError(new Error('another'), 'action', undefined, log);
    expect(useErrors.getState().count).toBe(2);
  });

  it('reports an error once though it is handed on and reaches the handler again', async () => {
    const log = new ErrorLog();
    const before = useErrors.getState().count;
    // A worker that failed: reported where it happened, then the rejection of a call waiting on it.
    const failed = new Error('the worker stopped');
    expect(reportError(failed, 'background', undefined, log)).toBe(true);
    expect(reportError(failed, 'promise', undefined, log)).toBe(true);
    const entries = await log.entries();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.repeats).toBeUndefined();
    expect(useErrors.getState().count).toBe(before + 1);
  });

  it('leaves expected refusals to the screens that show them', async () => {
    const log = new ErrorLog();
    for (const e of [new StoreClosedError(), new ReadOnlyError('revoked'), new DOMException('cancelled', 'AbortError')]) {
      expect(reportError(e, 'promise', undefined, log)).toBe(false);
    }
    expect(await log.entries()).toEqual([]);
    expect(useErrors.getState().count).toBe(0);
  });

  it('logs a screen that failed to draw with its components, without a second notice (the screen says so itself)', () => {
    const log = new ErrorLog();
    reportError(new TypeError('x is undefined'), 'screen', '\n    at TimelineView (app://honbu/a.js:1:2)\n    at IncidentScreen (app://honbu/a.js:3:4)', log);
    expect(useErrors.getState().count).toBe(0);
    return expect(log.entries()).resolves.toMatchObject([{ source: 'screen', components: ['TimelineView', 'IncidentScreen'] }]);
  });

  it('hears the window: a promise nobody awaited that fails reaches it; an expected one is silenced', () => {
    const target = new EventTarget();
    const handlers = installErrorHandlers(target as unknown as Window, { where: () => 'settings' });
    const failed = Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason: new Error('disk broke') });
    target.dispatchEvent(failed);
    expect(useErrors.getState().count).toBe(1);
    expect(failed.defaultPrevented).toBe(false);
    const locked = Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason: new StoreClosedError() });
    target.dispatchEvent(locked);
    expect(locked.defaultPrevented).toBe(true);
    expect(useErrors.getState().count).toBe(1);
    handlers.dispose();
    target.dispatchEvent(Object.assign(new Event('unhandledrejection'), { reason: new Error('after') }));
    expect(useErrors.getState().count).toBe(1);
  });
});

describe('the export for support', () => {
  it('is JSON with the version and every entry as stored, field by field', () => {
    const entries = [entry('quota exceeded', { stack: ['commit (index.js:1:2)'], repeats: 3 }), entry("reading '…'", { source: 'screen', components: ['FaqView'] })];
    const file = errorLogFile(entries, new Date('2026-11-22T10:15:30Z'), 'Mozilla/5.0 Chrome/140');
    expect(file.suggestedName).toBe('honbu-error-log-20261122-1015.json');
    const parsed = JSON.parse(file.data);
    expect(Object.keys(parsed).sort()).toEqual(['app', 'entries', 'exportedAt', 'note', 'userAgent', 'version']);
    expect(parsed).toMatchObject({ app: 'Honbu', exportedAt: '2026-11-22T10:15:30.000Z', userAgent: 'Mozilla/5.0 Chrome/140' });
    expect(parsed.entries).toEqual(entries);
  });
});
