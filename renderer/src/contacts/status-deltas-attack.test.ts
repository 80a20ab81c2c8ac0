/**
 * Attacks on status deltas (decision 051), by a tester who did not write them. Invariant:
 * after any sequence, the statuses as every reader sees them, the totals and the chart equal a
 * full fold of the events; a checked undo is refused exactly when undoStateOf says so; no
 * delta ever holds more than DELTA_ROWS rows, and every stored delta is well formed.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { undoStateOf } from '../../../shared/contacts/applied-lists';
import { CONTACT_EVENT_TYPES as C, foldStatuses } from '../../../shared/contacts/events';
import { unpack } from '../../../shared/contacts/fallback';
import { encodeHlc } from '../../../shared/events/hlc';
import type { AnyDraft, AnyEvent } from '../../../shared/events/registry';
import { HonbuDb } from '../data/db';
import { unlockWorkspace } from '../data/workspace';
import { appliedListsFromEvents } from './applied';
import { ContactEngine as Engine, type ContactEngine } from './contact-engine';
import { checkFold } from './fold-check';
import { rebuildStatuses, undoList } from './outcomes';
import { DELTA_ROWS, StatusDeltaDamagedError, statusRecord } from './status-deltas';
import { blockId, STATUS_ROWS } from './tables';
import { randomContactDraft } from './test-contact-drafts';
import { csvText, customer } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { equalsFullFold } from './test-fold';
import { openSnapshot, sealSnapshot } from './undo-snapshot';

afterEach(dropTestDatabases);

let wallBase = Date.now() + 10_000;
function remote(draft: AnyDraft, wall = (wallBase += 1_000)): AnyEvent {
  return { ...draft, id: crypto.randomUUID(), at: encodeHlc({ wall, counter: 0, node: 'peer' }), actor: 'peer-person' } as AnyEvent;
}
const bulk = (datasetId: string, rows: number[], outcome: 'failed' | 'reached' | 'no-answer' = 'failed'): AnyDraft => ({
  type: C.outcomesRecorded, incidentId: 'inc',
  payload: { datasetId, channel: 'post', source: 'returned-mail', rows, outcomes: rows.map(() => outcome), reasons: rows.map(() => '') },
});
const undoDraft = (datasetId: string, eventId: string): AnyDraft => ({ type: C.eventUndone, incidentId: 'inc', payload: { datasetId, eventId } });

async function sentList(rows: number) {
  const { db, engine, store } = await openTestEngine();
  const datasetId = await importText(engine, db, csvText(rows), { maxRetries: 1 });
  const post = await engine.createBatch({ datasetId, channel: 'post' });
  await engine.markBatchSent(datasetId, post.batch.batchId, '2026-11-22T09:00:00.000Z');
  return { db, engine, store, datasetId };
}

const returnedMail = async (engine: ContactEngine, datasetId: string, rows: number[]) =>
  engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', rows.map((i) => ({ customerNo: customer(i).no, outcome: 'failed' as const, reason: 'unknown-address' }))));

async function freshEvents(engine: ContactEngine, datasetId: string): Promise<AnyEvent[]> {
  return (engine.data as unknown as { readDatasetEvents(id: string): Promise<AnyEvent[]> }).readDatasetEvents(datasetId);
}

async function checkedUndoAgrees(engine: ContactEngine, datasetId: string, eventId: string, label = '') {
  const { rows } = await engine.policy(datasetId);
  const state = undoStateOf(await freshEvents(engine, datasetId), eventId, rows);
  const expectRefused = !state || state.undone !== null || state.blockedBy !== null;
  const refused = await undoList(engine, datasetId, eventId).then(() => false, () => true);
  expect.soft(refused, `${label} checked undo refused (undoStateOf: ${JSON.stringify(state)})`).toBe(expectRefused);
}

/** Every stored delta of the list is well formed and within DELTA_ROWS. */
async function deltasSane(engine: ContactEngine, datasetId: string, label: string) {
  const { rows } = await engine.policy(datasetId);
  const deltas = await engine.tables.statusDelta.where('datasetId').equals(datasetId).toArray();
  for (const d of deltas) {
    expect(d.rows, `${label} ${d.id} rows typed`).toBeInstanceOf(Uint16Array);
    expect(d.words, `${label} ${d.id} words typed`).toBeInstanceOf(Uint16Array);
    expect(d.rows.length, `${label} ${d.id} size`).toBeLessThanOrEqual(DELTA_ROWS);
    expect(d.rows.length, `${label} ${d.id} words`).toBe(d.words.length);
    expect(d.id).toBe(blockId(datasetId, d.block));
    const n = Math.min(STATUS_ROWS, rows - d.block * STATUS_ROWS);
    for (let k = 0; k < d.rows.length; k++) {
      expect(d.rows[k]!, `${label} ${d.id} row in range`).toBeLessThan(n);
      if (k > 0) expect(d.rows[k]!, `${label} ${d.id} ascending`).toBeGreaterThan(d.rows[k - 1]!);
    }
  }
  return deltas;
}

/** Single-row reads (engine.status, the batch reader, statusRecord) equal the fold for these rows. */
async function rowReadsAgree(engine: ContactEngine, datasetId: string, rows: number[], label: string) {
  const { policy, rows: size } = await engine.policy(datasetId);
  const avail = new Uint8Array(size);
  await engine.tables.status.where('datasetId').equals(datasetId).each((s) => avail.set(s.avail, s.block * STATUS_ROWS));
  const folded = foldStatuses(avail, await engine.datasetEvents(datasetId), policy);
  const reader = engine.data.statusReader(datasetId);
  for (const r of rows) {
    if (r < 0 || r >= size) continue;
    expect(await engine.status(datasetId, r), `${label} status(${r})`).toEqual(unpack(folded[r]!));
    expect(await reader(r), `${label} reader(${r})`).toEqual(unpack(folded[r]!));
    const rec = (await statusRecord(engine.tables, blockId(datasetId, Math.floor(r / STATUS_ROWS))))!;
    expect(rec.words[r % STATUS_ROWS], `${label} record word ${r}`).toBe(folded[r]);
  }
}

async function allSound(engine: ContactEngine, datasetId: string, label: string, rows: number[] = []) {
  await equalsFullFold(engine, datasetId, label);
  await deltasSane(engine, datasetId, label);
  if (rows.length) await rowReadsAgree(engine, datasetId, rows, label);
}

describe('DELTA_ROWS boundary on one record (3,000 rows)', () => {
  it('exactly 2,500 rows stay a delta, the 2,501st writes the record whole; undos across the compaction', async () => {
    const { engine, datasetId } = await sentList(3_000);
    const id = blockId(datasetId, 0);
    // The post batch itself (3,000 rows changed) wrote the record whole.
    expect(await engine.tables.statusDelta.get(id), 'after the batch of everyone').toBeUndefined();

    const a = Array.from({ length: DELTA_ROWS }, (_, i) => i);
    const la = await returnedMail(engine, datasetId, a);
    expect((await engine.tables.statusDelta.get(id))?.rows.length, 'exactly DELTA_ROWS').toBe(DELTA_ROWS);
    await allSound(engine, datasetId, 'list a', [0, 2_499, 2_500, 2_999]);

    // One more row: the delta would be 2,501.
    const lb = await returnedMail(engine, datasetId, [2_999]);
    expect(await engine.tables.statusDelta.get(id), 'compacted').toBeUndefined();
    await allSound(engine, datasetId, 'list b', [0, 2_499, 2_500, 2_999]);

    // Undo of a (its record compacted whole since): 2,500 rows back as a delta, no record read needed.
    await checkedUndoAgrees(engine, datasetId, la.id, 'undo a');
    expect((await engine.tables.statusDelta.get(id))?.rows.length).toBe(DELTA_ROWS);
    await allSound(engine, datasetId, 'undo a', [0, 2_499, 2_500, 2_999]);

    // Undo of b: the delta would grow to 2,501 — the fallback writes the record whole.
    await checkedUndoAgrees(engine, datasetId, lb.id, 'undo b');
    await allSound(engine, datasetId, 'undo b', [0, 2_499, 2_500, 2_999]);
    // Undo twice: refused.
    await checkedUndoAgrees(engine, datasetId, la.id, 'undo a again');
    await checkedUndoAgrees(engine, datasetId, lb.id, 'undo b again');

    // A single list of 2,501 rows: written whole at once.
    const lc = await returnedMail(engine, datasetId, Array.from({ length: DELTA_ROWS + 1 }, (_, i) => i + 1));
    expect(await engine.tables.statusDelta.get(id), '2,501 at once').toBeUndefined();
    await allSound(engine, datasetId, 'list c');
    await checkedUndoAgrees(engine, datasetId, lc.id, 'undo c');
    await allSound(engine, datasetId, 'undo c', [0, 1, 2_501, 2_502]);
  }, 60_000);

  it('call results one by one interleaved with lists grow the delta, then compaction; fold whole throughout', async () => {
    const { engine, datasetId } = await sentList(3_000);
    const id = blockId(datasetId, 0);
    const l1 = await returnedMail(engine, datasetId, Array.from({ length: 2_490 }, (_, i) => i * 1 + 3));
    for (let k = 0; k < 12; k++) {
      await engine.recordOutcome(datasetId, 2_600 + k, k % 2 ? 'reached' : 'failed', '', '');
      const d = await engine.tables.statusDelta.get(id);
      // 2,490 + 1 per call; at 2,501 it is written whole, then a delta again from 1.
      if (k < 10) expect(d?.rows.length, `call ${k}`).toBe(2_491 + k);
      else expect(d?.rows.length ?? 0, `call ${k}`).toBeLessThanOrEqual(k - 9);
    }
    await allSound(engine, datasetId, 'calls', [3, 2_492, 2_600, 2_611]);
    // The same row set again and again (a no-answer retried): no growth beyond distinct rows.
    for (let k = 0; k < 3; k++) await engine.recordOutcome(datasetId, 2_700, 'no-answer', '', '');
    await allSound(engine, datasetId, 'retries', [2_700]);
    await checkedUndoAgrees(engine, datasetId, l1.id, 'undo l1');
    await allSound(engine, datasetId, 'undo l1', [3, 2_492, 2_600, 2_611, 2_700]);
  }, 60_000);
});

describe('three records (50,001 rows)', () => {
  it('lists with duplicates, out-of-range rows, edges; remote undos, late events, notices, rebuilds: a fuzz', async () => {
    const { engine, store, datasetId } = await sentList(50_001);
    const size = 50_001;
    const edges = [0, 1, 24_998, 24_999, 25_000, 25_001, 49_999, 50_000];
    let r = 7_919;
    const rnd = () => ((r = (r * 48271) % 2147483647) / 2147483647);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const row = () => {
      const k = rnd();
      if (k < 0.4) return pick(edges);
      if (k < 0.45) return pick([-1, size, 70_000, 65_536]);
      if (k < 0.7) return pick(edges) + Math.floor(rnd() * 7) - 3;
      return Math.floor(rnd() * size);
    };
    const some = (n: number) => Array.from({ length: Math.floor(rnd() * (n + 1)) }, row);
    const batches: string[] = [];
    const events: AnyEvent[] = [];
    const lists: AnyEvent[] = [];
    let wall = Date.now() + 100_000;
    const watch = [...edges, 2, 12_345, 37_000];
    for (let step = 0; step < 30; step++) {
      const k = rnd();
      const label = `step ${step}`;
      if (k < 0.3) {
        const rows = some(15);
        if (rows.length && rnd() < 0.5) rows.push(rows[0]!); // the same row twice
        const e = remote(bulk(datasetId, rows, pick(['failed', 'no-answer', 'reached'] as const)), (wall += 1000));
        lists.push(e);
        events.push(e);
        await store.applyRemote([e]);
      } else if (k < 0.55) {
        const burst: AnyEvent[] = [];
        for (let i = 0; i < 1 + Math.floor(rnd() * 3); i++) {
          const d = randomContactDraft(rnd(), { datasetId, pick, some, batches, undoable: events, sizes: { batch: 20, outcomes: 8, excluded: 3, cancelled: 5, reassigned: 3 } });
          if (!d) continue;
          burst.push(remote(d, rnd() < 0.3 ? wall - Math.floor(rnd() * 30_000) : (wall += 1000)));
        }
        events.push(...burst);
        if (burst.length) await store.applyRemote(burst);
      } else if (k < 0.75 && lists.length) {
        const u = remote(undoDraft(datasetId, pick(lists).id), rnd() < 0.2 ? wall - 50_000 : (wall += 1000));
        events.push(u);
        if (rnd() < 0.3) await store.applyRemote([u, remote(undoDraft(datasetId, u.id), (wall += 1000))]);
        else await store.applyRemote([u]);
      } else if (k < 0.8) {
        await rebuildStatuses(engine, datasetId);
      } else if (lists.length) {
        await checkedUndoAgrees(engine, datasetId, pick(lists).id, label);
      } else {
        // A local list at the edges.
        const l = await returnedMail(engine, datasetId, [0, 24_999, 25_000, 50_000]);
        lists.push(l);
      }
      await allSound(engine, datasetId, label, watch);
    }
    for (const l of lists) await checkedUndoAgrees(engine, datasetId, l.id, 'end');
    await allSound(engine, datasetId, 'end', watch);
    // The pending scan of a new batch (email) equals the fold's pending.
    const b = await engine.createBatch({ datasetId, channel: 'email' });
    await allSound(engine, datasetId, 'email batch', watch);
    expect(b.batch).toBeDefined();
  }, 240_000);

  it('a local list at the edges, the last record of 1 row; undo twice; a list after the undo on the same rows; a batch of everyone after deltas exist', async () => {
    const { engine, datasetId } = await sentList(50_001);
    const rows = [0, 24_999, 25_000, 49_999, 50_000];
    const l1 = await returnedMail(engine, datasetId, rows);
    expect(await engine.tables.statusDelta.get(blockId(datasetId, 2)), 'last record delta').toBeDefined();
    await allSound(engine, datasetId, 'l1', rows);
    await checkedUndoAgrees(engine, datasetId, l1.id, 'undo l1');
    await allSound(engine, datasetId, 'undo l1', rows);
    await checkedUndoAgrees(engine, datasetId, l1.id, 'undo l1 twice');
    const l2 = await returnedMail(engine, datasetId, rows);
    await allSound(engine, datasetId, 'l2', rows);
    await engine.exclude(datasetId, [25_000], 'deceased');
    await checkedUndoAgrees(engine, datasetId, l2.id, 'undo l2 after an exclusion');
    await allSound(engine, datasetId, 'l2 blocked', rows);
    // Everyone pending on email: a batch of every customer writes the records whole.
    await engine.createBatch({ datasetId, channel: 'email' });
    const deltas = await deltasSane(engine, datasetId, 'batch of everyone');
    for (const d of deltas) expect(d.rows.length, d.id).toBeLessThanOrEqual(DELTA_ROWS);
    await allSound(engine, datasetId, 'batch of everyone', rows);
    await engine.publishNotice(datasetId, 'n1');
    await deltasSane(engine, datasetId, 'notice');
    await allSound(engine, datasetId, 'notice', rows);
  }, 120_000);
});

describe('damaged deltas (300 rows)', () => {
  async function withDelta() {
    // 3,000 rows: the post batch writes the record whole, so the delta holds the list's rows only.
    const { engine, datasetId, db, store } = await sentList(3_000);
    const l = await returnedMail(engine, datasetId, [5, 6, 7]);
    const id = blockId(datasetId, 0);
    const delta = (await engine.tables.statusDelta.get(id))!;
    return { engine, datasetId, db, store, l, id, delta };
  }

  const tampers: [string, (d: import('./tables').StatusDeltaRecord) => unknown][] = [
    ['plain arrays', (d) => ({ ...d, rows: [...d.rows], words: [...d.words] })],
    ['rows unsorted', (d) => ({ ...d, rows: Uint16Array.from([...d.rows].reverse()) })],
    ['a row past the record', (d) => ({ ...d, rows: Uint16Array.from([...d.rows.slice(0, -1), 3_000]) })],
    ['a row past STATUS_ROWS', (d) => ({ ...d, rows: Uint16Array.from([...d.rows.slice(0, -1), 60_000]) })],
    ['another block', (d) => ({ ...d, block: 1 })],
    ['words Uint8Array', (d) => ({ ...d, words: Uint8Array.from(d.words) })],
    ['rows Int32Array', (d) => ({ ...d, rows: Int32Array.from(d.rows) })],
    ['words shorter', (d) => ({ ...d, words: d.words.slice(1) })],
    ['rows missing', (d) => ({ ...d, rows: undefined })],
  ];
  for (const [name, tamper] of tampers) {
    it(`${name}: refused by readers and commits, the fold check reports it, a rebuild repairs`, async () => {
      const { engine, datasetId, id, delta } = await withDelta();
      await engine.tables.statusDelta.put(tamper(delta) as never);
      await expect(engine.status(datasetId, 5)).rejects.toThrow(StatusDeltaDamagedError);
      const check = await checkFold(engine, datasetId);
      expect(check.mismatchedRows, 'fold check tells').toBeGreaterThan(0);
      // A call result on the list is refused clearly (the commit reads the record through its delta), and the damaged delta stays as it was.
      await expect(engine.recordOutcome(datasetId, 100, 'failed', '', '')).rejects.toThrow(StatusDeltaDamagedError);
      expect(await engine.tables.statusDelta.get(id)).toEqual(tamper(delta));
      expect(await rebuildStatuses(engine, datasetId)).toBe(true);
      await allSound(engine, datasetId, 'repaired', [5, 6, 7, 100]);
    }, 30_000);
  }

  // Found by this attack: appliedListsFromEvents (applied.ts) reads only `avail`, but went through
  // the overlay and failed on a damaged delta. Fixed: it reads the record as it is.
  it('the applied-lists screen (reads availability only) still opens with a damaged delta', async () => {
    const { engine, datasetId, delta } = await withDelta();
    await engine.tables.statusDelta.put({ ...delta, rows: Uint16Array.from([...delta.rows].reverse()) });
    await expect(appliedListsFromEvents(engine, datasetId)).resolves.toBeDefined();
  }, 30_000);

  it('a wrong word for a guarded row in the delta: the checked undo falls back, the fold check tells, a rebuild repairs', async () => {
    const { engine, datasetId, l, delta } = await withDelta();
    const words = Uint16Array.from(delta.words);
    words[0] = words[0]! ^ 1;
    await engine.tables.statusDelta.put({ ...delta, words });
    expect((await checkFold(engine, datasetId)).mismatchedRows).toBeGreaterThan(0);
    await undoList(engine, datasetId, l.id).catch(() => undefined);
    expect(await rebuildStatuses(engine, datasetId)).toBe(true);
    await allSound(engine, datasetId, 'repaired', [5, 6, 7]);
  }, 30_000);

  it('an extra row with a foreign word in the delta (for a row the list does not name) survives the undo untouched; a rebuild repairs', async () => {
    const { engine, datasetId, l, delta } = await withDelta();
    const rows = Uint16Array.from([...delta.rows, 200]);
    const words = Uint16Array.from([...delta.words, 0]);
    await engine.tables.statusDelta.put({ ...delta, rows, words });
    await undoList(engine, datasetId, l.id);
    expect((await checkFold(engine, datasetId)).mismatchedRows).toBeGreaterThan(0);
    expect(await rebuildStatuses(engine, datasetId)).toBe(true);
    await allSound(engine, datasetId, 'repaired', [5, 6, 7, 200]);
  }, 30_000);
});

describe('snapshots and tabs', () => {
  it('an old-format snapshot is resealed by a rebuild with the words after; a list compacted and rebuilt, then undone from deltas', async () => {
    const { engine, datasetId } = await sentList(300);
    const l = await returnedMail(engine, datasetId, [1, 2, 299]);
    const rec = (await engine.tables.undo.where('eventId').equals(l.id).first())!;
    const snap = await openSnapshot(engine.data.dataKey, rec);
    await engine.tables.undo.put(await sealSnapshot(engine.data.dataKey, datasetId, rec.slot, { id: rec.eventId, at: rec.at }, { rows: snap.rows, words: snap.words }));
    expect(await rebuildStatuses(engine, datasetId)).toBe(true);
    const again = await openSnapshot(engine.data.dataKey, (await engine.tables.undo.where('eventId').equals(l.id).first())!);
    expect(again.after, 'resealed with the words after').toBeDefined();
    expect([...again.after!]).toEqual([...snap.after!]);
    expect([...again.segments!]).toEqual([...snap.segments!]);
    await checkedUndoAgrees(engine, datasetId, l.id, 'undo after rebuild');
    await allSound(engine, datasetId, 'undone', [1, 2, 299]);
  }, 30_000);

  it('an old-format snapshot of a list naming a row twice and an out-of-range row', async () => {
    const { engine, datasetId } = await sentList(300);
    const plan = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', [3, 3, 4].map((row) => ({ row, outcome: 'failed' as const })));
    const l = await engine.applyOutcomes(plan);
    const rec = (await engine.tables.undo.where('eventId').equals(l.id).first());
    if (rec) {
      const snap = await openSnapshot(engine.data.dataKey, rec);
      await engine.tables.undo.put(await sealSnapshot(engine.data.dataKey, datasetId, rec.slot, { id: rec.eventId, at: rec.at }, { rows: snap.rows, words: snap.words }));
    }
    await checkedUndoAgrees(engine, datasetId, l.id, 'old format dup');
    await allSound(engine, datasetId, 'undone', [3, 4]);
  }, 30_000);

  it('a remote list naming the same row twice with different outcomes, undone from the snapshot', async () => {
    const { engine, store, datasetId } = await sentList(300);
    const e = remote({ type: C.outcomesRecorded, incidentId: 'inc', payload: { datasetId, channel: 'post', source: 'returned-mail', rows: [9, 9, 10, 10, 11, -1, 300], outcomes: ['failed', 'reached', 'failed', 'failed', 'no-answer', 'failed', 'failed'], reasons: ['', '', '', '', '', '', ''] } } as AnyDraft);
    await store.applyRemote([e]);
    await allSound(engine, datasetId, 'applied', [9, 10, 11]);
    await checkedUndoAgrees(engine, datasetId, e.id, 'undo');
    await allSound(engine, datasetId, 'undone', [9, 10, 11]);
  }, 30_000);

  it('late remote events (earlier clock) naming the list\'s rows after it was applied; then the undo from another laptop with other events', async () => {
    const { engine, store, datasetId } = await sentList(300);
    const base = Date.now() + 1_000_000;
    const l = remote(bulk(datasetId, [20, 21, 22]), base);
    await store.applyRemote([l]);
    const late = remote({ type: C.customersExcluded, incidentId: 'inc', payload: { datasetId, rows: [21], reason: 'deceased' } } as AnyDraft, base - 10_000);
    await store.applyRemote([late]);
    await allSound(engine, datasetId, 'late', [20, 21, 22]);
    await checkedUndoAgrees(engine, datasetId, l.id, 'after late');
    const l2 = remote(bulk(datasetId, [30, 31]), base + 1_000);
    await store.applyRemote([l2]);
    await store.applyRemote([remote(undoDraft(datasetId, l2.id), base + 2_000), remote(bulk(datasetId, [31, 32]), base + 3_000)]);
    await allSound(engine, datasetId, 'undo in a burst', [30, 31, 32]);
    // The undo delivered again alone.
    const u = remote(undoDraft(datasetId, l.id), base + 4_000);
    await store.applyRemote([u]);
    await store.applyRemote([u]);
    await allSound(engine, datasetId, 'undo twice', [20, 21, 22]);
  }, 30_000);

  it('two tabs interleaving lists, calls and undos on the same record (with a Web Locks stand-in, as in a browser)', async () => {
    // Node has no navigator.locks: without it two tabs' read-fold-write interleave (a lost
    // update with or without deltas). A browser serialises them; so does this stand-in.
    const tails = new Map<string, Promise<unknown>>();
    vi.stubGlobal('navigator', { locks: { request: (name: string, fn: () => Promise<unknown>) => {
      const run = (tails.get(name) ?? Promise.resolve()).then(fn, fn);
      tails.set(name, run.catch(() => undefined));
      return run;
    } } });
    const { db, engine: tabA, datasetId } = await sentList(300);
    const other = new HonbuDb(db.name);
    const opened = await unlockWorkspace(other, 'correct horse battery staple');
    const tabB = await Engine.open(opened.store);
    try {
      const la = await returnedMail(tabA, datasetId, [1, 2, 3]);
      await tabB.datasetEvents(datasetId);
      const lb = await returnedMail(tabB, datasetId, [4, 5, 6]);
      await tabA.recordOutcome(datasetId, 7, 'failed', '', '');
      await tabB.recordOutcome(datasetId, 8, 'reached', '', '');
      await allSound(tabA, datasetId, 'A', [1, 4, 7, 8]);
      await checkedUndoAgrees(tabB, datasetId, la.id, 'B undoes A');
      await checkedUndoAgrees(tabA, datasetId, lb.id, 'A undoes B');
      await Promise.all([returnedMail(tabA, datasetId, [10, 11]), returnedMail(tabB, datasetId, [12, 13]), tabA.recordOutcome(datasetId, 14, 'failed', '', ''), tabB.recordOutcome(datasetId, 15, 'failed', '', '')]);
      await allSound(tabA, datasetId, 'A end', [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15]);
      await allSound(tabB, datasetId, 'B end', [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15]);
    } finally {
      tabB.dispose();
      await opened.store.close();
      other.close();
      vi.unstubAllGlobals();
    }
  }, 60_000);
});


describe('two lists in one commit, duplicates', () => {
  it('an undo for list A and lists for list B in one sync burst; a duplicated customer row named by a list', async () => {
    const { db, engine, store } = await openTestEngine();
    const a = await importText(engine, db, csvText(300, { dupOf: [40, 41] }), { maxRetries: 1, fileName: 'a.csv' });
    const b = await importText(engine, db, csvText(3_000), { maxRetries: 1, fileName: 'b.csv' });
    for (const d of [a, b]) {
      const post = await engine.createBatch({ datasetId: d, channel: 'post' });
      await engine.markBatchSent(d, post.batch.batchId, '2026-11-22T09:00:00.000Z');
    }
    const la = remote(bulk(a, [40, 41, 42, 299]));
    const lb = remote(bulk(b, [0, 2_999]));
    await store.applyRemote([la, lb]);
    await allSound(engine, a, 'A applied', [40, 41, 42, 299]);
    await allSound(engine, b, 'B applied', [0, 2_999]);
    await store.applyRemote([remote(undoDraft(a, la.id)), remote(bulk(b, [1, 2])), remote(undoDraft(b, lb.id))]);
    await allSound(engine, a, 'A undone', [40, 41, 42, 299]);
    await allSound(engine, b, 'B undone + list', [0, 1, 2, 2_999]);
    await checkedUndoAgrees(engine, a, la.id, 'A twice');
    await checkedUndoAgrees(engine, b, lb.id, 'B twice');
  }, 60_000);
});
