import { describe, expect, it } from 'vitest';
import { EMPTY_FACTS, type Facts } from '../incident/model';
import { DRAFT_LABELS } from './fixtures';
import { draftGdprNotice, draftPpcReport, noticeItems, type GdprNoticeContext, type PpcReportContext } from './ppc-report';

const facts: Facts = {
  ...EMPTY_FACTS,
  confirmedCount: 12000,
  maxCount: 20000,
  itemsLeaked: ['name', 'creditCard', 'other'],
  otherItems: '購入履歴',
};

function ctx(over: Partial<PpcReportContext> = {}, factOver: Partial<Facts> = {}): PpcReportContext {
  return {
    incident: { title: 'ECサイトへの不正アクセス', summary: 'SQLインジェクションにより顧客情報が抜き取られたおそれ', facts: { ...facts, ...factOver } },
    labels: DRAFT_LABELS,
    stage: 'preliminary',
    cause: 'ECサイトの脆弱性を突かれた',
    rootCause: 'パッケージの更新を委託先に任せきりにしていた',
    secondaryHarm: '',
    individualResponse: '',
    publication: '',
    prevention: '',
    other: '',
    contractor: false,
    ...over,
  };
}

describe('draftPpcReport', () => {
  it('has the nine items of 施行規則8条1項 in order, each with its source', () => {
    const d = draftPpcReport(ctx());
    expect(d.items.map((i) => i.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(d.items.map((i) => i.key)).toEqual(['summary', 'dataItems', 'people', 'cause', 'secondaryHarm', 'individualResponse', 'publication', 'prevention', 'other']);
    expect(d.items[2]!.source).toBe('個人情報保護法施行規則8条1項3号');
  });

  it('pre-fills summary, items, the number of people and the cause from the incident', () => {
    const d = draftPpcReport(ctx());
    const value = (key: string) => d.items.find((i) => i.key === key)!;
    expect(value('summary').value).toBe('ECサイトへの不正アクセス\nSQLインジェクションにより顧客情報が抜き取られたおそれ');
    expect(value('dataItems').value).toBe('氏名、クレジットカード番号、購入履歴');
    expect(value('people')).toMatchObject({ value: '12,000人（最大20,000人）', missing: false, unknownFacts: [] });
    expect(value('cause').value).toBe('ECサイトの脆弱性を突かれた\n根本原因：パッケージの更新を委託先に任せきりにしていた');
  });

  it('flags what is still missing; a preliminary report may go with gaps, a final one may not', () => {
    const pre = draftPpcReport(ctx());
    expect(pre.missing).toEqual(['secondaryHarm', 'individualResponse', 'publication', 'prevention', 'other']);
    expect(pre.fileable).toBe(true);
    expect(draftPpcReport(ctx({ stage: 'final' })).fileable).toBe(false);
    const complete = draftPpcReport(
      ctx({ stage: 'final', secondaryHarm: 'なし', individualResponse: '全員に通知済み', publication: '公表済み', prevention: 'WAF導入', other: 'なし' }),
    );
    expect(complete).toMatchObject({ missing: [], fileable: true });
  });

  it('an unknown count is missing; a half-known one shows a marker and names the unknown fact', () => {
    const none = draftPpcReport(ctx({}, { confirmedCount: null, maxCount: null })).items[2]!;
    expect(none).toMatchObject({ value: '', missing: true, unknownFacts: ['confirmedCount', 'maxCount'] });
    const half = draftPpcReport(ctx({}, { maxCount: null })).items[2]!;
    expect(half).toMatchObject({ value: '12,000人（最大［未確定：〈maxCount〉］人）', missing: false, unknownFacts: ['maxCount'] });
  });

  it('no items known is missing', () => {
    expect(draftPpcReport(ctx({}, { itemsLeaked: [] })).items[1]).toMatchObject({ missing: true, unknownFacts: ['itemsLeaked'] });
  });

  it('adds the contractor joint-filing note to item 9 when a contractor handled the data', () => {
    const d = draftPpcReport(ctx({ contractor: true, contractorName: '株式会社サンプル', other: '警察に相談済み' }));
    expect(d.items[8]!.value).toBe('警察に相談済み\n委託先（株式会社サンプル）と共同で報告する。');
    expect(d.jointFilingPossible).toBe(true);
    expect(draftPpcReport(ctx()).jointFilingPossible).toBe(false);
  });

  it('tells the form whether My Number data is involved', () => {
    expect(draftPpcReport(ctx()).myNumberInvolved).toBe(false);
    expect(draftPpcReport(ctx({}, { itemsLeaked: ['myNumber'] })).myNumberInvolved).toBe(true);
  });

  it('the notice to individuals carries items 1, 2, 4, 5 and 9', () => {
    expect(noticeItems(draftPpcReport(ctx())).map((i) => i.item)).toEqual([1, 2, 4, 5, 9]);
  });
});

describe('draftGdprNotice', () => {
  function gctx(over: Partial<GdprNoticeContext> = {}): GdprNoticeContext {
    return {
      incident: ctx().incident,
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
