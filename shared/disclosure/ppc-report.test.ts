import { describe, expect, it } from 'vitest';
import { EMPTY_COMPANY, type CompanyFields } from '../company/profile';
import { EMPTY_FACTS, type Facts } from '../incident/model';
import { DRAFT_LABELS } from './fixtures';
import { EMPTY_PPC_FIELDS, PREFILLED_TEXTS, type PpcDraftFields } from './ppc-fields';
import { draftGdprNotice, draftPpcReport, entrustmentText, type GdprNoticeContext, type PpcReportContext } from './ppc-report';
import { DEFAULT_SETTINGS } from './regulator';

const facts: Facts = {
  ...EMPTY_FACTS,
  confirmedCount: 12000,
  maxCount: 15000,
  itemsLeaked: ['name', 'creditCard', 'other'],
  otherItems: '購入履歴',
  discoveredAt: '2026-11-20T01:00:00.000Z',
  occurredAt: '2026-11-10T03:30:00.000Z',
};

const company: CompanyFields = {
  ...EMPTY_COMPANY,
  name: '株式会社ハナミズキ',
  corporateNumber: '7000012050002',
  representativeTitle: '代表取締役',
  representative: '花水木 一郎',
  postcode: '100-0001',
  address: '東京都千代田区千代田1-1',
  industry: '小売業',
  contactPerson: '山田 花子',
  department: '総務部',
  phone: '03-1234-5678',
  email: 'privacy@example.co.jp',
};

const prefill = Object.fromEntries(PREFILLED_TEXTS.map((k) => [k, ''])) as PpcReportContext['prefill'];

function ctx(over: Partial<PpcReportContext> = {}, fields: Partial<PpcDraftFields> = {}, factOver: Partial<Facts> = {}): PpcReportContext {
  return {
    facts: { ...facts, ...factOver },
    company,
    settings: DEFAULT_SETTINGS,
    cases: [2, 3, 4],
    fields: { ...EMPTY_PPC_FIELDS, ...fields },
    prefill: { ...prefill, foundBy: '委託先 システム部', course: 'ECサイトにSQLインジェクション', cause: 'ECサイトの脆弱性を突かれた' },
    labels: DRAFT_LABELS,
    today: '2026-11-22',
    ...over,
  };
}

const value = (d: ReturnType<typeof draftPpcReport>, key: string) => d.items.find((i) => i.key === key)!;

describe('draftPpcReport', () => {
  it('has the nine items of 施行規則8条1項 in order, each with its source', () => {
    const d = draftPpcReport(ctx());
    expect(d.items.map((i) => i.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(d.items.map((i) => i.key)).toEqual(['summary', 'dataItems', 'people', 'cause', 'secondaryHarm', 'individualResponse', 'publication', 'prevention', 'other']);
    expect(d.items[2]!.source).toBe('個人情報保護法施行規則8条1項3号');
  });

  it('the summary has the dates of occurrence and discovery, who found it, the course, the cases of 7条 and the entrustment', () => {
    const d = draftPpcReport(ctx());
    expect(value(d, 'summary').value.split('\n')).toEqual([
      '発生日時：2026年11月10日 12:30',
      '発覚日時：2026年11月20日 10:00',
      '発見者：委託先 システム部',
      '事案の経過：ECサイトにSQLインジェクション',
      '報告対象事態：施行規則7条2号、施行規則7条3号、施行規則7条4号',
      '委託関係：なし',
    ]);
    expect(value(d, 'summary').unknownFacts).toEqual([]);
    // An unknown date of occurrence shows as a marker, never as a blank, and once (the marker names it: no "発生日時：" before it).
    const unknown = draftPpcReport(ctx({}, {}, { occurredAt: null }));
    expect(value(unknown, 'summary').value.split('\n')[0]).toBe('［未確定：〈occurredAt〉］');
    expect(value(unknown, 'summary').unknownFacts).toEqual(['occurredAt']);
  });

  it('items 2 and 4 carry the medium, the data subjects and who caused it; unchosen ones are gaps', () => {
    const open = draftPpcReport(ctx());
    expect(value(open, 'dataItems').value).toBe('媒体：未選択\n本人の区分：未選択\n項目：氏名、クレジットカード番号、購入履歴');
    expect(open.gaps).toEqual(['medium', 'subjects', 'causedBy']);
    const set = draftPpcReport(ctx({}, { medium: 'electronic', subjects: ['customers', 'other'], subjectsNote: '退会済み会員', causedBy: 'contractor' }));
    expect(value(set, 'dataItems').value).toBe('媒体：電子媒体\n本人の区分：顧客、退会済み会員\n項目：氏名、クレジットカード番号、購入履歴');
    expect(value(set, 'cause').value).toBe('主体：委託先\nECサイトの脆弱性を突かれた');
    expect(set.gaps).toEqual([]);
  });

  it('texts follow what the app knows until someone writes their own; an edit to empty stays empty', () => {
    const known = draftPpcReport(ctx({ prefill: { ...ctx().prefill, publication: '2026年11月22日 当社ウェブサイトで公表' } }));
    expect(known.texts.publication).toEqual({ value: '2026年11月22日 当社ウェブサイトで公表', edited: false });
    expect(value(known, 'publication').value).toBe('2026年11月22日 当社ウェブサイトで公表');
    const edited = draftPpcReport(ctx({ prefill: { ...ctx().prefill, publication: '自動の文' } }, { publication: '記者会見を予定' }));
    expect(edited.texts.publication).toEqual({ value: '記者会見を予定', edited: true });
    const emptied = draftPpcReport(ctx({ prefill: { ...ctx().prefill, publication: '自動の文' } }, { publication: '' }));
    expect(emptied.texts.publication).toEqual({ value: '', edited: true });
    expect(emptied.missing).toContain('publication');
  });

  it('flags what is still missing; a preliminary report may go with gaps, a final one may not', () => {
    const pre = draftPpcReport(ctx());
    expect(pre.missing).toEqual(['secondaryHarm', 'individualResponse', 'publication', 'prevention']);
    expect(pre).toMatchObject({ stage: 'preliminary', fileable: true, reportDate: '2026-11-22' });
    expect(draftPpcReport(ctx({}, { stage: 'final' })).fileable).toBe(false);
    const full = { stage: 'final' as const, medium: 'electronic' as const, subjects: ['customers' as const], causedBy: 'self' as const, secondaryHarm: 'なし', individualResponse: '全員に通知済み', publication: '公表済み', prevention: 'WAF導入' };
    expect(draftPpcReport(ctx({}, full))).toMatchObject({ missing: [], gaps: [], fileable: true });
    expect(draftPpcReport(ctx({ company: null }, full)).gaps).toEqual(['reporter.name', 'reporter.representative', 'reporter.address', 'reporter.industry', 'reporter.contactPerson', 'reporter.phone', 'reporter.email']);
  });

  it('shows the reporting business from the company profile', () => {
    const d = draftPpcReport(ctx());
    expect(Object.fromEntries(d.reporter.map((r) => [r.key, r.value]))).toEqual({
      name: '株式会社ハナミズキ',
      corporateNumber: '7000012050002',
      representative: '代表取締役 花水木 一郎',
      address: '〒100-0001 東京都千代田区千代田1-1',
      industry: '小売業',
      contactPerson: '山田 花子',
      department: '総務部',
      phone: '03-1234-5678',
      email: 'privacy@example.co.jp',
    });
  });

  it('an unknown count is missing; a half-known one says in words which is not known (not a marker inside "up to … people", not 0) and names the unknown fact', () => {
    const none = draftPpcReport(ctx({}, {}, { confirmedCount: null, maxCount: null })).items[2]!;
    expect(none).toMatchObject({ value: '', missing: true, unknownFacts: ['confirmedCount', 'maxCount'] });
    const half = draftPpcReport(ctx({}, {}, { maxCount: null })).items[2]!;
    expect(half).toMatchObject({ value: '12,000人（最大件数は調査中で不明）', missing: false, unknownFacts: ['maxCount'] });
    const otherHalf = draftPpcReport(ctx({}, {}, { confirmedCount: null, maxCount: 15000 })).items[2]!;
    expect(otherHalf).toMatchObject({ value: '確定件数は調査中で不明（最大15,000人）', missing: false, unknownFacts: ['confirmedCount'] });
  });

  it('the entrustment is structured and never prints an empty name', () => {
    const s = { ...DEFAULT_SETTINGS };
    expect(entrustmentText({ ...s, contractor: true, contractorName: '株式会社サンプル', jointFiling: true }, DRAFT_LABELS)).toBe('委託先 株式会社サンプル（連名で報告）');
    expect(entrustmentText({ ...s, contractor: true, contractorName: '  ' }, DRAFT_LABELS)).toBe('なし');
    expect(entrustmentText({ ...s, client: true, clientName: 'A社', contractor: true, contractorName: 'B社' }, DRAFT_LABELS)).toBe('委託先 B社、委託元 A社');
    const d = draftPpcReport(ctx({ settings: { ...s, contractor: true, contractorName: '' } }));
    expect(d.gaps).toContain('entrustment-name');
    expect(d.items.map((i) => i.value).join('\n')).not.toMatch(/（\s*）/);
    // Item 9 is what the team wrote, nothing added for the regulator.
    expect(value(draftPpcReport(ctx({ settings: { ...s, contractor: true, contractorName: 'B社', jointFiling: true } }, { other: '警察に相談済み' })), 'other').value).toBe('警察に相談済み');
    expect(draftPpcReport(ctx({ settings: { ...s, contractor: true, contractorName: 'B社' } })).jointFilingPossible).toBe(true);
    expect(draftPpcReport(ctx()).jointFilingPossible).toBe(false);
  });

  it('tells the form whether My Number data is involved', () => {
    expect(draftPpcReport(ctx()).myNumberInvolved).toBe(false);
    expect(draftPpcReport(ctx({}, {}, { itemsLeaked: ['myNumber'] })).myNumberInvolved).toBe(true);
  });
});

describe('draftGdprNotice', () => {
  function gctx(over: Partial<GdprNoticeContext> = {}): GdprNoticeContext {
    return {
      incident: { facts: { ...facts, maxCount: 20000 } },
      nature: 'SQLインジェクションにより顧客情報が抜き取られたおそれ',
      labels: DRAFT_LABELS,
      recordCount: 35040,
      dpoContact: 'dpo@example.com',
      consequences: '',
      measures: 'サイトを停止した',
      awareAt: '2026-11-20T01:00:00Z',
      now: '2026-11-21T01:00:00Z',
      delayReasons: '',
      ...over,
    };
  }

  it('fills Art. 33(3): nature, categories, approximate people and records, DPO, consequences, measures', () => {
    const d = draftGdprNotice(gctx());
    expect(d.fields.map((f) => f.key)).toEqual(['nature', 'categories', 'approxPeople', 'approxRecords', 'dpoContact', 'consequences', 'measures']);
    expect(d.fields.find((f) => f.key === 'approxRecords')!.value).toBe('35,040');
    expect(d.fields.find((f) => f.key === 'approxPeople')!.value).toBe('12,000人（最大20,000人）');
    expect(d.missing).toEqual(['consequences']);
    expect(d).toMatchObject({ late: false, phasedAllowed: true });
    expect(d.fields.every((f) => f.source.startsWith('GDPR Art. 33'))).toBe(true);
  });

  it('after 72 hours it needs the reasons for the delay', () => {
    const d = draftGdprNotice(gctx({ now: '2026-11-23T01:00:01Z', recordCount: null }));
    expect(d.late).toBe(true);
    expect(d.missing).toEqual(['approxRecords', 'consequences', 'delayReasons']);
    expect(draftGdprNotice(gctx({ now: '2026-11-23T01:00:00Z' })).late).toBe(false);
  });
});
