import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { appliedLists, canUndo, undoStateOf } from './applied-lists';
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

  it('an undone list that names a customer twice still says it changed that customer once, as when it was applied', () => {
    const post = ev(T.batchCreated, { batchId: 'b1', channel: 'post', rows: [0, 1, 2] });
    const twice = returned([0, 1, 0]);
    const live = appliedLists(avail, [post, twice], policy);
    expect(live[0]).toMatchObject({ customers: 2, changed: 2 });
    const undo = ev(T.eventUndone, { eventId: twice.id });
    expect(appliedLists(avail, [post, twice, undo], policy)[0]).toMatchObject({ customers: 2, changed: 2, undone: { eventId: undo.id } });
  });

  it('ignores calls and deliveries as lists (they are not pasted lists)', () => {
    const call = ev(T.outcomesRecorded, { channel: 'phone', source: 'call', rows: [0], outcomes: ['reached'], reasons: [''] });
    expect(appliedLists(avail, [call], policy)).toEqual([]);
  });

  it('undo reads the same state from the events alone as the fold gives, on varied lists and histories', () => {
    for (let seed = 1; seed <= 60; seed++) {
      let x = seed * 7919;
      const rnd = () => ((x = (x * 48271) % 2147483647) / 2147483647);
      const size = 1 + Math.floor(rnd() * 40);
      const av = Uint8Array.from({ length: size }, () => Math.floor(rnd() * 8));
      // Rows out of range and repeated ones come too (a faulty laptop).
      const some = () => Array.from({ length: Math.floor(rnd() * 8) }, () => Math.floor(rnd() * (size + 2)));
      const events: HonbuEvent[] = [];
      for (let k = 0; k < 30; k++) {
        const kind = rnd();
        const rows = some();
        if (kind < 0.3) events.push(returned(rows, {}, rnd() < 0.5 ? 'p1' : 'p2'));
        else if (kind < 0.4) events.push(ev(T.outcomesRecorded, { channel: 'email', source: 'bounce', rows, outcomes: rows.map(() => 'failed'), reasons: rows.map(() => 'hard') }));
        else if (kind < 0.55) events.push(ev(T.batchCreated, { batchId: `b${k}`, channel: rnd() < 0.5 ? 'post' : 'email', rows }));
        else if (kind < 0.62) events.push(ev(T.customersExcluded, { rows, reason: 'deceased' }));
        else if (kind < 0.67) events.push(ev(T.batchCancelled, { batchId: 'b0', channel: 'post', rows }));
        else if (kind < 0.7) events.push(ev(T.noticePublished, { noticeRef: 's1' }));
        else if (kind < 0.75) events.push(ev(T.batchSent, { batchId: 'b0', sentAt: '2026-01-01' }));
        // Undo of anything before, an undo included (undo of undo).
        else if (events.length > 0) events.push(ev(T.eventUndone, { eventId: events[Math.floor(rnd() * events.length)]!.id }));
      }
      const folded = appliedLists(av, events, policy);
      for (const l of folded) expect(undoStateOf(events, l.eventId, size), `seed ${seed}`).toEqual({ eventId: l.eventId, undone: l.undone, blockedBy: l.blockedBy });
      for (const e of events) if (!folded.some((l) => l.eventId === e.id)) expect(undoStateOf(events, e.id, size)).toBeUndefined();
    }
  });
});
