import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { encodeHlc } from '../events/hlc';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import { recordCardOpened, recordLookupShown } from './commands';
import { accessDaysProjection, dayInJapan, unusual, type AccessDay } from './report';

let seq = 0;
/** An event as stored: its clock at `iso`, by `actor`, on device d1. */
function ev(type: string, payload: unknown, iso: string, actor = 'operator', incidentId = 'inc'): HonbuEvent {
  seq++;
  return { id: `e${seq}`, incidentId, at: encodeHlc({ wall: Date.parse(iso), counter: seq, node: 'd1' }), actor, type, payload };
}
const card = (row: number, iso: string, actor?: string) => ev('access.card-opened', { datasetId: 'list', row }, iso, actor);
const call = (rows: number[], iso: string, actor?: string) =>
  ev('contacts.outcomes-recorded', { datasetId: 'list', channel: 'phone', source: 'card', rows, outcomes: rows.map(() => 'reached'), reasons: rows.map(() => 'call-reached') }, iso, actor);
const day = (rows: Map<string, AccessDay>, personId: string, d: string) => [...rows.values()].find((r) => r.personId === personId && r.day === d);

describe('the access report (per member and day in Japan)', () => {
  it('counts on the day in Japan: 23:30 UTC on 1 December is 2 December in Tokyo', () => {
    expect(dayInJapan(encodeHlc({ wall: Date.parse('2026-12-01T23:30:00Z'), counter: 0, node: 'd' }))).toBe('2026-12-02');
    expect(dayInJapan(encodeHlc({ wall: Date.parse('2026-12-01T14:59:00Z'), counter: 0, node: 'd' }))).toBe('2026-12-01');
  });

  it('counts each card opening, the distinct customers, the calls and enquiries of each member apart', () => {
    const events = [
      card(5, '2026-12-01T01:00:00Z'),
      card(5, '2026-12-01T01:05:00Z'),
      card(9, '2026-12-01T01:10:00Z'),
      call([5], '2026-12-01T01:06:00Z'),
      ev('faq.enquiry-logged', { enquiryId: 'q1' }, '2026-12-01T02:00:00Z'),
      card(1, '2026-12-01T03:00:00Z', 'lead'),
      // A post result is not a call: it does not explain looking at cards.
      ev('contacts.outcomes-recorded', { datasetId: 'list', channel: 'post', source: 'returned-mail', rows: [1, 2, 3], outcomes: ['failed', 'failed', 'failed'], reasons: ['', '', ''] }, '2026-12-01T03:00:00Z', 'lead'),
    ];
    const rows = foldAll(accessDaysProjection, events);
    const op = day(rows, 'operator', '2026-12-01')!;
    expect({ cards: op.cards, customers: op.customers, calls: op.calls, enquiries: op.enquiries }).toEqual({ cards: 3, customers: ['list:5', 'list:9'], calls: 1, enquiries: 1 });
    const lead = day(rows, 'lead', '2026-12-01')!;
    expect({ cards: lead.cards, calls: lead.calls }).toEqual({ cards: 1, calls: 0 });
  });

  it('is the same whatever order the events arrive in (several laptops)', () => {
    const events = [
      card(1, '2026-12-01T01:00:00Z'),
      card(2, '2026-12-01T01:01:00Z'),
      ev('access.lookup-shown', { hits: [{ datasetId: 'list', row: 1 }, { datasetId: 'list', row: 7 }] }, '2026-12-01T01:02:00Z'),
      ev('access.exported', { exportId: 'x1', kind: 'mailing-csv', datasetId: 'list', batchId: 'b', rows: 40, reason: '発送', fileName: 'a.csv' }, '2026-12-01T01:03:00Z'),
      ev('access.exported', { exportId: 'x2', kind: 'call-list', datasetId: 'list', batchId: 'b', rows: 3, reason: '', fileName: 'b.csv' }, '2026-12-01T01:04:00Z'),
      call([1, 2], '2026-12-01T01:05:00Z'),
    ];
    const forward = [...foldAll(accessDaysProjection, events).values()];
    const backward = [...foldAll(accessDaysProjection, [...events].reverse()).values()];
    expect(backward).toEqual(forward);
    expect(forward[0]!.exports.map((x) => x.exportId)).toEqual(['x1', 'x2']);
    expect(forward[0]!.shown).toBe(2);
  });

  it('marks an operator who opened far more cards than the calls they logged, and not one whose calls explain them', () => {
    const busy = Array.from({ length: 30 }, (_, i) => card(i, '2026-12-01T01:00:00Z'));
    const calls = Array.from({ length: 12 }, (_, i) => call([i], '2026-12-01T02:00:00Z'));
    const snooping = day(foldAll(accessDaysProjection, busy), 'operator', '2026-12-01')!;
    expect(unusual(snooping)).toEqual(['cards-beyond-calls']);
    const working = day(foldAll(accessDaysProjection, [...busy, ...calls]), 'operator', '2026-12-01')!;
    expect(unusual(working)).toEqual([]);
    // A few checks without a call are normal.
    expect(unusual(day(foldAll(accessDaysProjection, busy.slice(0, 10)), 'operator', '2026-12-01')!)).toEqual([]);
  });

  it('marks a file exported without a reason', () => {
    const e = ev('access.exported', { exportId: 'x', kind: 'email-csv', datasetId: 'list', batchId: null, rows: 10, reason: '  ', fileName: 'a.csv' }, '2026-12-01T01:00:00Z');
    expect(unusual(day(foldAll(accessDaysProjection, [e]), 'operator', '2026-12-01')!)).toEqual(['export-without-reason']);
  });

  it('marks a reason of invisible characters (zero-width space, word joiner) as no reason', () => {
    const e = ev('access.exported', { exportId: 'zw', kind: 'mailing-csv', datasetId: 'list', batchId: null, rows: 10, reason: '\u200b\u2060\u3000', fileName: 'a.csv' }, '2026-12-01T01:00:00Z');
    expect(unusual(day(foldAll(accessDaysProjection, [e]), 'operator', '2026-12-01')!)).toEqual(['export-without-reason']);
  });
});

describe('access commands', () => {
  it('records a card by list and row only', () => {
    const r = recordCardOpened(testContext(), null, { incidentId: 'inc', datasetId: 'list', row: 4 });
    expect(r.ok && r.events).toEqual([{ type: 'access.card-opened', incidentId: 'inc', payload: { datasetId: 'list', row: 4 } }]);
  });

  it('records a long lookup page in pieces, never dropping a customer; nothing when nobody was found', () => {
    const hits = Array.from({ length: 1_201 }, (_, row) => ({ datasetId: 'list', row, name: '山田' }));
    const r = recordLookupShown(testContext(), null, { incidentId: 'inc', hits });
    if (!r.ok) throw new Error('refused');
    const recorded = r.events.flatMap((e) => (e.payload as { hits: { row: number }[] }).hits);
    expect(r.events.length).toBe(3);
    expect(recorded.map((h) => h.row)).toEqual(hits.map((h) => h.row));
    // Only list and row go on record, never what the screen showed.
    expect(JSON.stringify(r.events)).not.toContain('山田');
    expect(recordLookupShown(testContext(), null, { incidentId: 'inc', hits: [] }).ok).toBe(false);
  });
});

describe('the two-person export in the daily report', () => {
  it('counts the file made, not the steps before it: approving is not a look at customers', () => {
    const ref = { exportId: 'x9' };
    const rows = foldAll(accessDaysProjection, [
      ev('access.export-requested', { ...ref, kind: 'mailing-csv', format: '', datasetId: 'list', batchId: 'b', rows: 5, reason: '発送', solo: false }, '2026-12-01T01:00:00Z', 'lead'),
      ev('access.export-approved', ref, '2026-12-01T01:01:00Z', 'boss'),
      ev('access.exported', { ...ref, kind: 'mailing-csv', datasetId: 'list', batchId: 'b', rows: 5, reason: '発送', fileName: 'a.csv' }, '2026-12-01T01:02:00Z', 'lead'),
    ]);
    expect([...rows.values()].map((r) => [r.personId, r.exports.map((x) => x.exportId)])).toEqual([['lead', ['x9']]]);
  });
});
