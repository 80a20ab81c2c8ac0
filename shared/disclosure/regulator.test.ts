import { describe, expect, it } from 'vitest';
import { foldAll } from '../events/projection';
import { ev, orders } from './fixtures';
import {
  DEFAULT_SETTINGS,
  contactsLogProjection,
  contactsTimeline,
  disclosureProjection,
  latestFiling,
  type DisclosureDecision,
} from './regulator';

const decision: DisclosureDecision = {
  viewpoints: {
    controller: { note: '委託先が運営するサイトだが管理責任は自社', rating: 'high' },
    form: { note: '不正アクセスによる外部流出', rating: 'high' },
    content: { note: 'カード番号を含む', rating: 'high' },
    volume: { note: '最大2万人', rating: 'high' },
    harm: { note: '不正利用のおそれ', rating: null },
  },
  qualitative: ['site-vulnerability', 'customer-complaint'],
  quantitative: ['damage', 'social-impact'],
  publish: true,
  why: 'カード不正利用の二次被害を防ぐため',
  channels: ['corporate-site', 'press-release'],
  timing: { plannedAt: '2026-11-27T06:00:00.000Z', note: 'カード会社と調整のうえ' },
  clientCoordination: { needed: false, note: '' },
  decidedBy: '社長',
};

const events = [
  ev('001', 'disclosure.settings-changed', { changes: { learnedAt: '2026-11-20T01:00:00Z', improperPurpose: null } }),
  ev('002', 'disclosure.decision-recorded', { ...decision, publish: false, why: '調査中' }),
  ev('003', 'disclosure.settings-changed', { changes: { improperPurpose: true, contractor: true, bogus: 1 } }),
  ev('004', 'disclosure.decision-recorded', decision, 'i1', 'p2'),
  ev('005', 'disclosure.report-filed', { kind: 'preliminary', filedAt: '2026-11-22T02:00:00Z', reference: 'R-1' }),
  ev('006', 'disclosure.report-filed', { kind: 'final', filedAt: '2026-12-10T02:00:00Z' }),
  ev('007', 'disclosure.report-filed', { kind: 'preliminary', filedAt: '2026-11-21T02:00:00Z', note: '先に出した分' }),
];

describe('disclosure fold', () => {
  it('one row per incident with settings, the decision in force and its history', () => {
    const row = foldAll(disclosureProjection, events).get('i1')!;
    expect(row.settings).toEqual({ ...DEFAULT_SETTINGS, learnedAt: '2026-11-20T01:00:00Z', improperPurpose: true, contractor: true });
    expect(row.decision).toMatchObject({ publish: true, decidedBy: '社長', recordedBy: 'p2', at: '004' });
    expect(row.decisions.map((d) => d.publish)).toEqual([false, true]);
    expect(row).toMatchObject({ id: 'i1', incidentId: 'i1', updatedAt: '007' });
  });

  it('filings are kept in the order they were filed; the latest of a kind is found', () => {
    const row = foldAll(disclosureProjection, events).get('i1')!;
    expect(row.filings.map((f) => f.filedAt)).toEqual(['2026-11-21T02:00:00Z', '2026-11-22T02:00:00Z', '2026-12-10T02:00:00Z']);
    expect(latestFiling(row.filings, 'preliminary')).toMatchObject({ reference: 'R-1', note: '' });
    expect(latestFiling(row.filings, 'gdpr')).toBeNull();
  });

  it('reaches the same row whatever order the events arrive in', () => {
    const expected = foldAll(disclosureProjection, events).get('i1');
    for (const order of orders(events)) expect(foldAll(disclosureProjection, order).get('i1')).toEqual(expected);
  });

  it('the same event folded twice counts once', () => {
    const row = foldAll(disclosureProjection, [...events, events[4]!, events[3]!]).get('i1')!;
    expect(row.filings).toHaveLength(3);
    expect(row.decisions).toHaveLength(2);
  });

  it('a setting changed later wins even if it arrives first', () => {
    const later = ev('009', 'disclosure.settings-changed', { changes: { improperPurpose: false } });
    expect(foldAll(disclosureProjection, [later, ...events]).get('i1')!.settings.improperPurpose).toBe(false);
  });

  it('leaves workspace events and other parts alone', () => {
    expect(foldAll(disclosureProjection, [ev('001', 'disclosure.settings-changed', { changes: {} }, null)]).size).toBe(0);
    expect(foldAll(disclosureProjection, [ev('001', 'disclosure.statement-published', { version: 1 })]).size).toBe(0);
  });
});

describe('contacts log', () => {
  const contacts = [
    ev('010', 'disclosure.contact-logged', { contactId: 'c1', party: 'police', who: '県警 サイバー犯罪対策課', when: '2026-11-21T05:00:00Z', notes: '被害相談' }),
    ev('011', 'disclosure.contact-logged', { contactId: 'c2', party: 'card-company', who: 'カード会社', when: '2026-11-20T03:00:00Z', notes: '不正利用の指摘' }),
    ev('012', 'disclosure.contact-logged', { contactId: 'c1', party: 'police', who: '県警 サイバー犯罪対策課', when: '2026-11-21T05:00:00Z', notes: '被害相談、ログ提供' }),
    ev('013', 'disclosure.contact-logged', { contactId: 'c3', party: 'ppc', who: '個人情報保護委員会', when: '2026-11-22T02:00:00Z', notes: '' }, 'i2'),
  ];

  it('one row per contact, indexed by incident; a correction replaces the entry', () => {
    const rows = foldAll(contactsLogProjection, contacts);
    expect(rows.size).toBe(3);
    expect(rows.get('c1')).toMatchObject({ notes: '被害相談、ログ提供', at: '012' });
    expect(contactsLogProjection.index(rows.get('c3')!)).toEqual({ incidentId: 'i2' });
    expect(foldAll(contactsLogProjection, [...contacts].reverse()).get('c1')).toEqual(rows.get('c1'));
  });

  it('an incident\'s contacts in the order they happened', () => {
    const timeline = contactsTimeline(foldAll(contactsLogProjection, contacts).values(), 'i1');
    expect(timeline.map((c) => c.party)).toEqual(['card-company', 'police']);
  });
});
