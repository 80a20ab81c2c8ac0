/**
 * A tester who did not write it breaks the crossed-counts notes (892b481: the incident header and
 * the executives' table across incidents; 0977ae7: the PPC draft's "not final" mark) with counts
 * typed as people type them (full-width digits and commas), one count only, equal counts, one
 * crossed incident among several, the English screen, paper and the Word file read back.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EMPTY_COMPANY } from '../../../shared/company/profile';
import { documentDocx } from '../../../shared/disclosure/document-docx';
import { EMPTY_PPC_FIELDS } from '../../../shared/disclosure/ppc-fields';
import { draftPpcReport } from '../../../shared/disclosure/ppc-report';
import { DEFAULT_SETTINGS } from '../../../shared/disclosure/regulator';
import { assessReportability } from '../../../shared/disclosure/reportability';
import type { HonbuEvent } from '../../../shared/events/event';
import { foldAll } from '../../../shared/events/projection';
import { testContext } from '../../../shared/events/test-context';
import { execInput, INCIDENT } from '../../../shared/exec/exec.fixture';
import { execSummary } from '../../../shared/exec/summary';
import { readDocx } from '../../../shared/export/docx-text';
import { fileFirstReport, fileFollowUp } from '../../../shared/incident/commands';
import { EMPTY_FACTS, EMPTY_REPORT, type Incident } from '../../../shared/incident/model';
import { incidentsProjection } from '../../../shared/incident/projections';
import { factConflicts, parseCountPair } from '../../../shared/incident/validate';
import { tFor } from '../disclosure/doc-lang';
import { ppcDocument } from '../disclosure/documents';
import { conflictText, draftLabels } from '../disclosure/labels';
import { ppcPrefill } from '../disclosure/ppc-prefill';
import { acrossDocument, execDocument } from '../exec/exec-document';
import { DocumentView } from '../ui/DocumentView';
import { IncidentHeader } from './IncidentHeader';
import type { OpenIncident } from './open-incident';
import { SituationReport } from './SituationReport';

const CROSSED_JA = '確定件数（1,800）が最大件数（1,500）を上回っています。';
const CROSSED_EN = 'The confirmed count (1,800) is larger than the maximum possible count (1,500).';
const MARK_JA = '確認中の下書き — 確定件数が最大件数を上回っています。現在の事実で件数を直すまで、このまま提出・転記しないでください';
const MARK_EN = 'Draft under check — the confirmed count is larger than the maximum. Do not file or copy it as it is until the counts are corrected in the current facts';

const withCounts = (confirmedCount: number | null, maxCount: number | null, over: Partial<Incident> = {}): Incident => ({ ...INCIDENT, ...over, facts: { ...EMPTY_FACTS, ...INCIDENT.facts, confirmedCount, maxCount } });
const generated = { at: Date.parse('2026-12-03T10:00:00+09:00'), who: '山田 花子' };

describe('crossed counts made on one laptop, by one person', () => {
  it('a follow-up report (第2報) giving only the confirmed count, typed 「１，８００」, over a maximum of 1,500 is refused, not filed into crossed counts', () => {
    // 第1報: 1,200 confirmed, at most 1,500.
    const filed = fileFirstReport(testContext({ ids: ['i1'], now: Date.parse('2026-12-01T01:00:00Z') }), null, { title: '会員サイト', kind: 'personal-data', scenario: 'unauthorised-access', drill: false, report: { ...EMPTY_REPORT, discoveredAt: '2026-12-01T00:30:00.000Z', reporter: '山田', confirmedCount: 1200, maxCount: 1500 } });
    if (!filed.ok) throw new Error('first report refused');
    const first: HonbuEvent = { ...filed.events[0]!, id: 'e1', at: '2026-12-01T01:00:00.000Z', actor: 'p1' } as HonbuEvent;
    const incident = foldAll(incidentsProjection, [first]).get('i1')!;
    expect(incident.facts).toMatchObject({ confirmedCount: 1200, maxCount: 1500 });
    // 第2報: the reporter types the new confirmed count as the IME gives it and leaves the maximum blank.
    const typed = parseCountPair({ confirmedCount: '１，８００', maxCount: '' });
    expect(typed).toEqual({ ok: true, confirmedCount: 1800, maxCount: null });
    const r = fileFollowUp(testContext({ now: Date.parse('2026-12-02T00:00:00Z') }), incident, { report: { ...EMPTY_REPORT, reporter: '山田', confirmedCount: 1800, maxCount: null } });
    const after = r.ok ? foldAll(incidentsProjection, [first, ...r.events.map((d, i) => ({ ...d, id: `f${i}`, at: '2026-12-02T00:00:00.000Z', actor: 'p1' }) as HonbuEvent)]).get('i1')! : incident;
    // Filed: the facts now say 1,800 confirmed, at most 1,500, and every screen says "changes made
    // on two laptops may have crossed" though one person on one laptop did it in one form.
    expect(r.ok ? 'filed' : r.problems.map((p) => p.reason)).toEqual(['max-below-confirmed']);
    expect(factConflicts(after.facts)).toEqual([]);
  });
});

describe('crossed counts on the situation report (状況報告), the page printed for executives', () => {
  it('says the counts cross under them: on paper the incident header is not printed', () => {
    const data = { incident: withCounts(1800, 1500), tasks: [], decisions: [], statements: [] } as unknown as OpenIncident;
    const html = renderToStaticMarkup(<SituationReport data={data} />);
    const sheet = html.slice(html.indexOf('<div class="sheet">'));
    expect(sheet).toContain('1,800');
    expect(sheet).toContain('1,500');
    // styles.css @media print: `.incident-header { display: none !important; }` — the header's
    // note does not reach paper, and this page carries none of its own.
    expect(sheet).toContain(CROSSED_JA);
  });
});

describe('held: what was tried and held', () => {
  it('the header says it (rendered on the server it reads Japanese; the English words by the same rule); equal counts, only one count or none say nothing', () => {
    const note = (i: Incident) => /data-header-check="max-below-confirmed">([^<]*)</.exec(renderToStaticMarkup(<IncidentHeader incident={i} disclosure={null} statements={[]} />))?.[1] ?? null;
    expect(note(withCounts(1800, 1500))).toContain(CROSSED_JA);
    expect(note(withCounts(1500, 1500))).toBeNull();
    expect(note(withCounts(1800, null))).toBeNull();
    expect(note(withCounts(null, 1500))).toBeNull();
    expect(note(withCounts(0, 0))).toBeNull();
    expect(note(withCounts(1, 0))).toContain('確定件数（1）が最大件数（0）を上回っています。');
    expect(conflictText(tFor('en'), factConflicts({ confirmedCount: 1800, maxCount: 1500 })[0]!)).toContain(CROSSED_EN);
  });

  it('one crossed incident (a drill) among three across incidents: only its cell marked, it alone named under the table, in Word, in both languages', async () => {
    const list = [
      execSummary(execInput({ incident: withCounts(1200, 3000, { id: 'a', title: '紛失したノートPC' }) })),
      execSummary(execInput({ incident: withCounts(1800, 1500, { id: 'b', title: '会員サイト', drill: true }) })),
      execSummary(execInput({ incident: withCounts(1500, 1500, { id: 'c', title: '誤送信メール' }) })),
      execSummary(execInput({ incident: withCounts(700, null, { id: 'd', title: '委託先の紛失' }) })),
    ];
    const ja = readDocx(await documentDocx(acrossDocument(tFor('ja'), list, generated)));
    expect(ja.tables[0]!.slice(1).map((r) => r[1])).toEqual(['1,200 / 3,000', '1,800 / 1,500（要確認）', '1,500 / 1,500', expect.stringMatching(/^700 \/ /)]);
    const notes = ja.paragraphs.filter((p) => p.includes('上回っています'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^【訓練】会員サイト: 確定件数（1,800）/);
    const en = readDocx(await documentDocx(acrossDocument(tFor('en'), list, generated)));
    expect(en.tables[0]![2]![1]).toBe('1,800 / 1,500 (to be checked)');
    expect(en.paragraphs.filter((p) => p.includes('is larger than'))).toHaveLength(1);
  });
  it('the executives’ page of one incident says it under the counts, in Word too', async () => {
    const one = execSummary(execInput({ incident: withCounts(1800, 1500) }));
    const word = readDocx(await documentDocx(execDocument(tFor('ja'), one, generated)));
    expect(word.paragraphs.some((p) => p.startsWith(CROSSED_JA))).toBe(true);
  });
});

describe('held: the PPC draft’s "not final" mark', () => {
  const incident = (confirmedCount: number, maxCount: number): Incident =>
    ({
      id: 'i1', title: '会員サイト不正アクセス', kind: 'personal-data', scenario: 'unauthorised-access', drill: false, summary: '', completedAt: null, excluded: false, published: false,
      facts: { ...EMPTY_FACTS, confirmedCount, maxCount, itemsLeaked: ['name', 'email'], discoveredAt: '2026-12-01T00:30:00.000Z', occurredAt: '2026-11-30T15:00:00.000Z' },
      reportCount: 1, createdAt: '2026-12-01T00:40:00.000Z', createdBy: 'p1', updatedAt: '2026-12-01T00:40:00.000Z', stamps: {},
    }) as Incident;
  function doc(row: Incident, lang: 'ja' | 'en', stage: 'preliminary' | 'final' = 'preliminary') {
    const t = tFor(lang);
    const labels = draftLabels(t.dict, lang);
    const assessment = assessReportability({ facts: row.facts, improperPurpose: true, financialHarmRisk: false, encryptedAdvanced: false, allRecoveredUnseen: false });
    const draft = draftPpcReport({
      facts: row.facts, company: { ...EMPTY_COMPANY, name: '株式会社テスト' }, settings: { ...DEFAULT_SETTINGS }, cases: assessment.cases,
      fields: { ...EMPTY_PPC_FIELDS, stage }, prefill: ppcPrefill(t, { incident: row, reports: [], statements: [], disclosure: null, notices: [], contactsLog: [] }, []), labels, today: '2026-12-02',
    });
    return { t, draft, doc: ppcDocument(t, draft, null) };
  }
  const wordLines = async (row: Incident, lang: 'ja' | 'en') => {
    const { t, doc: d } = doc(row, lang);
    return readDocx(await documentDocx(d, t('ppc.missing'))).paragraphs.filter((p) => p !== '');
  };

  it('crossed, corrected, crossed again: marked, unmarked, marked — on paper and in Word, Japanese and English (速報)', async () => {
    const html = (row: Incident) => renderToStaticMarkup(<DocumentView doc={doc(row, 'ja').doc} />);
    expect(html(incident(1800, 1500))).toContain(MARK_JA);
    expect(doc(incident(1800, 1500), 'ja').draft.fileable).toBe(false);
    expect(html(incident(1500, 1800))).not.toContain('確認中の下書き');
    expect(html(incident(1500, 1500))).not.toContain('確認中の下書き');
    expect(html(incident(1501, 1500))).toContain(MARK_JA);
    expect((await wordLines(incident(1800, 1500), 'ja'))[0]).toBe(`【${MARK_JA}】`);
    expect((await wordLines(incident(1500, 1800), 'ja')).some((p) => p.includes('確認中の下書き'))).toBe(false);
    expect((await wordLines(incident(1800, 1500), 'en'))[0]).toBe(`【${MARK_EN}】`);
    // The copy of one item for the PPC form carries its value alone, never the mark.
    expect(doc(incident(1800, 1500), 'ja').draft.items.find((i) => i.key === 'people')?.value).not.toContain('確認中');
  });
});
