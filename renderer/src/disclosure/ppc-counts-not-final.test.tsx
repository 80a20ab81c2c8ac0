/**
 * A PPC draft whose counts cross (1,800 confirmed, at most 1,500: two laptops' edits merged)
 * cannot be filed, and what is printed or saved as Word from it says so at the top — a draft
 * under check, not to be filed or copied as it is — the way a statement's draft is marked.
 * Once the counts agree, the mark is gone.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EMPTY_COMPANY } from '../../../shared/company/profile';
import { documentDocx } from '../../../shared/disclosure/document-docx';
import { EMPTY_PPC_FIELDS } from '../../../shared/disclosure/ppc-fields';
import { draftGdprNotice, draftPpcReport } from '../../../shared/disclosure/ppc-report';
import { DEFAULT_SETTINGS } from '../../../shared/disclosure/regulator';
import { assessReportability } from '../../../shared/disclosure/reportability';
import { readDocx } from '../../../shared/export/docx-text';
import { EMPTY_FACTS, type Incident } from '../../../shared/incident/model';
import { DocumentView } from '../ui/DocumentView';
import { tFor } from './doc-lang';
import { ppcDocument } from './documents';
import { draftLabels } from './labels';
import { ppcPrefill } from './ppc-prefill';

const MARK_JA = '確認中の下書き — 確定件数が最大件数を上回っています。現在の事実で件数を直すまで、このまま提出・転記しないでください';

const incident = (confirmedCount: number, maxCount: number): Incident =>
  ({
    id: 'i1', title: '会員サイト不正アクセス', kind: 'personal-data', scenario: 'unauthorised-access', drill: false, summary: '', completedAt: null, excluded: false, published: false,
    facts: { ...EMPTY_FACTS, confirmedCount, maxCount, itemsLeaked: ['name', 'email'], discoveredAt: '2026-12-01T00:30:00.000Z', occurredAt: '2026-11-30T15:00:00.000Z' },
    reportCount: 1, createdAt: '2026-12-01T00:40:00.000Z', createdBy: 'p1', updatedAt: '2026-12-01T00:40:00.000Z', stamps: {},
  }) as Incident;

/** The draft document as the panel prints it and saves it as Word (stage: 確報 unless said). */
function documentFor(row: Incident, lang: 'ja' | 'en', withGdpr = false) {
  const t = tFor(lang);
  const labels = draftLabels(t.dict, lang);
  const assessment = assessReportability({ facts: row.facts, improperPurpose: true, financialHarmRisk: false, encryptedAdvanced: false, allRecoveredUnseen: false });
  const draft = draftPpcReport({
    facts: row.facts,
    company: { ...EMPTY_COMPANY, name: '株式会社テスト' },
    settings: { ...DEFAULT_SETTINGS },
    cases: assessment.cases,
    fields: { ...EMPTY_PPC_FIELDS, stage: 'final' },
    prefill: ppcPrefill(t, { incident: row, reports: [], statements: [], disclosure: null, notices: [], contactsLog: [] }, []),
    labels,
    today: '2026-12-02',
  });
  const gdpr = withGdpr ? draftGdprNotice({ incident: row, nature: 'x', labels, recordCount: 1800, awareAt: null, now: '2026-12-02T00:00:00.000Z', dpoContact: 'dpo', consequences: 'c', measures: 'm', delayReasons: '' }) : null;
  return { t, draft, doc: ppcDocument(t, draft, gdpr) };
}

describe('printing or saving a PPC draft whose counts cross', () => {
  it('the Word file opens with the mark, before the title: a draft under check, not to be filed as it is', async () => {
    const { t, draft, doc } = documentFor(incident(1800, 1500), 'ja');
    expect(draft.fileable).toBe(false);
    const word = readDocx(await documentDocx(doc, t('ppc.missing')));
    expect(word.paragraphs.filter((p) => p !== '').slice(0, 2)).toEqual([`【${MARK_JA}】`, '漏えい等報告（確報）下書き']);
  });

  it('the printed page carries the same mark at its top', () => {
    const { doc } = documentFor(incident(1800, 1500), 'ja');
    const html = renderToStaticMarkup(<DocumentView doc={doc} />);
    expect(/<article[^>]*><p class="doc-draft">([^<]*)<\/p>/.exec(html)?.[1]).toBe(MARK_JA);
  });

  it('in English too, and with the GDPR notice quoting the same counts', async () => {
    const { doc } = documentFor(incident(1800, 1500), 'en', true);
    const word = readDocx(await documentDocx(doc, 'Missing'));
    expect(word.paragraphs[0]).toBe('【Draft under check — the confirmed count is larger than the maximum. Do not file or copy it as it is until the counts are corrected in the current facts】');
  });

  it('counts that agree: no mark, the draft prints as it is', async () => {
    const { t, doc } = documentFor(incident(1500, 1500), 'ja', true);
    expect(doc.draftMark).toBeNull();
    const word = readDocx(await documentDocx(doc, t('ppc.missing')));
    expect(word.paragraphs.some((p) => p.startsWith('【確認中'))).toBe(false);
  });
});
