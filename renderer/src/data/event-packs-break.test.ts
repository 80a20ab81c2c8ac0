/**
 * Event packs (decision 038) and the off-thread reads attacked: records on disk altered by
 * someone holding the laptop's files but not its key, and a lock while a read is starting.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnyDraft, AnyEvent } from '../../../shared/events/registry';
import { DecryptionError, sealJson } from '../../../shared/vault/cipher';
import type { HonbuDb, StoredEvent } from './db';
import { useErrors } from '../errors/error-store';
import { StoreClosedError } from './event-store';
import { FakeWorker } from './test-worker';
import { dropTestLaptops, twoLaptops } from './test-laptops';
import { packAad } from './typed-events';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  return dropTestLaptops();
});

// Names outside Shift_JIS, full-width digits, a tab and an empty note.
const note = (i: number) => (i % 7 === 0 ? '' : `髙橋\t𠮷野家 ①２３ 連絡 ${i}`);
const task = (id: string, incidentId: string): AnyDraft => ({
  type: 'boards.tasks-added',
  incidentId,
  payload: { tasks: [{ id, phase: 'containment', title: `作業 ${id}`, owner: '𠮷田', dueAt: null, status: 'todo', notes: '', checklist: [], source: '' }] },
});
const change = (taskId: string, i: number, incidentId: string): AnyDraft => ({ type: 'boards.task-changed', incidentId, payload: { taskId, changes: { notes: note(i) } } });

/** Another laptop's edits in two incidents, sent as one batch: b stores a pack per incident. */
async function packedOnB(prefix: string) {
  const { a, b } = await twoLaptops(prefix);
  for (const inc of ['i1', 'i2']) {
    await a.append([task(`t-${inc}`, inc)]);
    for (let i = 0; i < 12; i++) await a.append([change(`t-${inc}`, i, inc)]);
  }
  const sent = await a.readEvents();
  await b.applyRemote(sent);
  const db: HonbuDb = b.database;
  const packed = (await db.events.toArray()).filter((e) => e.pack !== undefined);
  expect(new Set(packed.map((e) => e.pack)).size).toBe(2);
  return { a, b, db, sent, packed };
}

describe('a packed event altered on disk (no key)', () => {
  it('moved to another incident is refused, not shown there and missing from its own', async () => {
    const { b, db, packed } = await packedOnB('packs-moved');
    const victim = packed.find((e) => e.incidentId === 'i1')!;
    await db.events.put({ ...victim, incidentId: 'i2' } as StoredEvent);
    await expect(b.readEventsWhole('i2')).rejects.toBeInstanceOf(DecryptionError);
    await expect(b.readEventsWhole()).rejects.toBeInstanceOf(DecryptionError);
  });

  it('given another type, actor or clock is refused', async () => {
    const { b, db, packed } = await packedOnB('packs-relabel');
    const victim = packed[3]!;
    for (const altered of [
      { ...victim, type: 'boards.tasks-added' },
      { ...victim, actor: 'mallory' },
      { ...victim, at: packed[0]!.at.replace(/^\d/, '9') },
    ]) {
      await db.events.put(altered as StoredEvent);
      await expect(b.readEventsWhole()).rejects.toBeInstanceOf(DecryptionError);
    }
    await db.events.put(victim);
    expect(await b.readEvents()).toHaveLength(26);
  });

  it('a pack sealed before packs held their events\' clear fields still reads', async () => {
    const { b, db, packed } = await packedOnB('packs-old-format');
    const byId = new Map((await b.readEvents()).map((e) => [e.id, e]));
    const pack = packed[0]!.pack!;
    const members = packed.filter((e) => e.pack === pack);
    const old = { ids: members.map((e) => e.id), payloads: members.map((e) => byId.get(e.id)!.payload) };
    await db.packs.put({ id: pack, sealed: await sealJson(b.keys.data, old, packAad(pack)) });
    expect(await b.readEvents()).toEqual([...byId.values()]);
  });

  it('with neither a pack nor a seal of its own, or a pointer that is no id, is refused as undecryptable', async () => {
    const { b, db, packed } = await packedOnB('packs-unpointed');
    const victim = packed.find((e) => e.incidentId === 'i1')!;
    const { pack: _pack, ...bare } = victim;
    await db.events.put(bare as StoredEvent);
    await expect(b.readEventsWhole('i1')).rejects.toBeInstanceOf(DecryptionError);
    // A pointer that is no pack id at all (IndexedDB refuses it as a key).
    for (const pack of [{ id: 'x' }, ['x'], 7]) {
      await db.events.put({ ...victim, pack } as unknown as StoredEvent);
      await expect(b.readEventsWhole('i1')).rejects.toBeInstanceOf(DecryptionError);
    }
  });
});

describe('a hostile laptop naming the incident as the store writes "no incident"', () => {
  it('has its events refused, not stored as the workspace\'s own (a role granted there would count everywhere)', async () => {
    const { a, b } = await twoLaptops('packs-dash-incident');
    // Nine (a pack) and one (sealed alone), as another laptop could send them.
    const made = await a.append(Array.from({ length: 9 }, (_, i) => change('t', i, 'i1')));
    const [one] = await a.append([change('t', 0, 'i1')]);
    const hostile = [...made, one!].map((e) => ({ ...e, incidentId: '-' }));
    const refused: string[] = [];
    const stored = await b.applyRemote(hostile, (r) => refused.push(r.id ?? ''));
    expect(stored).toHaveLength(0);
    expect(refused.sort()).toEqual(hostile.map((e) => e.id).sort());
    expect(await b.readEvents(null)).toEqual([]);
  });
});

/** A worker that never answers: what it was given is what matters. */
class HeldWorker extends EventTarget {
  static made: HeldWorker[] = [];
  posted: { args?: { key?: CryptoKey } }[] = [];
  terminated = false;
  constructor() {
    super();
    HeldWorker.made.push(this);
  }
  postMessage(m: { args?: { key?: CryptoKey } }) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
}

describe('locking while a list is being read off the thread', () => {
  it('hands no key to a worker once the lock began, and leaves none running', async () => {
    HeldWorker.made = [];
    vi.stubGlobal('Worker', HeldWorker);
    const { b } = await packedOnB('packs-lock-read');
    // A call result being saved as the idle lock starts, and the dashboard asking for a list's events.
    const saving = b.append([change('t-i1', 99, 'i1')]);
    const closing = b.close();
    const read = b.readEventsOffThread('i1', ['boards.task-changed']);
    const outcome = await Promise.race([read.then((e: AnyEvent[]) => e.length, (e: unknown) => e), new Promise((r) => setTimeout(() => r('still waiting'), 1_000))]);
    await saving;
    await closing;
    // Refused, or read in place while the writes queued before the lock still fold: never in a worker.
    expect(outcome === 12 || outcome instanceof StoreClosedError).toBe(true);
    const holding = HeldWorker.made.filter((w) => !w.terminated && w.posted.some((m) => m.args?.key));
    expect(holding).toHaveLength(0);
  });

  it('lets a write queued before the lock finish when its fold was reading in a worker (the read goes on in place)', async () => {
    HeldWorker.made = [];
    const { b } = await packedOnB('packs-lock-fold');
    vi.stubGlobal('Worker', HeldWorker);
    let asked!: () => void;
    const inWorker = new Promise<void>((ok) => (asked = ok));
    let seen = -1;
    // A commit whose fold reads a list's events (as a result arriving out of clock order does).
    const saving = b.append([change('t-i1', 100, 'i1')], {
      tables: [],
      prepare: async () => {
        const reading = b.readEventsOffThread('i1', ['boards.task-changed']);
        asked();
        seen = (await reading).length;
        return async () => undefined;
      },
    });
    await inWorker;
    await b.close();
    expect(await saving).toHaveLength(1);
    expect(seen).toBe(12);
    expect(HeldWorker.made).toHaveLength(1);
    expect(HeldWorker.made.every((w) => w.terminated)).toBe(true);
  });
});

describe('a reading worker that crashes mid-read', () => {
  it('reads the events in place instead, and the fault is reported once', async () => {
    const { b } = await packedOnB('packs-crash-read');
    const made: FakeWorker[] = [];
    class Crashing extends FakeWorker {
      constructor() {
        super();
        made.push(this);
      }
      override postMessage(message: unknown): void {
        this.received.push(message);
        setTimeout(() => this.crash('Uncaught RangeError: Array buffer allocation failed'), 5);
      }
    }
    vi.stubGlobal('Worker', Crashing);
    const before = useErrors.getState().count;
    const [first, second] = await Promise.all([b.readEventsOffThread('i1', ['boards.task-changed']), b.readEventsOffThread('i2', ['boards.task-changed'])]);
    expect(first).toHaveLength(12);
    expect(second).toHaveLength(12);
    expect(useErrors.getState().count).toBe(before + 1);
    // Later reads are made in place: no second worker, no second report.
    expect(await b.readEventsOffThread('i1', ['boards.task-changed'])).toHaveLength(12);
    expect(made).toHaveLength(1);
    expect(made[0]!.terminated).toBe(true);
    expect(made[0]!.listeners).toBe(0);
    expect(useErrors.getState().count).toBe(before + 1);
  });
});
