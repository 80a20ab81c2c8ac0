/**
 * Written by a stranger to the code: the PPC report draft as the PPC draft panel composes
 * it (PpcDraftPanel.tsx), written to Word and read back field by field, in Japanese and
 * English, on a laptop set to London time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_COMPANY, type CompanyFields } from '../../../shared/company/profile';
import { readDocx } from '../../../shared/export/docx-text';
import { documentDocx } from '../../../shared/disclosure/document-docx';
import { documentText } from '../../../shared/disclosure/document';
import { EMPTY_PPC_FIELDS } from '../../../shared/disclosure/ppc-fields';
import { draftGdprNotice, draftPpcReport } from '../../../shared/disclosure/ppc-report';
import { DEFAULT_SETTINGS, type ContactLogEntry } from '../../../shared/disclosure/regulator';
import { assessReportability } from '../../../shared/disclosure/reportability';
import { jstDate } from '../../../shared/disclosure/deadlines';
import { encodeHlc } from '../../../shared/events/hlc';
import { EMPTY_FACTS, EMPTY_REPORT, type Facts, type Incident, type Report } from '../../../shared/incident/model';
import { parseCount } from '../../../shared/incident/validate';
import { tFor } from './doc-lang';
import { ppcDocument } from './documents';
import { draftLabels } from './labels';
import { ppcPrefill } from './ppc-prefill';

const ORIGINAL_TZ = process.env.TZ;
beforeAll(() => {
  // The laptop of the team's London counsel. Set before any formatter is built.
  process.env.TZ = 'Europe/London';
});
afterAll(() => {
  if (ORIGINAL_TZ === undefined) delete process.env.TZ;
  else process.env.TZ = ORIGINAL_TZ;
});

const company: CompanyFields = {
  ...EMPTY_COMPANY,
  name: '株式会社ストレンジャー',
  nameEn: 'Stranger K.K.',
  representativeTitle: '代表取締役',
  representative: '試験 太郎',
  postcode: '100-0001',
  address: '東京都千代田区千代田1-1',
  industry: '小売業',
  contactPerson: '法務 花子',
  phone: '03-0000-0000',
  email: 'legal@example.jp',
};

// Occurred 23:59 JST on 31 Dec 2026, discovered 00:00 JST on 1 Jan 2027, 1,001 people at most.
const facts: Facts = {
  ...EMPTY_FACTS,
  confirmedCount: parseCount('１，０００人') as number,
  maxCount: parseCount('1001') as number,
  itemsLeaked: ['name', 'email', 'creditCard'],
  occurredAt: '2026-12-31T14:59:00.000Z',
  discoveredAt: '2026-12-31T15:00:00.000Z',
};
const incident = { id: 'i1', title: '社内件名', scenario: 'unauthorised-access', summary: '決済画面の改ざん。', facts, closing: undefined } as unknown as Incident;
const hlc = (iso: string) => encodeHlc({ wall: Date.parse(iso), counter: 0, node: 'dev' });
const first: Report = { id: 'i1:1', incidentId: 'i1', number: 1, at: hlc('2026-12-31T15:10:00Z'), actor: 'p1', fields: { ...EMPTY_REPORT, foundBy: 'カード会社', foundWhere: '不正検知', actionsSoFar: '決済停止' } };
// The card company was called at 10:00 JST on 2 Jan 2027 (01:00 UTC).
const contactsLog: ContactLogEntry[] = [{ id: 'c1', incidentId: 'i1', party: 'card-company', who: 'A カード', when: '2027-01-02T01:00:00.000Z', notes: '', at: hlc('2027-01-02T01:00:00Z'), recordedBy: 'p1' }];

function compose(lang: 'ja' | 'en', now: string, gdpr?: { awareAt: string; recordCount?: number | null; delayReasons?: string }) {
  const t = tFor(lang);
  const labels = draftLabels(t.dict, lang);
  const assessment = assessReportability({ facts, improperPurpose: true, financialHarmRisk: true, encryptedAdvanced: false, allRecoveredUnseen: false });
  const draft = draftPpcReport({
    facts,
    company,
    settings: { ...DEFAULT_SETTINGS },
    cases: assessment.cases,
    fields: { ...EMPTY_PPC_FIELDS },
    prefill: ppcPrefill(t, { incident, reports: [first], statements: [], disclosure: null, notices: [], contactsLog }, []),
    labels,
    today: jstDate(now),
  });
  // As PpcDraftPanel.tsx builds it, from the PPC draft's two GDPR fields.
  const g = gdpr
    ? draftGdprNotice({ incident, nature: draft.texts.course.value, labels, recordCount: gdpr.recordCount ?? null, awareAt: gdpr.awareAt, now, dpoContact: 'legal@example.jp', consequences: draft.texts.secondaryHarm.value, measures: draft.texts.prevention.value, delayReasons: gdpr.delayReasons ?? '' })
    : null;
  return { t, draft, gdpr: g, doc: ppcDocument(t, draft, g) };
}

describe('the PPC draft, read back from Word', () => {
  it('Japanese: dates in Tokyo time, counts, cases, stage and report date', async () => {
    const { doc, draft } = compose('ja', '2027-01-02T16:00:00Z'); // 01:00 JST on 3 Jan
    expect(draft.reportDate).toBe('2027-01-03');
    const out = readDocx(await documentDocx(doc, '未記入'));
    const text = out.paragraphs.join('\n');
    expect(out.paragraphs).toContain('漏えい等報告（速報）下書き');
    expect(out.tables[1]).toEqual([
      ['報告の種類', '速報'],
      ['報告日', '2027年1月3日'],
      ['マイナンバー（個人番号）を含むか', '含まない'],
    ]);
    expect(text).toContain('発生日時：2026年12月31日 23:59');
    expect(text).toContain('発覚日時：2027年1月1日 0:00');
    expect(text).toContain('1,000人（最大1,001人）');
    expect(text).toContain('施行規則7条2号、施行規則7条3号、施行規則7条4号');
    expect(out.tables[0]!.map((r) => r[1])).toContain('〒100-0001 東京都千代田区千代田1-1');
  });

  it('English: the same dates and counts, in English words', async () => {
    const { doc } = compose('en', '2027-01-02T16:00:00Z');
    const out = readDocx(await documentDocx(doc, 'Missing'));
    const text = out.paragraphs.join('\n');
    expect(out.paragraphs).toContain('Leak report (Preliminary) — draft');
    expect(out.tables[1]![1]).toEqual(['Report date', '3 January 2027']);
    expect(text).toContain('Occurred: 31 December 2026 at 23:59');
    expect(text).toContain('Discovered: 1 January 2027 at 00:00');
    expect(text).toContain('1,000 people (up to 1,001)');
    expect(text).toContain('Art. 7(2), Art. 7(3), Art. 7(4)');
    // No Japanese left in the English document's fixed words (the company's own words aside).
    const fixed = documentText({ ...doc, blocks: doc.blocks.filter((b) => b.kind === 'heading') });
    expect(fixed).not.toMatch(/[\u3040-\u30FF]/);
  });

  it('every time in one report is in the same zone: the card-company call (10:00 JST, 2 Jan) is in Tokyo time like 発覚日時', async () => {
    const { doc } = compose('ja', '2027-01-02T16:00:00Z');
    const text = readDocx(await documentDocx(doc)).paragraphs.join('\n');
    expect(text).toContain('発覚日時：2027年1月1日 0:00');
    // What the app wrote for the call, in item 5:
    const call = text.split('\n').find((l) => l.includes('カード会社（A カード）に連絡'));
    expect(call, 'the contact line').toBeDefined();
    expect(call).toMatch(/2027\/01\/02 10:00|2027年1月2日 10:00/);
  });
});

describe('the GDPR notice in the Word file', () => {
  it('late: the number of records and the reasons for the delay, read back as written', async () => {
    const { gdpr, doc } = compose('en', '2027-01-06T00:00:00Z', { awareAt: '2027-01-01T00:00:00Z', recordCount: 35040, delayReasons: 'EU residents were found only after matching the list.' });
    expect(gdpr!.late).toBe(true);
    const rows = readDocx(await documentDocx(doc, 'Missing')).tables.flat();
    expect(rows.find((r) => r[0] === 'Reasons for the delay past 72 hours')?.[1]).toBe('EU residents were found only after matching the list.');
    expect(rows.find((r) => r[1] === '35,040')).toBeDefined();
  });
});

describe('counts typed by people', () => {
  it.each([
    ['１０００', 1000],
    ['1,001', 1001],
    ['１，００１名', 1001],
    ['', null],
    ['約1000人', 'invalid'],
    ['1000以上', 'invalid'],
    ['千', 'invalid'],
    ['1.000', 'invalid'],
    ['-5', 'invalid'],
  ])('%j → %j', (typed, expected) => {
    expect(parseCount(typed)).toBe(expected);
  });
});
