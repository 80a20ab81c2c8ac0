import { describe, expect, it } from 'vitest';
import { testContext } from '../events/test-context';
import type { AppliedList } from './applied-lists';
import { newSummary, type BatchSummary } from './batch-summary';
import { cancelBatch, coverByNotice, createBatch, recordOutcomes, reassignBatch, undoList, undoNotice } from './commands';
import { CONTACT_EVENT_TYPES } from './events';

const summary = (over: Partial<BatchSummary> = {}): BatchSummary => ({
  ...newSummary({ id: 'e1', incidentId: 'inc', at: '0000000000001000-0000-a', actor: 'p1', type: CONTACT_EVENT_TYPES.batchCreated, payload: { datasetId: 'd1', batchId: 'b1', channel: 'phone', rows: [3, 5, 8], operators: ['A'], assignment: [0, 0, 0] } }),
  ...over,
});

describe('contact commands (plain data: ids from the context)', () => {
  it('a batch takes the pending customers the handler chose; a phone batch needs an operator', () => {
    const post = createBatch(testContext({ ids: ['b9'] }), { incidentId: 'inc', pending: [1, 2, 4] }, { datasetId: 'd1', channel: 'post' });
    expect(post).toEqual({
      ok: true,
      value: { datasetId: 'd1', batchId: 'b9', channel: 'post', rows: [1, 2, 4] },
      events: [{ type: 'contacts.batch-created', incidentId: 'inc', payload: { datasetId: 'd1', batchId: 'b9', channel: 'post', rows: [1, 2, 4] } }],
    });
    expect(createBatch(testContext(), { incidentId: 'inc', pending: [1] }, { datasetId: 'd1', channel: 'phone', operators: [' ', ''] })).toEqual({ ok: false, problems: [{ field: 'operators', reason: 'required' }] });
    const phone = createBatch(testContext({ ids: ['b2'] }), { incidentId: 'inc', pending: [1, 2, 4] }, { datasetId: 'd1', channel: 'phone', operators: ['佐藤', '鈴木'] });
    expect(phone.ok && phone.value).toMatchObject({ operators: ['佐藤', '鈴木'], assignment: [0, 1, 0] });
  });

  it('re-assigning and cancelling refuse a batch that is gone or called off', () => {
    const ctx = testContext();
    expect(reassignBatch(ctx, { incidentId: 'inc', batch: undefined, waiting: [] }, { operators: ['B'] })).toEqual({ ok: false, problems: [{ field: 'batch', reason: 'not-found' }] });
    const off = summary({ cancelledAt: '2026-11-22T00:00:00.000Z' });
    expect(cancelBatch(ctx, { incidentId: 'inc', batch: off, held: [] })).toEqual({ ok: false, problems: [{ field: 'batch', reason: 'cancelled' }] });
    expect(reassignBatch(ctx, { incidentId: 'inc', batch: summary(), waiting: [3, 8] }, { operators: [' '] })).toEqual({ ok: false, problems: [{ field: 'operators', reason: 'required' }] });
    const moved = reassignBatch(ctx, { incidentId: 'inc', batch: summary(), waiting: [3, 8] }, { operators: ['B', 'C'] });
    expect(moved).toMatchObject({ ok: true, value: 2, events: [{ type: 'contacts.batch-reassigned', payload: { rows: [3, 8], operators: ['B', 'C'], assignment: [0, 1] } }] });
    expect(cancelBatch(ctx, { incidentId: 'inc', batch: summary(), held: [5] })).toMatchObject({ ok: true, value: 1, events: [{ type: 'contacts.batch-cancelled', payload: { channel: 'phone', rows: [5] } }] });
  });

  it('a list records what was matched, notes and its file only when there are some', () => {
    const r = recordOutcomes(testContext(), { incidentId: 'inc' }, { datasetId: 'd1', channel: 'post', source: 'returned-mail', rows: [1, 2], outcomes: ['failed', 'failed'], reasons: ['refused', ''], notes: ['', ''], listName: 'returned.csv' });
    expect(r).toMatchObject({ ok: true, events: [{ payload: { rows: [1, 2], reasons: ['refused', ''], listName: 'returned.csv' } }] });
    expect(r.ok && 'notes' in r.events[0]!.payload).toBe(false);
  });

  it('the notice and its withdrawal are each one append with their decision', () => {
    const cover = coverByNotice(testContext({ ids: ['dec-1'] }), { incidentId: 'inc' }, { datasetId: 'd1', cover: { statementId: 's1', covered: 20, what: '公表で周知', why: '', decidedBy: '山田' } });
    expect(cover).toMatchObject({
      ok: true,
      events: [
        { type: 'contacts.notice-published', payload: { datasetId: 'd1', noticeRef: 's1', covered: 20, decisionId: 'dec-1' } },
        { type: 'incident.decision-recorded', payload: { decisionId: 'dec-1', phase: 'counter', what: '公表で周知' } },
      ],
    });
    const decision = { what: '取り消し', why: '', decidedBy: '山田' };
    expect(undoNotice(testContext(), { incidentId: 'inc', inForce: false }, { datasetId: 'd1', noticeEventId: 'n1', decision })).toEqual({ ok: false, problems: [{ field: 'notice', reason: 'not-found' }] });
    expect(undoNotice(testContext({ ids: ['dec-2'] }), { incidentId: 'inc', inForce: true }, { datasetId: 'd1', noticeEventId: 'n1', decision })).toMatchObject({
      ok: true,
      events: [{ type: 'contacts.event-undone', payload: { eventId: 'n1' } }, { type: 'incident.decision-recorded', payload: { decisionId: 'dec-2' } }],
    });
  });

  it('a list is undone only while it is the latest change to its customers', () => {
    const list = { eventId: 'l1', undone: null, blockedBy: null } as AppliedList;
    expect(undoList(testContext(), { incidentId: 'inc', list }, { datasetId: 'd1', eventId: 'l1' })).toMatchObject({ ok: true, events: [{ type: 'contacts.event-undone', payload: { eventId: 'l1' } }] });
    const blocked = { ...list, blockedBy: { eventId: 'x', at: '', actor: '', type: 'contacts.batch-created', customers: 1 } };
    expect(undoList(testContext(), { incidentId: 'inc', list: blocked }, { datasetId: 'd1', eventId: 'l1' })).toEqual({ ok: false, problems: [{ field: 'list', reason: 'not-latest' }] });
    expect(undoList(testContext(), { incidentId: 'inc', list: undefined }, { datasetId: 'd1', eventId: 'l1' })).toEqual({ ok: false, problems: [{ field: 'list', reason: 'not-found' }] });
  });
});
