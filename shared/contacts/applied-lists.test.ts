import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { appliedLists, canUndo } from './applied-lists';
import { CONTACT_EVENT_TYPES as T } from './events';
import { AVAIL_EMAIL, AVAIL_PHONE, AVAIL_POST, type Policy } from './fallback';

const policy: Policy = { order: ['post', 'email', 'phone', 'notice'], maxRetries: 2 };
const avail = new Uint8Array(6).fill(AVAIL_POST | AVAIL_EMAIL | AVAIL_PHONE);

let n = 0;
const ev = (type: string, payload: object, actor = 'p1'): HonbuEvent => ({ id: `e${++n}`, incidentId: 'i', at: String(n).padStart(4, '0'), actor, type, payload: { datasetId: 'd', ...payload } });
const returned = (rows: number[], extra: object = {}, actor = 'p1') =>
  ev(T.outcomesRecorded, { channel: 'post', source: 'returned-mail', rows, outcomes: rows.map(() => 'failed'), reasons: rows.map(() => 'unknown-address'), ...extra }, actor);

describe('applied lists', () => {
  it('lists returned-mail and bounce lists with who, when and how many changed; undo while still the latest change', () => {
    const post = ev(T.batchCreated, { batchId: 'b1', channel: 'post', rows: [0, 1, 2, 3, 4, 5] });
    const first = returned([0, 1], { listName: '返送_0305.csv', listLines: 3 });
    // Row 1 is listed again: nothing changes for it, but the list touches it.
    const second = returned([1, 2], {}, 'p2');
    const delivered = ev(T.outcomesRecorded, { channel: 'post', source: 'delivered', rows: [3, 4, 5], outcomes: ['reached', 'reached', 'reached'], reasons: ['', '', ''] });
    const lists = appliedLists(avail, [post, first, second, delivered], policy);
    expect(lists).toHaveLength(2);
    expect(lists[0]).toMatchObject({ eventId: first.id, actor: 'p1', source: 'returned-mail', listName: '返送_0305.csv', listLines: 3, customers: 2, changed: 2, undone: null });
    expect(lists[0]!.blockedBy).toMatchObject({ eventId: second.id, type: T.outcomesRecorded, source: 'returned-mail', customers: 1 });
    expect(lists[1]).toMatchObject({ eventId: second.id, actor: 'p2', customers: 2, changed: 1, blockedBy: null });
    expect(lists.map(canUndo)).toEqual([false, true]);
  });

  it('an e-mail batch of the moved customers, or the notice, ends the undo; undoing the later list gives it back', () => {
    const post = ev(T.batchCreated, { batchId: 'b1', channel: 'post', rows: [0, 1, 2] });
    const a = returned([0]);
    const b = returned([1]);
    const email = ev(T.batchCreated, { batchId: 'b2', channel: 'email', rows: [0] });
    let lists = appliedLists(avail, [post, a, b, email], policy);
    expect(lists[0]!.blockedBy).toMatchObject({ eventId: email.id, type: T.batchCreated, channel: 'email', customers: 1 });
    expect(canUndo(lists[1]!)).toBe(true);
    const notice = ev(T.noticePublished, { noticeRef: 's1' });
    lists = appliedLists(avail, [post, a, b, notice], policy);
    expect(lists.map((l) => l.blockedBy?.type)).toEqual([T.noticePublished, T.noticePublished]);

    // b blocks a; once b is undone, a is the latest change to its customers again.
    const c = returned([0, 2]);
    const undoC = ev(T.eventUndone, { eventId: c.id });
    lists = appliedLists(avail, [post, a, b, c, undoC], policy);
    expect(lists.map((l) => [l.eventId, canUndo(l), l.undone?.eventId ?? null, l.changed])).toEqual([
      [a.id, true, null, 1],
      [b.id, true, null, 1],
      [c.id, false, undoC.id, 1], // row 2 would move; row 0 already moved by a
    ]);
  });

  it('ignores calls and deliveries as lists (they are not pasted lists)', () => {
    const call = ev(T.outcomesRecorded, { channel: 'phone', source: 'call', rows: [0], outcomes: ['reached'], reasons: [''] });
    expect(appliedLists(avail, [call], policy)).toEqual([]);
  });
});
