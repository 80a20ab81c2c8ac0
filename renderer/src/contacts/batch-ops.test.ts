import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTACT_EVENT_TYPES } from '../../../shared/contacts/events';
import { parseOperators } from './batch-ops';
import { checkFold } from './outcomes';
import { csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';
import { tables } from '../data/tables';

afterEach(dropTestDatabases);

/** 40 customers, every one of them waiting for a phone call (post and e-mail failed). */
async function onThePhone() {
  const { db, engine, store } = await openTestEngine();
  const datasetId = await importText(engine, db, csvText(40));
  const post = await engine.createBatch({ datasetId, channel: 'post' });
  await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', post.batch.rows.map((row) => ({ row, outcome: 'failed' as const }))));
  const mail = await engine.createBatch({ datasetId, channel: 'email' });
  await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'email', 'bounce', mail.batch.rows.map((row) => ({ row, outcome: 'failed' as const }))));
  expect((await engine.totals(datasetId)).byChannel.phone!.pending).toBe(40);
  return { engine, store, datasetId };
}

describe('phone batches: never stuck', () => {
  it('refuses a phone batch without an operator', async () => {
    const { engine, datasetId } = await onThePhone();
    await expect(engine.createBatch({ datasetId, channel: 'phone', operators: [' ', ''] })).rejects.toThrow(/operator/);
    expect((await engine.totals(datasetId)).byChannel.phone!.pending).toBe(40);
    expect(parseOperators(' 佐藤, 鈴木、佐藤，\n田中 ')).toEqual(['佐藤', '鈴木', '田中']);
  });

  it('a batch made without operators (as before) is re-assigned, called, then cancelled back to pending', async () => {
    const { engine, datasetId } = await onThePhone();
    // What the old screen appended with the operator field left empty: no operators, no assignment.
    const rows = Array.from({ length: 40 }, (_, i) => i);
    await engine.appendContact(datasetId, CONTACT_EVENT_TYPES.batchCreated, { datasetId, batchId: 'stuck', channel: 'phone', rows });
    const [stuck] = await engine.batches(datasetId);
    expect(stuck!.operators).toEqual([]);
    expect(await engine.callQueue(datasetId, 'stuck', '')).toEqual([]);
    expect((await engine.totals(datasetId)).byChannel.phone!.inProgress).toBe(40);

    // Ten calls, then the rest shared out between two operators.
    await engine.reassignBatch(datasetId, 'stuck', ['佐藤']);
    const first = await engine.callQueue(datasetId, 'stuck', '佐藤');
    expect(first).toHaveLength(40);
    await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'phone', 'call', first.slice(0, 10).map((q) => ({ row: q.row.row, outcome: 'reached' as const }))));
    await engine.reassignBatch(datasetId, 'stuck', ['鈴木', '田中']);
    const [s] = await engine.batches(datasetId);
    expect(s!.operators).toEqual(['佐藤', '鈴木', '田中']);
    expect((await engine.callQueue(datasetId, 'stuck', '佐藤')).length).toBe(0);
    expect((await engine.callQueue(datasetId, 'stuck', '鈴木')).length).toBe(15);
    expect((await engine.callQueue(datasetId, 'stuck', '田中')).length).toBe(15);
    const list = await engine.callList(datasetId, 'stuck');
    expect(list.map((i) => i.operator).sort()).toEqual([...Array(15).fill('鈴木'), ...Array(15).fill('田中')].sort());

    // Cancelled: the 30 not yet called go back to pending on the phone; the 10 reached stay.
    const cancel = await engine.cancelBatch(datasetId, 'stuck');
    let t = await engine.totals(datasetId);
    expect(t.byChannel.phone).toEqual({ pending: 30, inProgress: 0, reached: 10 });
    expect(await engine.callQueue(datasetId, 'stuck', '鈴木')).toEqual([]);
    expect((await engine.batches(datasetId))[0]!.cancelledAt).not.toBeNull();
    // A new batch takes them; undoing the cancellation would put them back in the old one.
    await engine.undo(datasetId, cancel.id);
    expect((await engine.totals(datasetId)).byChannel.phone!.inProgress).toBe(30);
    await engine.cancelBatch(datasetId, 'stuck');
    const next = await engine.createBatch({ datasetId, channel: 'phone', operators: ['佐藤'] });
    expect(next.batch.rows).toHaveLength(30);
    t = await engine.totals(datasetId);
    expect(t.byChannel.phone).toEqual({ pending: 0, inProgress: 30, reached: 10 });
    expect(await checkFold(engine, datasetId)).toEqual({ rows: 40, mismatchedRows: 0, totalsMatch: true });

    const card = await engine.card(datasetId, 39);
    expect(card!.history.filter((h) => h.event.type === CONTACT_EVENT_TYPES.batchReassigned).map((h) => h.operator)).toEqual(['佐藤', '田中']);
  });

  it('cancelling an older batch leaves customers a newer batch on the same channel holds', async () => {
    const { engine, datasetId } = await onThePhone();
    const a = await engine.createBatch({ datasetId, channel: 'phone', operators: ['A'], limit: 20 });
    // No answer for five: they are pending again and a second batch takes them.
    await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'phone', 'call', a.batch.rows.slice(0, 5).map((row) => ({ row, outcome: 'no-answer' as const }))));
    const b = await engine.createBatch({ datasetId, channel: 'phone', operators: ['B'] });
    expect(b.batch.rows).toHaveLength(25);
    const e = await engine.cancelBatch(datasetId, a.batch.batchId);
    expect((e.payload as { rows: number[] }).rows).toEqual(a.batch.rows.slice(5));
    expect((await engine.totals(datasetId)).byChannel.phone).toEqual({ pending: 15, inProgress: 25, reached: 0 });
  });

  it('a customer a newer batch took is called from that batch only: two operators never call the same person', async () => {
    const { engine, datasetId } = await onThePhone();
    const a = await engine.createBatch({ datasetId, channel: 'phone', operators: ['A'], limit: 20 });
    await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'phone', 'call', a.batch.rows.slice(0, 5).map((row) => ({ row, outcome: 'no-answer' as const }))));
    const b = await engine.createBatch({ datasetId, channel: 'phone', operators: ['B'] });
    const retried = a.batch.rows.slice(0, 5);
    expect(b.batch.rows).toEqual(expect.arrayContaining(retried));
    const queueA = (await engine.callQueue(datasetId, a.batch.batchId, 'A')).map((q) => q.row.row);
    const queueB = (await engine.callQueue(datasetId, b.batch.batchId, 'B')).map((q) => q.row.row);
    expect(queueA.filter((r) => queueB.includes(r))).toEqual([]);
    expect(queueA).toEqual(a.batch.rows.slice(5));
    expect((await engine.callList(datasetId, a.batch.batchId)).map((i) => i.row)).toEqual(a.batch.rows.slice(5));
  });

  it('marking an older e-mail batch delivered leaves the soft bounces a newer batch is retrying', async () => {
    const { db, engine } = await openTestEngine();
    const datasetId = await importText(engine, db, csvText(20));
    const post = await engine.createBatch({ datasetId, channel: 'post' });
    await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'post', 'returned-mail', post.batch.rows.map((row) => ({ row, outcome: 'failed' as const }))));
    const first = await engine.createBatch({ datasetId, channel: 'email' });
    const soft = first.batch.rows.slice(0, 3);
    await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'email', 'bounce', soft.map((row) => ({ row, outcome: 'no-answer' as const }))));
    const retry = await engine.createBatch({ datasetId, channel: 'email' });
    expect(retry.batch.rows).toEqual(soft);
    // The first batch's 'did not bounce' are its own customers still out, not the retries not sent yet.
    const [, older] = await engine.batches(datasetId);
    const out = (await engine.waiting(older!)).filter((w) => w.status.phase === 'in-progress').map((w) => w.row);
    expect(out).toEqual(first.batch.rows.slice(3));
  });

  it('records an outcome from the customer card on the channel the customer is on', async () => {
    const { engine, datasetId } = await onThePhone();
    const recorded = await engine.recordOutcome(datasetId, 3, 'no-answer', 'call-no-answer', '夕方に再度');
    // The post and e-mail failed before: the result is the phone's, as the card shows it.
    expect(recorded?.payload).toMatchObject({ channel: 'phone', rows: [3], outcomes: ['no-answer'] });
    expect((await engine.card(datasetId, 3))!.history.at(-1)).toMatchObject({ event: { payload: { channel: 'phone' } } });
    let card = await engine.card(datasetId, 3);
    expect(card!.status).toMatchObject({ phase: 'pending', retries: 1 });
    expect(card!.history.at(-1)).toMatchObject({ outcome: 'no-answer', reason: 'call-no-answer', note: '夕方に再度' });
    await engine.recordOutcome(datasetId, 3, 'reached', 'call-reached', '');
    card = await engine.card(datasetId, 3);
    expect(card!.status.phase).toBe('reached');
    // Nothing left to record once reached.
    expect(await engine.recordOutcome(datasetId, 3, 'failed', 'call-refused', '')).toBeNull();
  });
});

describe('the public notice', () => {
  // A customer no channel reached who then calls the desk and is told in person has been
  // reached, not covered by the notice — before the notice or after it covered them.
  it('a customer waiting for the notice who calls in is recorded as reached, not covered', async () => {
    const { engine, datasetId } = await onThePhone();
    const calls = await engine.createBatch({ datasetId, channel: 'phone', operators: ['A'] });
    await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'phone', 'call', calls.batch.rows.map((row) => ({ row, outcome: 'failed' as const }))));
    expect((await engine.totals(datasetId)).unreachable).toBe(40);
    await engine.recordOutcome(datasetId, 0, 'reached', 'call-reached', '本人から電話があり説明した');
    expect((await engine.card(datasetId, 0))!.status.phase).toBe('reached');
    let t = await engine.totals(datasetId);
    expect(t).toMatchObject({ unreachable: 39, calledIn: 1, byPhase: { reached: 1, covered: 0 } });

    // The notice covers the other 39; one of them calls in afterwards and is reached too.
    await engine.coverByNotice(datasetId, { statementId: 'inc:1', covered: 39, what: '39 名を公告でカバー', why: '電話不通', decidedBy: '山田' });
    expect((await engine.card(datasetId, 0))!.status.phase).toBe('reached');
    expect((await engine.card(datasetId, 1))!.status.phase).toBe('covered');
    expect(await engine.recordOutcome(datasetId, 1, 'reached', 'called-in', '')).not.toBeNull();
    expect((await engine.card(datasetId, 1))!.status.phase).toBe('reached');
    t = await engine.totals(datasetId);
    expect(t).toMatchObject({ unreachable: 0, calledIn: 2, byPhase: { reached: 2, covered: 38 } });
    expect(await checkFold(engine, datasetId)).toEqual({ rows: 40, mismatchedRows: 0, totalsMatch: true });
  });

  it('covers the unreachable with a published statement, as a decision on the timeline, and can be withdrawn', async () => {
    const { engine, store, datasetId } = await onThePhone();
    const calls = await engine.createBatch({ datasetId, channel: 'phone', operators: ['A'] });
    await engine.applyOutcomes(await engine.previewOutcomes(datasetId, 'phone', 'call', calls.batch.rows.map((row) => ({ row, outcome: 'failed' as const }))));
    expect((await engine.totals(datasetId)).unreachable).toBe(40);

    const notice = await engine.coverByNotice(datasetId, { statementId: 'inc:1', covered: 40, what: '40 名を公告でカバー', why: '電話不通', decidedBy: '山田' });
    expect((await engine.totals(datasetId)).byPhase.covered).toBe(40);
    let decisions = await store.table(tables.decisions).where('incidentId', 'inc');
    expect(decisions).toMatchObject([{ what: '40 名を公告でカバー', why: '電話不通', decidedBy: '山田', phase: 'counter' }]);
    expect(notice.payload).toMatchObject({ noticeRef: 'inc:1', covered: 40, decisionId: decisions[0]!.id });
    expect((await engine.notices(datasetId)).map((n) => n.event.id)).toEqual([notice.id]);

    await engine.undoNotice(datasetId, notice.id, { what: '公告によるカバーを取り消し', why: '', decidedBy: '山田' });
    const t = await engine.totals(datasetId);
    expect(t.byPhase.covered).toBe(0);
    expect(t.unreachable).toBe(40);
    expect(await engine.notices(datasetId)).toEqual([]);
    decisions = await store.table(tables.decisions).where('incidentId', 'inc');
    expect(decisions.map((d) => d.what).sort()).toEqual(['40 名を公告でカバー', '公告によるカバーを取り消し'].sort());
    expect(await checkFold(engine, datasetId)).toEqual({ rows: 40, mismatchedRows: 0, totalsMatch: true });
  });
});

describe('lists and batches in one order everywhere', () => {
  it('lists newest first; batches newest first with the time they were made', async () => {
    const { db, engine } = await openTestEngine();
    const a = await importText(engine, db, csvText(5), { fileName: 'a.csv' });
    const b = await importText(engine, db, csvText(6), { fileName: 'b.csv' });
    expect((await engine.datasets('inc')).map((d) => [d.id, d.meta.fileName])).toEqual([[b, 'b.csv'], [a, 'a.csv']]);
    const first = await engine.createBatch({ datasetId: b, channel: 'post', limit: 2 });
    const second = await engine.createBatch({ datasetId: b, channel: 'post' });
    const list = await engine.batches(b);
    expect(list.map((s) => s.batch.batchId)).toEqual([second.batch.batchId, first.batch.batchId]);
    expect(Date.parse(list[0]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(list[1]!.createdAt));
  });
});
