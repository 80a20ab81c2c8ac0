/**
 * Attacks on the applied-lists book (decision 046), by a tester who did not write it.
 *
 * The invariant: whatever local and remote events arrive, in any order,
 * (1) the kept book names exactly the applied lists the events name,
 * (2) every entry it marks known equals `appliedLists()` of the events exactly,
 * (3) what the screen shows (`appliedListsOf`) equals `appliedLists()` of the events,
 * and the statuses stay a full fold of the events. A record put back or copied by someone
 * with disk access may make the screen read the events, never show other figures.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppliedList } from '../../../shared/contacts/applied-lists';
import { CONTACT_EVENT_TYPES as C, type ContactEvent } from '../../../shared/contacts/events';
import { encodeHlc } from '../../../shared/events/hlc';
import type { AnyDraft, AnyEvent } from '../../../shared/events/registry';
import { HonbuDb } from '../data/db';
import { unlockWorkspace } from '../data/workspace';
import { appliedListsFromEvents, appliedListsOf } from './applied';
import { AppliedBook } from './applied-book';
import { ContactEngine } from './contact-engine';
import { checkFold } from './fold-check';
import { rebuildStatuses, undoList } from './outcomes';
import { randomContactDraft } from './test-contact-drafts';
import { csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { equalsFullFold } from './test-fold';
import { UNDO_SLOTS } from './undo-snapshot';

afterEach(dropTestDatabases);

async function list(rows = 120) {
  const { db, engine, store } = await openTestEngine();
  const datasetId = await importText(engine, db, csvText(rows), { maxRetries: 1 });
  return { db, engine, store, datasetId };
}

let wallBase = Date.now() + 10_000;
/** An event from another laptop; `wall` its clock (ms), `node` the laptop. */
function remote(draft: AnyDraft, wall = (wallBase += 1_000), node = 'peer'): AnyEvent {
  return { ...draft, id: crypto.randomUUID(), at: encodeHlc({ wall, counter: 0, node }), actor: `${node}-person` } as AnyEvent;
}
type Source = 'returned-mail' | 'bounce';
type Outcome = 'failed' | 'reached' | 'no-answer';
const bulk = (datasetId: string, rows: number[], source: Source = 'returned-mail', outcome: Outcome | Outcome[] = 'failed', listName?: string): AnyDraft => ({
  type: C.outcomesRecorded, incidentId: 'inc',
  payload: {
    datasetId, channel: source === 'bounce' ? 'email' : 'post', source, rows,
    outcomes: rows.map((_, i) => (Array.isArray(outcome) ? outcome[i % outcome.length]! : outcome)), reasons: rows.map(() => ''),
    ...(listName ? { listName } : {}),
  },
});
const undoDraft = (datasetId: string, eventId: string): AnyDraft => ({ type: C.eventUndone, incidentId: 'inc', payload: { datasetId, eventId } });
const excludeDraft = (datasetId: string, rows: number[]): AnyDraft => ({ type: C.customersExcluded, incidentId: 'inc', payload: { datasetId, rows, reason: 'deceased' } });
const noticeDraft = (datasetId: string): AnyDraft => ({ type: C.noticePublished, incidentId: 'inc', payload: { datasetId, noticeRef: 'statement' } });

const byId = <T extends { eventId: string }>(xs: readonly T[]) => [...xs].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));

/** The reference: `appliedLists` of the list's events read afresh from the store (not any tab's kept list). */
async function truth(engine: ContactEngine, datasetId: string): Promise<AppliedList[]> {
  const fresh = await (engine.data as unknown as { readDatasetEvents(id: string): Promise<ContactEvent[]> }).readDatasetEvents(datasetId);
  return appliedListsFromEvents(engine, datasetId, fresh);
}

/** (1) and (2): the stored book, if any, against the events. */
async function bookHolds(engine: ContactEngine, datasetId: string, label: string, ref?: AppliedList[]) {
  ref ??= await truth(engine, datasetId);
  const book = await AppliedBook.read(engine.tables, engine.data.dataKey, datasetId);
  if (!book) return;
  expect(book.lists.map((l) => l.eventId).sort(), `${label}: the lists the book names`).toEqual(ref.map((l) => l.eventId).sort());
  const known = new Set(book.lists.filter((l) => l.known).map((l) => l.eventId));
  expect(byId(book.entries().filter((l) => known.has(l.eventId))), `${label}: the book's known entries`).toEqual(byId(ref.filter((l) => known.has(l.eventId))));
}

/** (3): what the screen shows (which may heal the book), against the events; then (1) and (2) again. */
async function screenHolds(engine: ContactEngine, datasetId: string, label: string) {
  const ref = await truth(engine, datasetId);
  expect(byId(await appliedListsOf(engine, datasetId)), `${label}: the screen`).toEqual(byId(ref));
  await bookHolds(engine, datasetId, `${label} (after the screen)`, ref);
}

async function holds(engine: ContactEngine, datasetId: string, label: string) {
  await bookHolds(engine, datasetId, label);
  await screenHolds(engine, datasetId, label);
}

/** Another tab on the same workspace (web mode): its own store and engine. */
async function openTab(name: string) {
  const db = new HonbuDb(name);
  const opened = await unlockWorkspace(db, 'correct horse battery staple');
  const engine = await ContactEngine.open(opened.store);
  return {
    engine,
    store: opened.store,
    close: async () => {
      engine.dispose();
      await opened.store.close();
      db.close();
    },
  };
}

/** The statuses and totals are a full fold of the events (the defects below are the book's and the screen's only). */
async function statusesWhole(engine: ContactEngine, datasetId: string) {
  expect(await checkFold(engine, datasetId)).toMatchObject({ mismatchedRows: 0, totalsMatch: true });
}

const entryOf = async (engine: ContactEngine, datasetId: string, eventId: string) => (await appliedListsOf(engine, datasetId)).find((l) => l.eventId === eventId);

describe('applied-lists book: what a stranger sends', () => {
  it('duplicate, negative and out-of-range rows; two lists over the same rows; a list naming no row of the list', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    await engine.createBatch({ datasetId, channel: 'email' });
    // A negative row: the event is refused, stored nowhere.
    const refused: string[] = [];
    const neg = remote(bulk(datasetId, [3, -1]));
    await store.applyRemote([neg], (r) => refused.push(r.id ?? ''));
    expect(refused).toEqual([neg.id]);
    // Row 3 three times with different outcomes, 120 (= size), 2^31-1, 10^15, -0.
    const a = remote(bulk(datasetId, [3, 3, 4, 120, 2_147_483_647, 1e15, -0, 3], 'returned-mail', ['no-answer', 'failed', 'reached']));
    await store.applyRemote([a]);
    await holds(engine, datasetId, 'dups');
    const b = remote(bulk(datasetId, [4, 5, 5], 'bounce', 'failed'));
    await store.applyRemote([b]);
    await holds(engine, datasetId, 'b over a');
    expect((await entryOf(engine, datasetId, a.id))!.blockedBy).toMatchObject({ eventId: b.id, customers: 1, source: 'bounce', channel: 'email' });
    // Only rows the list does not have: never blocked; and an empty list.
    const none = remote(bulk(datasetId, [5_000, 500, 120]));
    const empty = remote(bulk(datasetId, []));
    await store.applyRemote([none, empty]);
    await store.applyRemote([remote(noticeDraft(datasetId))]);
    await holds(engine, datasetId, 'after a notice');
    expect((await entryOf(engine, datasetId, none.id))!.blockedBy).toBeNull();
    // b undone (replayed: a notice came since), then undo b's undo, a delivered twice.
    const ub = remote(undoDraft(datasetId, b.id));
    await store.applyRemote([ub]);
    await store.applyRemote([ub]);
    await holds(engine, datasetId, 'b undone');
    await store.applyRemote([remote(undoDraft(datasetId, ub.id))]);
    await holds(engine, datasetId, 'undo of the undo');
    await equalsFullFold(engine, datasetId);
  });

  it('a list blocked, then its blocker undone from its snapshot, then a new change: the blocked list is followed or read again', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = remote(bulk(datasetId, [10, 11, 12]));
    const b = remote(bulk(datasetId, [12, 13]));
    await store.applyRemote([a]);
    await store.applyRemote([b]);
    await holds(engine, datasetId, 'a blocked by b');
    await undoList(engine, datasetId, b.id);
    await holds(engine, datasetId, 'b undone');
    // a's next change, by another laptop, in order and then late.
    await store.applyRemote([remote(excludeDraft(datasetId, [11]))]);
    await holds(engine, datasetId, 'a blocked by the exclusion');
    const late = remote(excludeDraft(datasetId, [10]), wallBase - 2_500);
    await store.applyRemote([late]);
    await holds(engine, datasetId, 'a blocked by a late exclusion before it');
    await equalsFullFold(engine, datasetId);
  });

  it('an undo delivered twice, by two laptops, one late by its clock, one before the list itself', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const t = wallBase += 10_000;
    const a = remote(bulk(datasetId, [20, 21]), t);
    await store.applyRemote([a]);
    const u1 = remote(undoDraft(datasetId, a.id), t + 5_000, 'laptop-1');
    await store.applyRemote([u1]);
    await holds(engine, datasetId, 'undone from the snapshot');
    // Laptop 2 undid it too, later by its clock.
    const u2 = remote(undoDraft(datasetId, a.id), t + 6_000, 'laptop-2');
    await store.applyRemote([u2]);
    await store.applyRemote([u1, u2]);
    await holds(engine, datasetId, 'two undos');
    expect((await entryOf(engine, datasetId, a.id))!.undone!.eventId).toBe(u2.id);
    // Laptop 3, whose clock is behind: an undo before the list itself.
    await store.applyRemote([remote(undoDraft(datasetId, a.id), t - 5_000, 'laptop-3')]);
    await holds(engine, datasetId, 'a third undo with an earlier clock');
    // The latest undo itself undone: the list stays undone (undoneIds), by the latest undo.
    await store.applyRemote([remote(undoDraft(datasetId, u2.id), t + 7_000, 'laptop-1')]);
    await holds(engine, datasetId, 'the latest undo undone');
    await equalsFullFold(engine, datasetId);
  });

  it('an undo with a clock before its own list, from the snapshot', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const t = wallBase += 10_000;
    const a = remote(bulk(datasetId, [30, 31]), t);
    const b = remote(bulk(datasetId, [31, 32]), t + 1_000);
    await store.applyRemote([a]);
    await store.applyRemote([b]);
    await store.applyRemote([remote(undoDraft(datasetId, b.id), t - 10_000, 'behind')]);
    await holds(engine, datasetId, 'b undone by an undo from the past');
    await store.applyRemote([remote(excludeDraft(datasetId, [30]), t + 2_000)]);
    await holds(engine, datasetId, 'a blocked again');
    await equalsFullFold(engine, datasetId);
  });

  it('the public notice: in order, late, undone, its undo undone, and a list after it', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const t = wallBase += 100_000;
    const a = remote(bulk(datasetId, [40, 41, 41, 999]), t);
    const b = remote(bulk(datasetId, [42]), t + 1_000);
    await store.applyRemote([a, b]);
    const n = remote(noticeDraft(datasetId), t + 3_000);
    await store.applyRemote([n]);
    await holds(engine, datasetId, 'notice in order');
    expect((await entryOf(engine, datasetId, a.id))!.blockedBy).toMatchObject({ eventId: n.id, type: C.noticePublished, customers: 2 });
    const c = remote(bulk(datasetId, [43, 40]), t + 4_000);
    await store.applyRemote([c]);
    const un = remote(undoDraft(datasetId, n.id), t + 5_000);
    await store.applyRemote([un]);
    await holds(engine, datasetId, 'notice undone');
    await store.applyRemote([remote(undoDraft(datasetId, un.id), t + 6_000)]);
    await holds(engine, datasetId, "notice's undo undone");
    // A second notice from a laptop whose clock put it between a and b, arriving last.
    await store.applyRemote([remote(noticeDraft(datasetId), t + 500, 'late')]);
    await holds(engine, datasetId, 'a late notice');
    // And a notice that came with its own undo already here.
    const n3 = remote(noticeDraft(datasetId), t + 7_000);
    await store.applyRemote([remote(undoDraft(datasetId, n3.id), t + 8_000)]);
    await store.applyRemote([n3]);
    await holds(engine, datasetId, 'a notice undone before it came');
    await equalsFullFold(engine, datasetId);
  });

  it('the same clock on two events from two laptops (an HLC tie): the id decides, both ways, as the store reads them', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const t = wallBase += 10_000;
    const clock = (w: number) => encodeHlc({ wall: w, counter: 0, node: 'twin' });
    const LOW = '00000000-0000-4000-8000-00000000000';
    const HIGH = 'ffffffff-ffff-4fff-bfff-fffffffffff';
    const as = (d: AnyDraft, at: string, id: string) => ({ ...remote(d), at, id }) as AnyEvent;
    // A copied laptop: a list and an exclusion of one of its rows with one clock. The list's id sorts first: the exclusion is its later change.
    const x = as(bulk(datasetId, [50, 51]), clock(t), `${LOW}1`);
    const y = as(excludeDraft(datasetId, [51]), clock(t), `${HIGH}1`);
    await store.applyRemote([x]);
    await store.applyRemote([y]);
    await holds(engine, datasetId, 'tie: list, then its change by id');
    expect((await entryOf(engine, datasetId, x.id))!.blockedBy?.eventId).toBe(y.id);
    // The exclusion's id sorts first: it comes before the list, which it does not block (but changes what the list changed).
    const p = as(bulk(datasetId, [52, 53], 'returned-mail', 'reached'), clock(t + 1_000), `${HIGH}2`);
    const q = as(excludeDraft(datasetId, [52]), clock(t + 1_000), `${LOW}2`);
    await store.applyRemote([p]);
    await store.applyRemote([q]);
    await holds(engine, datasetId, 'tie: the change first by id');
    expect((await entryOf(engine, datasetId, p.id))!.blockedBy).toBeNull();
    // Two lists with one clock in one burst, and two undos of the later one with one clock, one by one.
    const m = as(bulk(datasetId, [54]), clock(t + 2_000), `${HIGH}3`);
    const n = as(bulk(datasetId, [54, 55], 'bounce'), clock(t + 2_000), `${LOW}3`);
    await store.applyRemote([m, n]);
    await holds(engine, datasetId, 'tie: two lists in one burst');
    await store.applyRemote([as(undoDraft(datasetId, m.id), clock(t + 3_000), `${HIGH}4`)]);
    await store.applyRemote([as(undoDraft(datasetId, m.id), clock(t + 3_000), `${LOW}4`)]);
    await holds(engine, datasetId, 'tie: two undos with one clock');
    expect((await entryOf(engine, datasetId, m.id))!.undone!.eventId).toBe(`${HIGH}4`);
    await equalsFullFold(engine, datasetId);
  });

  it('a rebuild between a list and its changes, and lists after it', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = remote(bulk(datasetId, [60, 61]));
    const b = remote(bulk(datasetId, [62]));
    await store.applyRemote([a, b]);
    await rebuildStatuses(engine, datasetId);
    await holds(engine, datasetId, 'after the rebuild');
    // A list after the rebuild takes slot 1 again (the totals lost their slot).
    const c = remote(bulk(datasetId, [63, 60]));
    await store.applyRemote([c]);
    await holds(engine, datasetId, 'c after the rebuild');
    await store.applyRemote([remote(excludeDraft(datasetId, [62]))]);
    await holds(engine, datasetId, 'b blocked after the rebuild');
    await undoList(engine, datasetId, c.id);
    await holds(engine, datasetId, 'c undone');
    await equalsFullFold(engine, datasetId);
  });

  it('a list of exactly 1,000,000 entries keeps guards (on its rows in range), one of 1,000,001 does not: both followed or read', async () => {
    const { engine, store, datasetId } = await list(300);
    await engine.createBatch({ datasetId, channel: 'post' });
    const million = Array.from({ length: 1_000_000 }, (_, i) => (i < 10 ? 100 + i : i % 2 === 0 ? 105 : 300 + i));
    const big = remote(bulk(datasetId, million));
    await store.applyRemote([big]);
    await holds(engine, datasetId, '1,000,000');
    const bigger = remote(bulk(datasetId, [...million.slice(0, 999_990), 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 103], 'bounce'));
    await store.applyRemote([bigger]);
    await holds(engine, datasetId, '1,000,001 over one row of the million');
    expect((await entryOf(engine, datasetId, big.id))!.blockedBy).toMatchObject({ eventId: bigger.id, customers: 10 });
    await store.applyRemote([remote(excludeDraft(datasetId, [209]))]);
    await holds(engine, datasetId, 'the 1,000,001 blocked');
    await equalsFullFold(engine, datasetId);
  }, 60_000);
});

/*
 * Each test below failed on the code of decision 046 as first written (3fbe9a2) and holds since
 * its fixes; the statuses stayed whole in each, the book or the screen did not. The replay attack
 * is known and open (see its comment): its test holds what is guaranteed.
 */
describe('applied-lists book: found defects', () => {
  // status-projection.ts, in-order fold: the slot's last list is let go only if
  // `t.undo.get(undoId(datasetId, undoSlot))` finds its snapshot in the database; a snapshot
  // taken earlier in the same commit is only in `out.undo`, so neither guards.dropSlot nor
  // book.evict runs: list 0's guards keep slot 1, which now names list 255 (book.holder).
  it(`more than ${UNDO_SLOTS} lists in one sync burst: the slot taken again within the burst must not stand for the first list's rows`, async () => {
    const { engine, store, datasetId } = await list(300);
    await engine.createBatch({ datasetId, channel: 'post' });
    // A laptop catching up: 256 lists, list i naming row i, in one burst. The 256th takes slot 1
    // again, while list 0's snapshot in slot 1 is not yet stored.
    const lists = Array.from({ length: UNDO_SLOTS + 1 }, (_, i) => remote(bulk(datasetId, [i])));
    await store.applyRemote(lists);
    await bookHolds(engine, datasetId, 'after the burst');
    // A change to list 0's customer only.
    const x = remote(excludeDraft(datasetId, [0]));
    await store.applyRemote([x]);
    await statusesWhole(engine, datasetId);
    // What the screen shows (from the book, which is whole).
    const shown = await appliedListsOf(engine, datasetId);
    expect.soft(shown.find((l) => l.eventId === lists[0]!.id)!.blockedBy?.eventId, 'list 0 is blocked by the exclusion').toBe(x.id);
    expect.soft(shown.find((l) => l.eventId === lists[UNDO_SLOTS]!.id)!.blockedBy, 'list 255 names nothing the exclusion named').toBeNull();
    await bookHolds(engine, datasetId, "after a change to the first list's customer");
    await screenHolds(engine, datasetId, 'the screen');
  }, 30_000);

  // A list that arrives with its undo already here is replayed without touching its rows
  // (status-projection.ts replay: it is not in `changing`), so the guards of the list under it
  // stand; the screen then keeps it as known (bookFrom: an undone list is known for good). The
  // earlier list is undone from its snapshot, and AppliedBook.undone only lets go of the lists
  // it blocked — not of the undone lists after it whose `changed` was folded on top of it.
  it('an undone list that came after its undo, then the earlier list under it undone from its snapshot: its "changed" follows', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const t = wallBase += 10_000;
    // a: row 5 reached by post. k, on laptop 2, says the same of row 5, later, and is undone there.
    const a = remote(bulk(datasetId, [5, 6], 'returned-mail', 'reached'), t);
    await store.applyRemote([a]);
    const k = remote(bulk(datasetId, [5], 'returned-mail', 'reached'), t + 2_000, 'laptop-2');
    const uk = remote(undoDraft(datasetId, k.id), t + 3_000, 'laptop-2');
    // Sync brings k's undo before k.
    await store.applyRemote([uk]);
    await store.applyRemote([k]);
    // The screen reads the events (k came late) and keeps the book: a open (its guards stand), k undone.
    await holds(engine, datasetId, 'k came after its undo');
    const before = (await truth(engine, datasetId)).find((l) => l.eventId === k.id)!.changed;
    // a undone from its snapshot: k, undone, is now said to change row 5 from before a.
    await store.applyRemote([remote(undoDraft(datasetId, a.id), t + 4_000)]);
    await statusesWhole(engine, datasetId);
    const after = (await truth(engine, datasetId)).find((l) => l.eventId === k.id)!.changed;
    expect(after, "the events' figure for k moved").not.toBe(before);
    // What the screen shows (from the book, which is whole).
    expect.soft((await entryOf(engine, datasetId, k.id))!.changed, "k's changed on the screen").toBe(after);
    await bookHolds(engine, datasetId, 'a undone from its snapshot');
    await screenHolds(engine, datasetId, 'a undone from its snapshot');
  });

  // Known and open (threat model): the seal binds the dataset id only, so an old copy of the same
  // list's record put back opens and the screen shows its older figures, as any projection kept on
  // disk can be rolled back by someone who can write the profile. What holds: the undo is checked
  // again against the guards or the events, so a list blocked since is not undone, and a rebuild
  // writes the book anew.
  it('replay attack: an old copy of the sealed book put back — the undo it offers is refused, a rebuild puts the screen right', async () => {
    const { engine, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const a = await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', [1, 2].map((row) => ({ row, outcome: 'failed' as const }))));
    const old = (await engine.tables.applied.get(datasetId))!;
    // Later: a's customer excluded (its undo no longer offered), and a second list.
    await engine.exclude(datasetId, [2], 'deceased');
    const b = await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', [7].map((row) => ({ row, outcome: 'failed' as const }))));
    await holds(engine, datasetId, 'before the attack');
    // Someone with the profile puts the old record back: it opens (same dataset, same key).
    await engine.tables.applied.put(old);
    const stale = await appliedListsOf(engine, datasetId);
    expect(stale.find((l) => l.eventId === a.id)?.blockedBy, 'the old figures: a looks open to undo').toBeNull();
    await expect(undoList(engine, datasetId, a.id), 'the undo checks again and refuses').rejects.toThrow();
    await statusesWhole(engine, datasetId);
    await rebuildStatuses(engine, datasetId);
    const shown = await appliedListsOf(engine, datasetId);
    expect(shown.map((l) => l.eventId)).toContain(b.id);
    expect(byId(shown), 'the screen after a rebuild').toEqual(byId(await truth(engine, datasetId)));
  });

  // applied.ts heal: written when `now.seq === seq`; `Number.isNaN(seq)` lets `undefined` through,
  // and rebuild.ts writes the totals without `seq`, so the count is not monotonic (ABA).
  // The heal (applied.ts) keeps the book only if the totals' commit count is the one its events are
  // as of; a refold (rebuild.ts) writes the totals without a count, so the count comes back.
  it.each([
    ['no count (undefined) after each refold', false],
    ['the count back at 1 after a refold and a fold', true],
  ])('two tabs: a tab whose kept events are older than the other tab\'s refold must not keep its book (%s)', async (_, numeric) => {
    const { db, engine: writer, datasetId } = await list();
    await writer.createBatch({ datasetId, channel: 'post' });
    const l1 = await writer.applyOutcomes(await writer.previewOutcomes(datasetId, 'post', 'returned-mail', [1, 2].map((row) => ({ row, outcome: 'failed' as const }))));
    await undoList(writer, datasetId, l1.id);
    // A refold (after an upgrade, an adoption or a fold check): the totals lose their commit count.
    await rebuildStatuses(writer, datasetId);
    if (numeric) await writer.exclude(datasetId, [40], 'deceased');
    const reader = await openTab(db.name);
    try {
      // The other tab has the list's card open: its events kept as of now.
      await reader.engine.data.datasetEvents(datasetId);
      // The first tab applies a list, refolds again, and folds as many commits as before: the count is where it was.
      const l2 = await writer.applyOutcomes(await writer.previewOutcomes(datasetId, 'post', 'bounce', [3].map((row) => ({ row, outcome: 'failed' as const }))));
      await rebuildStatuses(writer, datasetId);
      if (numeric) await writer.exclude(datasetId, [41], 'deceased');
      // The other tab opens the applied-lists screen: the book has l2 open (not known), so it reads its kept events and keeps the book.
      await appliedListsOf(reader.engine, datasetId);
      // Any tab, any time later: the screen must show l2.
      const fresh = await openTab(db.name);
      try {
        const shown = await appliedListsOf(fresh.engine, datasetId);
        expect.soft(shown.map((l) => l.eventId), "l2 on a fresh tab's screen").toContain(l2.id);
        await bookHolds(fresh.engine, datasetId, 'the book kept by the stale tab');
        expect(byId(shown)).toEqual(byId(await truth(fresh.engine, datasetId)));
      } finally {
        await fresh.close();
      }
    } finally {
      await reader.close();
    }
  });

  // applied.ts appliedListsOf: a book not whole is answered from the tab's kept events
  // (datasetEventsAsOf) without checking them against the stored totals' count; another tab's
  // commits never reach them. The old screen did the same (it predates the book).
  it("two tabs (no refold): the screen of a tab whose kept events are older than the other tab's commits, with a book not whole (also before decision 046)", async () => {
    const { db, engine: writer, datasetId } = await list();
    await writer.createBatch({ datasetId, channel: 'post' });
    const l1 = await writer.applyOutcomes(await writer.previewOutcomes(datasetId, 'post', 'returned-mail', [1, 2].map((row) => ({ row, outcome: 'failed' as const }))));
    const reader = await openTab(db.name);
    try {
      await reader.engine.data.datasetEvents(datasetId);
      // The first tab: l1's customer excluded, and a list from another laptop that came late (the book cannot follow it).
      await writer.exclude(datasetId, [2], 'deceased');
      await writer.data.store.applyRemote([remote(bulk(datasetId, [9]), Date.now() - 3_600_000)]);
      const shown = await appliedListsOf(reader.engine, datasetId);
      expect.soft(shown.find((l) => l.eventId === l1.id)?.blockedBy, "l1's undo is not offered").not.toBeNull();
      expect(byId(shown), "the other tab's screen").toEqual(byId(await truth(reader.engine, datasetId)));
    } finally {
      await reader.close();
    }
  });
});

describe('applied-lists book: an attacker with disk access', () => {
  it('a sealed book copied from another customer list, a flipped byte, a deleted record: the screen reads the events and keeps the book again', async () => {
    const { db, engine, store, datasetId } = await list();
    const other = await importText(engine, db, csvText(50), { maxRetries: 1, fileName: 'other.csv' });
    await engine.createBatch({ datasetId, channel: 'post' });
    await engine.createBatch({ datasetId: other, channel: 'post' });
    await store.applyRemote([remote(bulk(datasetId, [1, 2]))]);
    const o = remote({ ...bulk(other, [3]), incidentId: 'inc' });
    await store.applyRemote([o]);
    // The other list's record, under this list's id.
    const theirs = (await engine.tables.applied.get(other))!;
    await engine.tables.applied.put({ ...theirs, id: datasetId });
    await screenHolds(engine, datasetId, 'copied from another list');
    expect((await appliedListsOf(engine, datasetId)).map((l) => l.eventId)).not.toContain(o.id);
    // A fold with the copied record in place, then the screen.
    await engine.tables.applied.put({ ...theirs, id: datasetId });
    await store.applyRemote([remote(bulk(datasetId, [4]))]);
    await holds(engine, datasetId, 'folded over a copied record');
    // A flipped byte.
    const mine = (await engine.tables.applied.get(datasetId))!;
    const flipped = Uint8Array.from(mine.sealed);
    flipped[flipped.length - 3]! ^= 0x40;
    await engine.tables.applied.put({ ...mine, sealed: flipped });
    await holds(engine, datasetId, 'a flipped byte');
    await engine.tables.applied.delete(datasetId);
    await store.applyRemote([remote(excludeDraft(datasetId, [1]))]);
    await holds(engine, datasetId, 'deleted');
    await equalsFullFold(engine, datasetId);
    await equalsFullFold(engine, other);
  });

  it('keeps nothing in clear: no list name, actor, source or event id in the record', async () => {
    const { engine, store, datasetId } = await list();
    await engine.createBatch({ datasetId, channel: 'post' });
    const e = remote(bulk(datasetId, [1, 2], 'bounce', 'failed', 'bounces-Yamada-Shoten.csv'), undefined, 'suzuki-laptop');
    await store.applyRemote([e]);
    const x = remote(excludeDraft(datasetId, [2]), undefined, 'tanaka-laptop');
    await store.applyRemote([x]);
    const rec = (await engine.tables.applied.get(datasetId))!;
    expect(Object.keys(rec).sort()).toEqual(['id', 'sealed']);
    const clear = Buffer.from(rec.sealed).toString('latin1');
    for (const s of ['Yamada', 'suzuki', 'tanaka', 'bounce', e.id, x.id, e.at.slice(0, 10), 'customers']) expect(clear, s).not.toContain(s);
  });
});

// FUZZ_SEEDS=1,2,3 FUZZ_STEPS=40 FUZZ_SPAN=8 explore further (failures are then listed per seed).
describe('applied-lists book: fuzz', () => {
  async function fuzz(seed: number, steps: number) {
    let r = seed * 7_919 + 17;
    const rnd = () => ((r = (r * 48271) % 2147483647) / 2147483647);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const SIZE = 80;
    const { engine, store, datasetId } = await list(SIZE);
    await engine.createBatch({ datasetId, channel: 'post' });
    const some = (n: number) => Array.from({ length: 1 + Math.floor(rnd() * n) }, () => (rnd() < 0.06 ? pick([SIZE - 1, SIZE, 5_000_000]) : Math.floor(rnd() * Number(process.env.FUZZ_SPAN ?? 24))));
    const batches: string[] = [];
    const events: AnyEvent[] = [];
    const lists: AnyEvent[] = [];
    let wall = Date.now() + 200_000;
    const at = () => (rnd() < 0.25 ? wall - Math.floor(rnd() * 40_000) : (wall += 1_000));
    const held: AnyEvent[] = [];
    for (let step = 0; step < steps; step++) {
      const label = `seed ${seed} step ${step}`;
      const k = rnd();
      const send = async (es: AnyEvent[]) => {
        events.push(...es);
        await store.applyRemote(es);
      };
      if (k < 0.28) {
        const e = remote(bulk(datasetId, some(6), pick(['returned-mail', 'bounce'] as const), [pick(['failed', 'no-answer', 'reached'] as const), pick(['failed', 'reached'] as const)]), at(), pick(['p1', 'p2']));
        lists.push(e);
        // Sometimes held back and delivered after a later event (its undo may come first).
        if (rnd() < 0.15) held.push(e);
        else await send([e]);
      } else if (k < 0.5) {
        const burst: AnyEvent[] = [];
        for (let i = 0; i < 1 + Math.floor(rnd() * 3); i++) {
          const d = randomContactDraft(rnd(), { datasetId, pick, some, batches, undoable: events, sizes: { batch: 8, outcomes: 4, excluded: 2, cancelled: 3, reassigned: 2 } });
          if (d) burst.push(remote(d, at(), pick(['p1', 'p2'])));
        }
        if (burst.length) await send(burst);
      } else if (k < 0.68 && lists.length) {
        const target = pick(lists);
        const u = remote(undoDraft(datasetId, target.id), at(), pick(['p1', 'p2', 'p3']));
        const q = rnd();
        if (q < 0.2) await send([u, remote(undoDraft(datasetId, u.id), (wall += 1_000))]);
        else if (q < 0.4) {
          await send([u]);
          await send([u]);
        } else await send([u]);
      } else if (k < 0.75 && lists.length) {
        // A local checked undo (refused when the list is blocked or undone).
        await undoList(engine, datasetId, pick(lists).id).catch(() => undefined);
      } else if (k < 0.8 && held.length) {
        await send(held.splice(0));
      } else if (k < 0.83) {
        await rebuildStatuses(engine, datasetId);
      } else if (k < 0.86 && events.length) {
        // Same clock as an event already here, from a copied laptop.
        const twin = pick(events);
        const d = randomContactDraft(rnd() * 0.55, { datasetId, pick, some, batches, undoable: events });
        if (d) await send([{ ...remote(d), at: twin.at } as AnyEvent]);
      }
      // The screen opened now and then (it keeps the book again when it reads the events).
      if (rnd() < 0.4) await screenHolds(engine, datasetId, label);
      else await bookHolds(engine, datasetId, label);
    }
    if (held.length) await store.applyRemote(held.splice(0));
    await holds(engine, datasetId, `seed ${seed} end`);
    await equalsFullFold(engine, datasetId, `seed ${seed} end`);
  }

  it('fuzz: lists, changes, notices, undos (twice, of undos, late, by three laptops), held-back lists, clock ties, rebuilds, the screen', async () => {
    const env = process.env.FUZZ_SEEDS;
    const seeds = env ? env.split(',').map(Number) : [1, 2, 3, 4, 5, 6, 7, 8];
    const failures: string[] = [];
    for (const seed of seeds) {
      try {
        await fuzz(seed, Number(process.env.FUZZ_STEPS ?? 35));
      } catch (e) {
        if (!env) throw e;
        failures.push(`seed ${seed}: ${String(e).slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
