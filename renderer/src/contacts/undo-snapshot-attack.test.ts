/**
 * Attacks on the undo of applied lists from their snapshots (decision 045), by a reviewer who
 * did not write it. Invariants: after any sequence the stored statuses, totals and chart equal
 * a full fold of the events, and a checked undo is refused exactly when `undoStateOf` on the
 * events refuses it.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { undoStateOf } from '../../../shared/contacts/applied-lists';
import { CONTACT_EVENT_TYPES as C } from '../../../shared/contacts/events';
import { encodeHlc } from '../../../shared/events/hlc';
import type { AnyDraft, AnyEvent } from '../../../shared/events/registry';
import type { ContactEngine } from './contact-engine';
import { checkFold } from './fold-check';
import { rebuildStatuses, undoList } from './outcomes';
import { randomContactDraft } from './test-contact-drafts';
import { csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { equalsFullFold } from './test-fold';
import { HonbuDb } from '../data/db';
import { unlockWorkspace } from '../data/workspace';
import { ContactEngine as Engine } from './contact-engine';
import { engineContext } from './handlers';
import { nayoseHandlers } from './nayose-handlers';

afterEach(dropTestDatabases);

async function list(rows = 300) {
  const { db, engine, store } = await openTestEngine();
  const datasetId = await importText(engine, db, csvText(rows), { maxRetries: 1 });
  return { db, engine, store, datasetId };
}

let wallBase = Date.now() + 10_000;
/** An event from another laptop; `wall` its clock (ms). */
function remote(draft: AnyDraft, wall = (wallBase += 1_000)): AnyEvent {
  return { ...draft, id: crypto.randomUUID(), at: encodeHlc({ wall, counter: 0, node: 'peer' }), actor: 'peer-person' } as AnyEvent;
}

const bulk = (datasetId: string, rows: number[], source: 'returned-mail' | 'bounce' = 'returned-mail', outcome: 'failed' | 'reached' | 'no-answer' = 'failed'): AnyDraft => ({
  type: C.outcomesRecorded, incidentId: 'inc',
  payload: { datasetId, channel: source === 'bounce' ? 'email' : 'post', source, rows, outcomes: rows.map(() => outcome), reasons: rows.map(() => '') },
});
const undoDraft = (datasetId: string, eventId: string): AnyDraft => ({ type: C.eventUndone, incidentId: 'inc', payload: { datasetId, eventId } });
const excludeDraft = (datasetId: string, rows: number[]): AnyDraft => ({ type: C.customersExcluded, incidentId: 'inc', payload: { datasetId, rows, reason: 'deceased' } });

/** Whether the checked undo is refused, against what undoStateOf on the events says. */
async function checkedUndoAgrees(engine: ContactEngine, datasetId: string, eventId: string, label = '', soft = false) {
  const { rows } = await engine.policy(datasetId);
  // Read afresh (not the tab's kept list: another tab may have appended).
  const fresh = await (engine.data as unknown as { readDatasetEvents(id: string): Promise<AnyEvent[]> }).readDatasetEvents(datasetId);
  const state = undoStateOf(fresh, eventId, rows);
  const expectRefused = !state || state.undone !== null || state.blockedBy !== null;
  const refused = await undoList(engine, datasetId, eventId).then(() => false, () => true);
  (soft ? expect.soft : expect)(refused, `${label} checked undo refused (undoStateOf: ${JSON.stringify(state)})`).toBe(expectRefused);
}

async function fuzz(notices: boolean, seeds: number[]) {
  for (const seed of seeds) {
    let r = seed * 104_729;
    const rnd = () => ((r = (r * 48271) % 2147483647) / 2147483647);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const { engine, store, datasetId } = await list(120);
    const some = (n: number) => Array.from({ length: Math.floor(rnd() * (n + 1)) }, () => (rnd() < 0.05 ? pick([-1, 120, 1_000_000]) : Math.floor(rnd() * 120)));
    const batches: string[] = [];
    const events: AnyEvent[] = [];
    const lists: AnyEvent[] = [];
    let wall = Date.now() + 100_000;
    for (let step = 0; step < 40; step++) {
      const k = rnd();
      const label = `seed ${seed} step ${step}`;
      if (k < 0.3) {
        const e = remote(bulk(datasetId, notices ? some(12) : [Math.floor(rnd() * 120), ...some(12)], pick(['returned-mail', 'bounce'] as const), pick(['failed', 'no-answer', 'reached'] as const)), (wall += 1000));
        lists.push(e);
        events.push(e);
        await store.applyRemote([e]);
      } else if (k < 0.55) {
        // A burst of 1–3 random events, some late by their clock.
        const burst: AnyEvent[] = [];
        for (let i = 0; i < 1 + Math.floor(rnd() * 3); i++) {
          let kind = rnd();
          if (!notices) while (kind >= 0.55 && kind < 0.62) kind = rnd();
          const d = randomContactDraft(kind, { datasetId, pick, some, batches, undoable: events, sizes: { batch: 20, outcomes: 8, excluded: 3, cancelled: 5, reassigned: 3 } });
          if (!d) continue;
          const e = remote(d, rnd() < 0.3 ? wall - Math.floor(rnd() * 30_000) : (wall += 1000));
          burst.push(e);
        }
        events.push(...burst);
        if (burst.length) await store.applyRemote(burst);
      } else if (k < 0.75 && lists.length) {
        const l = pick(lists);
        const u = remote(undoDraft(datasetId, l.id), rnd() < 0.2 ? wall - 50_000 : (wall += 1000));
        events.push(u);
        // Sometimes twice, sometimes with an undo of the undo, sometimes alone.
        const q = rnd();
        if (q < 0.2) await store.applyRemote([u, remote(undoDraft(datasetId, u.id), (wall += 1000))]);
        else if (q < 0.4) {
          await store.applyRemote([u]);
          await store.applyRemote([u]);
        } else await store.applyRemote([u]);
      } else if (k < 0.8) {
        // A rebuild (an upgrade, a list adopted): the lists still open to undo get their snapshots anew.
        await rebuildStatuses(engine, datasetId);
      } else if (lists.length) {
        await checkedUndoAgrees(engine, datasetId, pick(lists).id, label, true);
      }
      await equalsFullFold(engine, datasetId, label);
    }
    for (const l of lists) await checkedUndoAgrees(engine, datasetId, l.id, `seed ${seed} end`, true);
    await equalsFullFold(engine, datasetId, `seed ${seed} end`);
  }
}

describe('undo snapshot: attacks', () => {
  it('an empty applied list (rows all out of range) undone in a sync burst: a second checked undo is refused', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const empty = remote(bulk(datasetId, [300, 1_000_000]));
    await store.applyRemote([empty]);
    // Its undo comes with another change to the list in the same burst: replayed, not from the snapshot.
    await store.applyRemote([remote(undoDraft(datasetId, empty.id)), remote(excludeDraft(datasetId, [7]))]);
    await equalsFullFold(engine, datasetId, 'after the burst');
    const { rows } = await engine.policy(datasetId);
    expect(undoStateOf(await engine.datasetEvents(datasetId), empty.id, rows)!.undone).not.toBeNull();
    await checkedUndoAgrees(engine, datasetId, empty.id, 'empty list undone already', true);
  });

  it('an empty list (no rows at all) undone in a sync burst: a second checked undo is refused', async () => {
    const { engine, store, datasetId } = await list();
    const empty = remote(bulk(datasetId, []));
    await store.applyRemote([empty]);
    await store.applyRemote([remote(undoDraft(datasetId, empty.id)), remote(excludeDraft(datasetId, [8]))]);
    await checkedUndoAgrees(engine, datasetId, empty.id, 'empty list undone already', true);
    await equalsFullFold(engine, datasetId);
  });

  it('duplicate rows with different outcomes, record edges 24,999/25,000, negative and out-of-range rows: undone from the snapshot', async () => {
    const { engine, store, datasetId } = await list(30_000);
    await engine.createBatch({ datasetId, channel: 'post' });
    const rows = [24_999, 25_000, 24_999, -5, 30_000, 25_000, 0, 29_999, 0];
    const l = remote({ type: C.outcomesRecorded, incidentId: 'inc', payload: { datasetId, channel: 'post', source: 'returned-mail', rows, outcomes: rows.map((_, i) => (i % 2 ? 'failed' : 'no-answer')), reasons: rows.map(() => '') } });
    await store.applyRemote([l]);
    await checkedUndoAgrees(engine, datasetId, l.id, 'dups');
    await equalsFullFold(engine, datasetId, 'dups undone');
    await checkedUndoAgrees(engine, datasetId, l.id, 'dups twice');
  }, 120_000);

  it('two lists over the same rows, undone newest first then oldest (and the oldest first refused)', async () => {
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', [5, 6, 7].map((row) => ({ row, outcome: 'failed' as const }))));
    const b = await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', [6, 7, 8].map((row) => ({ row, outcome: 'failed' as const }))));
    await checkedUndoAgrees(engine, datasetId, a.id, 'a under b');
    await checkedUndoAgrees(engine, datasetId, b.id, 'b');
    await equalsFullFold(engine, datasetId, 'b undone');
    // b undone: b no longer blocks a.
    await checkedUndoAgrees(engine, datasetId, a.id, 'a after b undone');
    await equalsFullFold(engine, datasetId, 'a undone');
  });

  it('two lists in one sync burst over the same rows, and an undo of undo, an undo delivered twice and by two laptops', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = remote(bulk(datasetId, [10, 11, 12]));
    const b = remote(bulk(datasetId, [11, 12, 13], 'bounce'));
    await store.applyRemote([a, b]);
    await checkedUndoAgrees(engine, datasetId, a.id, 'a under b');
    const ub = remote(undoDraft(datasetId, b.id));
    await store.applyRemote([ub]);
    await equalsFullFold(engine, datasetId, 'b undone');
    await store.applyRemote([ub]);
    await store.applyRemote([remote(undoDraft(datasetId, b.id))]);
    await equalsFullFold(engine, datasetId, 'b undone thrice');
    await store.applyRemote([remote(undoDraft(datasetId, ub.id))]);
    await equalsFullFold(engine, datasetId, 'undo of undo');
    await checkedUndoAgrees(engine, datasetId, b.id, 'b again');
    await checkedUndoAgrees(engine, datasetId, a.id, 'a');
    await equalsFullFold(engine, datasetId, 'end');
  });

  it('undo events naming another dataset, or of another incident, change nothing from a snapshot', async () => {
    const { db, engine, store, datasetId } = await list();
    const other = await importText(engine, db, csvText(200), { maxRetries: 1, fileName: 'b.csv' });
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = remote(bulk(datasetId, [1, 2, 3]));
    await store.applyRemote([a]);
    await store.applyRemote([remote(undoDraft(other, a.id))]);
    await store.applyRemote([remote({ ...undoDraft(datasetId, a.id), incidentId: 'other-incident' } as AnyDraft)]);
    await equalsFullFold(engine, datasetId, 'a');
    await equalsFullFold(engine, other, 'other');
    await checkedUndoAgrees(engine, datasetId, a.id, 'a');
    await equalsFullFold(engine, datasetId, 'a undone');
  });

  it('a list of 1,000,001 entries (no snapshot) over an earlier list\'s rows blocks that list\'s undo', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = remote(bulk(datasetId, [20, 21]));
    await store.applyRemote([a]);
    const rows = Array.from({ length: 1_000_001 }, (_, i) => (i === 1_000_000 ? 21 : 200 + (i % 50)));
    const big = remote(bulk(datasetId, rows, 'bounce', 'no-answer'));
    await store.applyRemote([big]);
    await checkedUndoAgrees(engine, datasetId, a.id, 'a blocked by the big list');
    await engine.undo(datasetId, a.id);
    await equalsFullFold(engine, datasetId, 'a undone unchecked');
    await checkedUndoAgrees(engine, datasetId, big.id, 'big');
    await equalsFullFold(engine, datasetId, 'big undone');
  }, 120_000);

  it('rebuild between the list and its undo; a notice and its undo after the list', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = remote(bulk(datasetId, [30, 31]));
    await store.applyRemote([a]);
    await rebuildStatuses(engine, datasetId);
    const b = remote(bulk(datasetId, [32]));
    await store.applyRemote([b]);
    const n = remote({ type: C.noticePublished, incidentId: 'inc', payload: { datasetId, noticeRef: 'x' } });
    await store.applyRemote([n]);
    await checkedUndoAgrees(engine, datasetId, b.id, 'b under the notice');
    await store.applyRemote([remote(undoDraft(datasetId, n.id))]);
    await checkedUndoAgrees(engine, datasetId, b.id, 'b after the notice undone');
    await equalsFullFold(engine, datasetId, 'b');
    await checkedUndoAgrees(engine, datasetId, a.id, 'a after rebuild');
    await equalsFullFold(engine, datasetId, 'a');
  });

  it('fuzz (with notices from other laptops, some late): checked undo agrees with undoStateOf and the fold is whole', async () => {
    await fuzz(true, [1, 2, 3, 4, 5]);
  }, 600_000);

  it('fuzz (no notices): checked undo agrees with undoStateOf and the fold is whole', async () => {
    await fuzz(false, [11, 12, 13, 14, 15, 16]);
  }, 600_000);

  it('a public notice from another laptop, later than the list by its clock but arriving after a later change, refuses the checked undo', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const t = Date.now() + 1_000_000;
    const l = remote(bulk(datasetId, [50, 51]), t);
    await store.applyRemote([l]);
    // A call result on someone else, later still, is folded first.
    await store.applyRemote([remote(excludeDraft(datasetId, [99]), t + 20_000)]);
    // The notice, published between the two by its clock, comes in late: replayed.
    await store.applyRemote([remote({ type: C.noticePublished, incidentId: 'inc', payload: { datasetId, noticeRef: 'statement-1' } }, t + 10_000)]);
    const { rows } = await engine.policy(datasetId);
    expect(undoStateOf(await engine.datasetEvents(datasetId), l.id, rows)!.blockedBy?.type).toBe(C.noticePublished);
    await checkedUndoAgrees(engine, datasetId, l.id, 'late notice', true);
    await equalsFullFold(engine, datasetId);
  });
});

describe('undo snapshot: an attacker with disk access', () => {
  it('a guard record put back after a later exclusion cleared it: like a status word altered on disk, the fold check tells and a rebuild repairs it', async () => {
    // Guards, like the status words beside them, are projections in clear and not
    // authenticated (threat model): someone who can write the profile can roll one back.
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', [40, 41].map((row) => ({ row, outcome: 'failed' as const }))));
    const saved = await engine.tables.guards.toArray();
    expect(saved.length).toBeGreaterThan(0);
    await engine.exclude(datasetId, [41], 'deceased');
    // The attacker copies the old guard record back.
    await engine.tables.guards.bulkPut(saved);
    await undoList(engine, datasetId, a.id).catch(() => undefined);
    const check = await checkFold(engine, datasetId);
    if (check.mismatchedRows > 0) {
      await rebuildStatuses(engine, datasetId);
      expect(await engine.tables.guards.count()).toBe(0);
    }
    await equalsFullFold(engine, datasetId, 'after the rebuild');
    expect((await engine.status(datasetId, 41)).phase).toBe('excluded');
  });

  it('an undo record whose eventId is changed to another list\'s must not put back the wrong rows', async () => {
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', [50, 51].map((row) => ({ row, outcome: 'failed' as const }))));
    const b = await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', [60, 61].map((row) => ({ row, outcome: 'failed' as const }))));
    const ra = (await engine.tables.undo.where('eventId').equals(a.id).first())!;
    const rb = (await engine.tables.undo.where('eventId').equals(b.id).first())!;
    // Swap the clear fields (eventId, at) of the two sealed records: the seals still open.
    await engine.tables.undo.bulkPut([{ ...ra, eventId: b.id, at: b.at }, { ...rb, eventId: a.id, at: a.at }]);
    await undoList(engine, datasetId, b.id);
    await equalsFullFold(engine, datasetId, 'after undoing b with swapped records');
  });

  it('an undo record whose slot is changed, with the guards to match, must not put back stale words', async () => {
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', [70].map((row) => ({ row, outcome: 'failed' as const }))));
    const b = await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', [70].map((row) => ({ row, outcome: 'failed' as const }))));
    // b's guard on row 70 is b's slot; the attacker re-labels a's record with b's slot (and deletes b's record).
    const ra = (await engine.tables.undo.where('eventId').equals(a.id).first())!;
    const rb = (await engine.tables.undo.where('eventId').equals(b.id).first())!;
    await engine.tables.undo.delete(rb.id);
    await engine.tables.undo.put({ ...ra, slot: rb.slot });
    const refused = await undoList(engine, datasetId, a.id).then(() => false, () => true);
    expect.soft(refused, 'checked undo of a list blocked by a later list').toBe(true);
    await equalsFullFold(engine, datasetId, 'after the relabelled slot');
  });

  it('the snapshot\'s rows and words are sealed: nothing of them in the undo record\'s clear fields', async () => {
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', [77, 78].map((row) => ({ row, outcome: 'failed' as const }))));
    const [rec] = await engine.tables.undo.toArray();
    expect(Object.keys(rec!).sort()).toEqual(['at', 'datasetId', 'eventId', 'id', 'sealed', 'slot']);
    // The row numbers (Int32, little-endian) do not appear in the sealed bytes.
    const hay = Buffer.from(rec!.sealed).toString('hex');
    expect(hay).not.toContain(Buffer.from(Int32Array.of(77, 78).buffer).toString('hex'));
  });
});

const LIST_A = ['顧客番号,氏名,郵便番号,住所', 'A1,佐藤 花子,530-0001,大阪府大阪市北区梅田3-1-1', 'A2,髙橋 一郎,100-0013,東京都千代田区霞が関1-2-3', 'A3,山田 太郎,604-8571,京都府京都市中京区寺町通御池上る上本能寺前町488'].join('\r\n') + '\r\n';
const LIST_B = ['顧客番号,氏名,郵便番号,住所', 'B1,高橋 一郎,１００－００１３,東京都千代田区霞ヶ関１－２－３', 'B2,鈴木 次郎,046-0003,北海道余市郡余市町黒川町3丁目1', 'B3,山田 花子,604-8571,京都府京都市中京区寺町通御池上る上本能寺前町488'].join('\r\n') + '\r\n';

describe('undo snapshot: linked lists and two tabs', () => {
  it('a linked list blocked in one customer list only: the checked undo from the other is refused, both folds whole', async () => {
    const { db, engine, store } = await openTestEngine();
    const a = await importText(engine, db, LIST_A, { fileName: 'a.csv' });
    const b = await importText(engine, db, LIST_B, { fileName: 'b.csv' });
    const h = engineContext(store);
    await nayoseHandlers['contacts.nayose-decide'](h, { incidentId: 'inc', mode: 'person', clusters: [{ members: [{ datasetId: a, row: 1 }, { datasetId: b, row: 0 }], merge: true }] });
    await engine.createBatch({ datasetId: a, channel: 'post' });
    await engine.createBatch({ datasetId: b, channel: 'post' });
    const la = await engine.applyOutcomes(await engine.previewOutcomes(a, 'post', 'returned-mail', [{ customerNo: 'A2', outcome: 'failed', reason: 'unknown-address' }]));
    const lb = (await engine.datasetEvents(b)).find((e) => e.type === C.outcomesRecorded)!;
    // B's share is named later: an exclusion in B only.
    await engine.exclude(b, [0], 'deceased');
    const refused = await undoList(engine, a, la.id).then(() => false, () => true);
    expect.soft(refused, 'linked undo with a blocked share').toBe(true);
    await checkedUndoAgrees(engine, b, lb.id, 'B share');
    await equalsFullFold(engine, a, 'A');
    await equalsFullFold(engine, b, 'B');
    // Unblocked (the exclusion undone): both shares undone from A, A by its snapshot.
    const ex = (await engine.datasetEvents(b)).find((e) => e.type === C.customersExcluded)!;
    await engine.undo(b, ex.id);
    await undoList(engine, a, la.id);
    await equalsFullFold(engine, a, 'A undone');
    await equalsFullFold(engine, b, 'B undone');
    await checkedUndoAgrees(engine, b, lb.id, 'B share after');
  });

  it('two tabs: a list applied in one, a change in the other, the checked undo in the first is refused', async () => {
    const { db, engine: tabA, store: storeA, datasetId } = await list();
    const other = new HonbuDb(db.name);
    const opened = await unlockWorkspace(other, 'correct horse battery staple');
    const tabB = await Engine.open(opened.store);
    try {
      await tabA.createBatch({ datasetId, channel: 'post' });
      const l = await tabA.applyOutcomes(await tabA.previewOutcomes(datasetId, 'post', 'returned-mail', [5, 6].map((row) => ({ row, outcome: 'failed' as const }))));
      // Tab B has the events open, then excludes one of them.
      await tabB.datasetEvents(datasetId);
      await tabB.exclude(datasetId, [6], 'deceased');
      await checkedUndoAgrees(tabA, datasetId, l.id, 'tab A');
      const l2 = await tabB.applyOutcomes(await tabB.previewOutcomes(datasetId, 'post', 'returned-mail', [7].map((row) => ({ row, outcome: 'failed' as const }))));
      await checkedUndoAgrees(tabA, datasetId, l2.id, 'tab A undoes B\'s list');
      await tabB.exclude(datasetId, [8], 'deceased');
      await equalsFullFold(tabA, datasetId, 'tab A');
      await equalsFullFold(tabB, datasetId, 'tab B');
      void storeA;
    } finally {
      tabB.dispose();
      await opened.store.close();
      other.close();
    }
  });
});
