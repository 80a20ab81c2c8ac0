import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { CONTACT_EVENT_TYPES, foldSeries, foldStatuses } from './events';
import {
  applyNotice, applyOutcome, attemptsAllowed, AVAIL_EMAIL, AVAIL_PHONE, AVAIL_POST, cellOf, exclude, initialStatus, pack, type Policy,
  contactable, doneShare, reachedShare, startBatch, TOTAL_CELLS, totalsFromCells, unpack,
} from './fallback';

const policy: Policy = { order: ['post', 'email', 'phone', 'notice'], maxRetries: 2 };
const ALL = AVAIL_POST | AVAIL_EMAIL | AVAIL_PHONE;

let n = 0;
const ev = (type: string, payload: unknown): HonbuEvent => ({ id: `e${++n}`, incidentId: 'i', at: String(n).padStart(4, '0'), actor: 'p', type, payload });

describe('fallback per customer', () => {
  it('packs and unpacks every field', () => {
    const s = { phase: 'excluded' as const, slot: 2, retries: 3, exclusion: 'deceased' as const };
    expect(unpack(pack(s))).toEqual(s);
  });

  it('post → returned → e-mail → bounced → phone → no answer three times (2 retries) → notice covers', () => {
    let w = initialStatus(ALL, policy.order);
    expect(unpack(w)).toMatchObject({ phase: 'pending', slot: 0 });
    w = startBatch(w, 'post', policy);
    expect(unpack(w).phase).toBe('in-progress');
    w = applyOutcome(w, 'post', 'failed', ALL, policy);
    expect(unpack(w)).toMatchObject({ phase: 'pending', slot: 1 });
    w = applyOutcome(startBatch(w, 'email', policy), 'email', 'failed', ALL, policy);
    expect(unpack(w)).toMatchObject({ phase: 'pending', slot: 2 });
    w = applyOutcome(startBatch(w, 'phone', policy), 'phone', 'no-answer', ALL, policy);
    expect(unpack(w)).toMatchObject({ phase: 'pending', slot: 2, retries: 1 });
    w = applyOutcome(startBatch(w, 'phone', policy), 'phone', 'no-answer', ALL, policy);
    expect(unpack(w)).toMatchObject({ phase: 'pending', slot: 2, retries: 2 });
    w = applyOutcome(startBatch(w, 'phone', policy), 'phone', 'no-answer', ALL, policy);
    expect(unpack(w)).toMatchObject({ phase: 'pending', slot: 3, retries: 0 });
    w = applyNotice(w, policy);
    expect(unpack(w).phase).toBe('covered');
  });

  it('N retries means N + 1 attempts on the channel, for every N the import offers', () => {
    for (const maxRetries of [0, 1, 2, 3, 5]) {
      const p: Policy = { ...policy, maxRetries };
      let w = initialStatus(AVAIL_PHONE, p.order);
      let calls = 0;
      while (p.order[unpack(w).slot] === 'phone') {
        w = applyOutcome(startBatch(w, 'phone', p), 'phone', 'no-answer', AVAIL_PHONE, p);
        calls++;
      }
      expect(calls, `${maxRetries} retries`).toBe(attemptsAllowed(maxRetries));
      expect(calls).toBe(maxRetries + 1);
    }
  });

  it('skips channels a customer has no address for, and follows a per-dataset order', () => {
    expect(unpack(initialStatus(AVAIL_PHONE, policy.order))).toMatchObject({ slot: 2 });
    expect(unpack(initialStatus(0, policy.order))).toMatchObject({ slot: 3 });
    const emailFirst: Policy = { order: ['email', 'post', 'phone', 'notice'], maxRetries: 1 };
    expect(unpack(initialStatus(ALL, emailFirst.order))).toMatchObject({ slot: 0 });
    const w = applyOutcome(initialStatus(AVAIL_EMAIL, emailFirst.order), 'email', 'failed', AVAIL_EMAIL, emailFirst);
    expect(emailFirst.order[unpack(w).slot]).toBe('notice');
  });

  it('ignores outcomes on a channel the customer is no longer on; reached is final', () => {
    const reached = applyOutcome(startBatch(initialStatus(ALL, policy.order), 'post', policy), 'post', 'reached', ALL, policy);
    expect(unpack(reached)).toMatchObject({ phase: 'reached', slot: 0 });
    expect(applyOutcome(reached, 'post', 'failed', ALL, policy)).toBe(reached);
    expect(applyOutcome(initialStatus(ALL, policy.order), 'email', 'failed', ALL, policy)).toBe(initialStatus(ALL, policy.order));
    expect(exclude(reached, 'deceased')).toBe(reached);
    expect(unpack(exclude(initialStatus(ALL, policy.order), 'do-not-contact'))).toMatchObject({ phase: 'excluded', exclusion: 'do-not-contact' });
  });

  it('totals from cells', () => {
    const words = [initialStatus(ALL, policy.order), initialStatus(0, policy.order), exclude(0, 'duplicate')];
    const cells = new Array<number>(TOTAL_CELLS).fill(0);
    for (const w of words) cells[cellOf(w)]!++;
    const t = totalsFromCells(cells, policy.order);
    expect(t).toMatchObject({ rows: 3, unreachable: 1, excluded: { duplicate: 1 } });
    expect(t.byChannel.post!.pending).toBe(1);
  });

  it('a list with a duplicate row: everyone else reached is 100 %, not 299 of 300', () => {
    const post = startBatch(initialStatus(ALL, policy.order), 'post', policy);
    const reached = applyOutcome(post, 'post', 'reached', ALL, policy);
    const covered = applyNotice(applyOutcome(applyOutcome(post, 'post', 'failed', AVAIL_POST, policy), 'post', 'failed', AVAIL_POST, policy), policy);
    const cells = new Array<number>(TOTAL_CELLS).fill(0);
    cells[cellOf(reached)] = 298;
    cells[cellOf(covered)] = 1;
    cells[cellOf(exclude(0, 'duplicate'))] = 1;
    const t = totalsFromCells(cells, policy.order);
    expect(t.rows).toBe(300);
    // The team contacts 299 people; the duplicate row is nobody to contact.
    expect(contactable(t)).toBe(299);
    expect(reachedShare(t)).toBeCloseTo(298 / 299);
    expect(doneShare(t)).toBe(1);
    const empty = totalsFromCells(new Array<number>(TOTAL_CELLS).fill(0), policy.order);
    expect([contactable(empty), reachedShare(empty), doneShare(empty)]).toEqual([0, 0, 0]);
  });

  it('the event fold applies batches, bulk outcomes, the notice and leaves undone events out', () => {
    const avail = [ALL, ALL, ALL, AVAIL_POST];
    const batch = ev(CONTACT_EVENT_TYPES.batchCreated, { datasetId: 'd', batchId: 'b', channel: 'post', rows: [0, 1, 2, 3] });
    const returned = ev(CONTACT_EVENT_TYPES.outcomesRecorded, {
      datasetId: 'd', channel: 'post', source: 'returned-mail', rows: [1, 3], outcomes: ['failed', 'failed'], reasons: ['unknown-address', 'moved'],
    });
    const reached = ev(CONTACT_EVENT_TYPES.outcomesRecorded, { datasetId: 'd', channel: 'post', source: 'manual', rows: [0], outcomes: ['reached'], reasons: [''] });
    const notice = ev(CONTACT_EVENT_TYPES.noticePublished, { datasetId: 'd', noticeRef: 's1' });
    const words = foldStatuses(avail, [batch, returned, reached, notice], policy);
    expect([...words].map((w) => unpack(w).phase)).toEqual(['reached', 'pending', 'in-progress', 'covered']);
    const undo = ev(CONTACT_EVENT_TYPES.eventUndone, { datasetId: 'd', eventId: returned.id });
    const after = foldStatuses(avail, [batch, returned, reached, notice, undo], policy);
    expect([...after].map((w) => unpack(w).phase)).toEqual(['reached', 'in-progress', 'in-progress', 'in-progress']);
    // The chart's series ends where the fold does.
    const series = foldSeries(avail, [batch, returned, reached, notice], policy);
    expect(series.map((p) => totalsFromCells(p.cells, policy.order).byPhase.reached)).toEqual([0, 0, 1, 1]);
    const last = totalsFromCells(series[3]!.cells, policy.order);
    expect(last.byPhase).toMatchObject({ reached: 1, covered: 1, 'in-progress': 1, pending: 1 });
  });
});
