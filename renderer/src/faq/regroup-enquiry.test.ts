/**
 * Moving an enquiry to another group (faq.regroup-enquiry): the move is stored on the
 * enquiry, folds the same from another laptop, and is refused where it would point outside
 * the incident or change nothing.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { dispatch, openDispatch, problemsOf } from '../data/dispatch';
import { tables } from '../data/tables';
import { firstReportArgs } from '../data/test-drafts';
import { createWorkspace } from '../data/workspace';
import { Moves, NEW_GROUP, movableOf } from '../../../shared/faq/moved-groups';
import { answeredEnquiryIds } from '../../../shared/faq/answered';
import { dropTestLaptops, twoLaptops } from '../data/test-laptops';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const fields = (question: string) => ({ channel: 'phone' as const, caller: { name: '', phone: '', email: '' }, question, answerEntryId: null, answerText: '', escalate: false, operator: '佐藤', durationSec: 60, tags: [], at: '2026-11-21T00:00:00.000Z' });

let readEntry: (id: string) => Promise<import('../../../shared/faq/model').FaqEntry | undefined>;

async function workspace() {
  const db = new HonbuDb(`regroup-${crypto.randomUUID()}`);
  dbs.push(db);
  const ws = await createWorkspace(db, 'correct horse battery staple', { name: '山田 花子' }, { cost: TEST_KDF_COST });
  openDispatch({ store: ws.store, personId: ws.identity.personId });
  readEntry = (id) => ws.store.table(tables.faq).get(id);
  const incidentId = await dispatch('incident.file-first-report', firstReportArgs());
  const a = await dispatch('faq.log-enquiry', { incidentId, fields: fields('お詫びの品はいつ届きますか') });
  const b = await dispatch('faq.log-enquiry', { incidentId, fields: fields('品物がまだ来ません') });
  return { ws, incidentId, a, b };
}

describe('moving an enquiry to another group', () => {
  it('stores where it goes, then a new group of its own, then back to the automatic grouping', async () => {
    const { ws, a, b } = await workspace();
    const row = () => ws.store.table(tables.enquiries).get(a);
    await dispatch('faq.regroup-enquiry', { enquiryId: a, groupWith: b });
    expect((await row())?.groupWith).toBe(b);
    await dispatch('faq.regroup-enquiry', { enquiryId: a, groupWith: NEW_GROUP });
    expect((await row())?.groupWith).toMatch(/^g:.+/);
    await dispatch('faq.regroup-enquiry', { enquiryId: a, groupWith: null });
    expect((await row())?.groupWith).toBeNull();
    // The question, the caller and the rest are untouched.
    expect(await row()).toMatchObject({ question: 'お詫びの品はいつ届きますか', operator: '佐藤', durationSec: 60 });
  });

  it('refuses an enquiry that is not in the log, or one of another incident, and changes nothing', async () => {
    const { ws, a } = await workspace();
    const other = await dispatch('incident.file-first-report', firstReportArgs());
    const elsewhere = await dispatch('faq.log-enquiry', { incidentId: other, fields: fields('別の事案の質問') });
    expect(await problemsOf(dispatch('faq.regroup-enquiry', { enquiryId: a, groupWith: 'no-such-enquiry' }))).toEqual([{ field: 'groupWith', reason: 'invalid' }]);
    expect(await problemsOf(dispatch('faq.regroup-enquiry', { enquiryId: a, groupWith: elsewhere }))).toEqual([{ field: 'groupWith', reason: 'invalid' }]);
    expect(await problemsOf(dispatch('faq.regroup-enquiry', { enquiryId: a, groupWith: a }))).toEqual([{ field: 'groupWith', reason: 'invalid' }]);
    expect(await problemsOf(dispatch('faq.regroup-enquiry', { enquiryId: 'no-such-enquiry', groupWith: a }))).toEqual([{ field: 'enquiry', reason: 'not-found' }]);
    expect((await ws.store.table(tables.enquiries).get(a))?.groupWith).toBeUndefined();
  });

  it('appends nothing when the enquiry is already where it is asked to go', async () => {
    const { ws, a, b } = await workspace();
    await dispatch('faq.regroup-enquiry', { enquiryId: a, groupWith: b });
    const before = (await ws.store.readEvents()).length;
    expect(await problemsOf(dispatch('faq.regroup-enquiry', { enquiryId: a, groupWith: b }))).toEqual([]);
    expect((await ws.store.readEvents()).length).toBe(before);
  });
});

describe('a question moved into a group that already holds its words', () => {
  it('stores which of them were there, so that an FAQ entry of that group still answers them; a move that keeps none takes them along', async () => {
    const { ws, incidentId, a, b } = await workspace();
    // twin has b's words; the entry was made from the group of a and twin.
    const twin = await dispatch('faq.log-enquiry', { incidentId, fields: fields('品物がまだ来ません') });
    const entryId = await dispatch('faq.draft-entry', { incidentId, text: { question: 'お詫びの品はいつ届きますか', answer: '順次お届けしています。', category: '配送' } });
    const rows = async () => ws.store.table(tables.enquiries).where('incidentId', incidentId);
    const group = { id: a, labelId: a, label: 'お詫びの品はいつ届きますか', memberIds: [a, twin], terms: [] };
    const texts = new Map((await rows()).map((e) => [e.id, e.question]));
    await dispatch('faq.attach-group', { entryId, group, questions: texts });
    const answered = async () => answeredEnquiryIds([(await ws.store.table(tables.faq).get(entryId))!], await rows());
    expect(await answered()).toEqual(new Set([a, twin]));
    // Both were where the grouping puts them when attached.
    expect((await ws.store.table(tables.faq).get(entryId))?.linkedFrom).toEqual({ [a]: '', [twin]: '' });

    // b is moved into that group: the screen names the twin it already holds.
    const moves = new Moves((await rows()).map(movableOf));
    const kept = moves.keptBy(group, b, (await rows()).map((e) => ({ id: e.id, text: e.question })), (id) => (id === b ? 'elsewhere' : a));
    expect(kept).toEqual([{ id: twin }]);
    await dispatch('faq.regroup-enquiry', { enquiryId: b, groupWith: a, kept: [...kept, { id: twin, awayAt: 'x' }, { id: b }] });
    expect((await ws.store.table(tables.enquiries).get(b))?.keptWith).toEqual([{ id: twin }]);
    expect(await answered()).toEqual(new Set([a, twin]));

    // Then into a group of its own, keeping nothing: the twin follows it out of the entry's group.
    await dispatch('faq.regroup-enquiry', { enquiryId: b, groupWith: NEW_GROUP });
    expect(await answered()).toEqual(new Set([a]));
  });
});

describe('attaching a group to an FAQ entry', () => {
  it('keeps where each question was, as the screen has the log when it is given, else as the store has it', async () => {
    const { incidentId, a, b } = await workspace();
    const entryId = await dispatch('faq.draft-entry', { incidentId, text: { question: 'お詫びの品はいつ届きますか', answer: '順次お届けしています。', category: '配送' } });
    const group = { id: a, labelId: a, label: 'お詫びの品はいつ届きますか', memberIds: [a], terms: [] };
    const questions = new Map([[a, 'お詫びの品はいつ届きますか'], [b, '品物がまだ来ません']]);
    await dispatch('faq.attach-group', { entryId, group, questions });
    // The screen's log says b was moved away at a given time: that is what the link keeps.
    await dispatch('faq.attach-group', { entryId, group: { ...group, memberIds: [a, b] }, questions, away: new Map([[b, '2026-12-06T00:00:00.000Z-0000-aaaa']]) });
    const entry = await readEntry(entryId);
    expect(entry?.linkedFrom).toEqual({ [a]: '', [b]: '2026-12-06T00:00:00.000Z-0000-aaaa' });
  });
});

describe('a move arriving by sync under another incident than the enquiry was logged in', () => {
  it('is not applied (the commands never write one; it would be judged by the wrong incident’s roles)', async () => {
    const { ws, a, b } = await workspace();
    const other = await dispatch('incident.file-first-report', firstReportArgs());
    const [made] = await ws.store.append([{ type: 'faq.enquiry-regrouped', incidentId: other, payload: { enquiryId: a, groupWith: b } }]);
    expect(made).toBeDefined();
    expect((await ws.store.table(tables.enquiries).get(a))?.groupWith).toBeUndefined();
    await ws.store.append([{ type: 'faq.enquiry-edited', incidentId: other, payload: { enquiryId: a, changes: { question: '書き換え' } } }]);
    expect((await ws.store.table(tables.enquiries).get(a))?.question).toBe('お詫びの品はいつ届きますか');
  });
});

describe('a move or an edit of another incident that arrives before the enquiry’s log entry', () => {
  afterEach(dropTestLaptops);

  it('is dropped when the log entry comes, as it would be had the log entry come first; the enquiry’s own early edits stay', async () => {
    const { a, b } = await twoLaptops('early-writes');
    const mine = 'incident-mine';
    const theirs = 'incident-theirs';
    const id = crypto.randomUUID();
    const other = crypto.randomUUID();
    // On laptop A, in the order they were made: the log entries, an edit of its own incident,
    // then a move and an edit written under another incident (refused there at once).
    await a.append([{ type: 'faq.enquiry-logged', incidentId: mine, payload: { enquiryId: id, ...fields('お詫びの品はいつ届きますか') } }]);
    await a.append([{ type: 'faq.enquiry-logged', incidentId: theirs, payload: { enquiryId: other, ...fields('退会したい') } }]);
    await a.append([{ type: 'faq.enquiry-edited', incidentId: mine, payload: { enquiryId: id, changes: { operator: '鈴木' } } }]);
    await a.append([{ type: 'faq.enquiry-regrouped', incidentId: theirs, payload: { enquiryId: id, groupWith: other } }]);
    await a.append([{ type: 'faq.enquiry-edited', incidentId: theirs, payload: { enquiryId: id, changes: { question: '書き換え', durationSec: 1 } } }]);
    const onA = await a.table(tables.enquiries).get(id);
    expect(onA).toMatchObject({ incidentId: mine, question: 'お詫びの品はいつ届きますか', operator: '鈴木', durationSec: 60 });
    expect(onA?.groupWith).toBeUndefined();

    // Laptop B hears them in another order: the other incident's writes first, the log entry last.
    const events = await a.readEvents();
    const logOf = events.find((e) => e.type === 'faq.enquiry-logged' && e.incidentId === mine)!;
    await b.applyRemote([...events.filter((e) => e !== logOf).reverse(), logOf]);
    const onB = await b.table(tables.enquiries).get(id);
    expect(onB).toEqual(onA);
    expect(onB?.early).toBeUndefined();
  });
});
