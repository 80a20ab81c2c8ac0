import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { incidentsProjection, reportsProjection } from './projections';
import { EMPTY_REPORT, FOLLOW_UP_FIELDS, type ReportFields } from './model';
import { diffReports } from './report-diff';

const first: ReportFields = {
  ...EMPTY_REPORT,
  foundBy: '営業部 佐藤',
  foundWhere: '電車内',
  discoveredAt: '2026-11-20T01:00:00.000Z',
  itemsLeaked: ['name', 'address', 'phone', 'creditCard'],
  confirmedCount: 800,
  maxCount: 3000,
  reporter: '山田',
};
const second: ReportFields = {
  ...EMPTY_REPORT,
  cause: 'PCを網棚に置き忘れた',
  rootCause: '顧客リストを暗号化せずにPCへ保存できた',
  itemsLeaked: ['name', 'address', 'phone'],
  itemsNotLeaked: ['creditCard'],
  confirmedCount: 1200,
};

function ev(at: string, type: string, payload: unknown, incidentId = 'i1'): HonbuEvent {
  return { id: `${type}-${at}`, incidentId, at, actor: 'p1', type, payload };
}

const events = [
  ev('001', 'incident.first-reported', { title: 'PC紛失', kind: 'personal-data', scenario: 'lost-device', drill: false, report: first }),
  ev('002', 'incident.report-filed', { number: 2, report: second }),
  ev('003', 'incident.facts-changed', { changes: { deskPhone: '0120-111-222' } }),
  ev('004', 'incident.details-changed', { changes: { completedAt: '2026-12-01T00:00:00.000Z', published: true } }),
];

describe('incident folds', () => {
  it('a first report creates the incident and its facts', () => {
    const row = foldAll(incidentsProjection, events.slice(0, 1)).get('i1')!;
    expect(row).toMatchObject({ title: 'PC紛失', drill: false, reportCount: 1, createdAt: '001' });
    expect(row.facts).toMatchObject({ confirmedCount: 800, maxCount: 3000, itemsLeaked: ['name', 'address', 'phone', 'creditCard'] });
  });

  it('a second report moves the facts it states and keeps the others', () => {
    const row = foldAll(incidentsProjection, events).get('i1')!;
    expect(row.facts).toMatchObject({
      confirmedCount: 1200,
      maxCount: 3000,
      itemsLeaked: ['name', 'address', 'phone'],
      itemsNotLeaked: ['creditCard'],
      deskPhone: '0120-111-222',
      discoveredAt: '2026-11-20T01:00:00.000Z',
    });
    expect(row).toMatchObject({ reportCount: 2, published: true, completedAt: '2026-12-01T00:00:00.000Z', updatedAt: '004' });
  });

  it('reaches the same incident whatever order the events arrive in', () => {
    const a = foldAll(incidentsProjection, events).get('i1');
    const b = foldAll(incidentsProjection, [events[2]!, events[3]!, events[1]!, events[0]!]).get('i1');
    expect(b).toEqual(a);
  });

  it('keeps every report as a version', () => {
    const reports = foldAll(reportsProjection, events);
    expect([...reports.keys()]).toEqual(['i1:1', 'i1:2']);
    expect(reports.get('i1:2')!.fields.rootCause).toBe('顧客リストを暗号化せずにPCへ保存できた');
  });
});

describe('diffReports', () => {
  it('shows what the second report changed since the first', () => {
    const changes = diffReports(first, second, FOLLOW_UP_FIELDS);
    const byField = Object.fromEntries(changes.map((c) => [c.field, c]));
    expect(byField.confirmedCount).toMatchObject({ before: 800, after: 1200 });
    expect(byField.itemsLeaked).toMatchObject({ removed: ['creditCard'], added: [] });
    expect(byField.itemsNotLeaked).toMatchObject({ added: ['creditCard'] });
    expect(byField.cause).toMatchObject({ before: '', after: 'PCを網棚に置き忘れた' });
    // Blank in the follow-up = nothing new, not erased.
    expect(byField.maxCount).toBeUndefined();
    expect(byField.foundBy).toBeUndefined();
  });

  it('finds no change between equal reports, whatever the order of items', () => {
    expect(diffReports(first, { ...first, itemsLeaked: ['phone', 'creditCard', 'name', 'address'] }, FOLLOW_UP_FIELDS)).toEqual([]);
  });
});

describe('closing: recurrence prevention and PDCA', () => {
  const plan = (at: string, measures: string) =>
    ev(at, 'incident.prevention-planned', { point: 'takeout', measure: { measures, owner: '情シス', dueAt: null } });
  const pdca = (at: string, id: string) =>
    ev(at, 'incident.pdca-reported', { id, stage: 'check', text: '持ち出し申請の運用を確認', reportedBy: '現場', reportedTo: '役員' });

  it('keeps the latest measure per point and every PDCA entry once, in any order', () => {
    const list = [events[0]!, plan('010', 'USB書き込み禁止'), plan('011', 'USB書き込み禁止とPC暗号化'), pdca('012', 'a'), pdca('012', 'a'), pdca('013', 'b')];
    const a = foldAll(incidentsProjection, list).get('i1')!;
    const b = foldAll(incidentsProjection, [...list].reverse()).get('i1')!;
    expect(a.closing?.prevention.takeout?.measures).toBe('USB書き込み禁止とPC暗号化');
    expect(a.closing?.pdca.map((p) => p.id)).toEqual(['a', 'b']);
    expect(b).toEqual(a);
  });
});
