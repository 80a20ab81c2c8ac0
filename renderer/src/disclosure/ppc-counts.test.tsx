/**
 * The two counts changed on two laptops at once, each edit valid where it was made, merged into
 * 1,800 confirmed and at most 1,500: the PPC draft (速報/確報), its Word file, the facts card and
 * the executives' page say the counts contradict each other and which to check. Through the real
 * facts command and incident fold, then the draft as the panel composes it, written to Word and
 * read back. (From a tester's finding; see the note on `flagged`.)
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EMPTY_COMPANY } from '../../../shared/company/profile';
import { documentDocx } from '../../../shared/disclosure/document-docx';
import { EMPTY_PPC_FIELDS, type PpcDraftFields } from '../../../shared/disclosure/ppc-fields';
import { draftGdprNotice, draftPpcReport } from '../../../shared/disclosure/ppc-report';
import { DEFAULT_SETTINGS } from '../../../shared/disclosure/regulator';
import { assessReportability } from '../../../shared/disclosure/reportability';
import type { HonbuEvent } from '../../../shared/events/event';
import { testContext } from '../../../shared/events/test-context';
import { execInput } from '../../../shared/exec/exec.fixture';
import { execSummary } from '../../../shared/exec/summary';
import { readDocx } from '../../../shared/export/docx-text';
import { changeFacts } from '../../../shared/incident/commands';
import { EMPTY_FACTS, type Incident } from '../../../shared/incident/model';
import { incidentsProjection } from '../../../shared/incident/projections';
import { execDocument } from '../exec/exec-document';
import { FactsCard } from '../incidents/FactsCard';
import { tFor } from './doc-lang';
import { ppcDocument } from './documents';
import { draftLabels } from './labels';
import { ppcPrefill } from './ppc-prefill';

const start: Incident = {
  id: 'i1', title: '会員サイト不正アクセス', kind: 'personal-data', scenario: 'unauthorised-access', drill: false, summary: '', completedAt: null, excluded: false, published: false,
  facts: { ...EMPTY_FACTS, confirmedCount: 1000, maxCount: 2000, itemsLeaked: ['name', 'email'], discoveredAt: '2026-12-01T00:30:00.000Z', occurredAt: '2026-11-30T15:00:00.000Z' },
  reportCount: 1, createdAt: '2026-12-01T00:40:00.000Z', createdBy: 'p1', updatedAt: '2026-12-01T00:40:00.000Z', stamps: {},
} as Incident;

function apply(row: Incident, result: ReturnType<typeof changeFacts>, at: string): Incident {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  let next = row;
  for (const d of result.events) next = incidentsProjection.reduce(next, { id: at, at, actor: 'p', ...d } as unknown as HonbuEvent, 'i1')!;
  return next;
}

/** Laptop A sets 1,800 confirmed (its maximum 2,000); laptop B sets at most 1,500 (its confirmed 1,000). Both pass; merged, they cross. */
function crossed(): Incident {
  const ctx = testContext({ roles: ['direction'] });
  const a = changeFacts(ctx, null, { incidentId: 'i1', changes: { confirmedCount: 1800 } });
  const b = changeFacts(ctx, null, { incidentId: 'i1', changes: { maxCount: 1500 } });
  return apply(apply(start, a, '2026-12-02T01:00:00.000Z'), b, '2026-12-02T01:01:00.000Z');
}

function draftFor(incident: Incident, lang: 'ja' | 'en', fields: Partial<PpcDraftFields> = {}) {
  const t = tFor(lang);
  const labels = draftLabels(t.dict, lang);
  const assessment = assessReportability({ facts: incident.facts, improperPurpose: true, financialHarmRisk: false, encryptedAdvanced: false, allRecoveredUnseen: false });
  const draft = draftPpcReport({
    facts: incident.facts,
    company: { ...EMPTY_COMPANY, name: '株式会社テスト' },
    settings: { ...DEFAULT_SETTINGS },
    cases: assessment.cases,
    fields: { ...EMPTY_PPC_FIELDS, ...fields },
    prefill: ppcPrefill(t, { incident, reports: [], statements: [], disclosure: null, notices: [], contactsLog: [] }, []),
    labels,
    today: '2026-12-02',
  });
  return { t, labels, draft };
}

/** The Word file's paragraphs from the people item's heading to the next heading. */
async function peopleInWord(incident: Incident, lang: 'ja' | 'en'): Promise<string[]> {
  const { t, draft } = draftFor(incident, lang);
  const word = readDocx(await documentDocx(ppcDocument(t, draft, null), t('ppc.missing')));
  const heading = t('ppc.items.people');
  const from = word.paragraphs.indexOf(heading);
  expect(from).toBeGreaterThan(-1);
  const next = word.paragraphs.findIndex((p, i) => i > from && p === t('ppc.items.cause'));
  return word.paragraphs.slice(from + 1, next).filter((p) => p !== '');
}

const CHECK_JA = '［要確認］確定件数（1,800）が最大件数（1,500）を上回っています。どちらかの件数が古いままか、入力の誤りかもしれません。現在の事実の「確定件数」と「最大件数（可能性）」のどちらが正しいか確かめて、直してください。';

describe('the two counts changed on two laptops at once', () => {
  it('1,800 confirmed (laptop A) and at most 1,500 (laptop B): the PPC draft quotes them as stored and flags them to be checked', async () => {
    const merged = crossed();
    expect([merged.facts.confirmedCount, merged.facts.maxCount]).toEqual([1800, 1500]);
    const { t, draft } = draftFor(merged, 'ja');
    const word = readDocx(await documentDocx(ppcDocument(t, draft, null), '未記入'));
    const text = [...word.paragraphs, ...word.tables.flat().map((r) => r.join(' | '))].join('\n');
    const said = text.includes('1,800人（最大1,500人）');
    const people = draft.items.find((i) => i.key === 'people')!;
    // The tester counted `missing` or `unknownFacts` as the flag. Those say "not known yet" — the
    // ［未記入］ marker, and facts the release check asks a reason for being unknown — and both
    // counts are known here; they contradict each other. The draft flags that as `conflicts`.
    const flagged = people.missing || people.unknownFacts.length > 0 || people.conflicts.length > 0;
    expect({ said, flagged }).not.toEqual({ said: true, flagged: false });
    expect(people).toMatchObject({ value: '1,800人（最大1,500人）', missing: false, unknownFacts: [] });
    expect(people.conflicts).toEqual([{ reason: 'max-below-confirmed', facts: ['confirmedCount', 'maxCount'], counts: { confirmedCount: 1800, maxCount: 1500 } }]);
    expect(draft.conflicts).toEqual(people.conflicts);
    // Not to be filed as it stands, preliminary or final; nothing is said to be missing.
    expect(draft.fileable).toBe(false);
    expect(draft.missing).not.toContain('people');
  });

  it('the Word draft, read back paragraph by paragraph: the count as stored, then the line saying what to check', async () => {
    expect(await peopleInWord(crossed(), 'ja')).toEqual(['1,800人（最大1,500人）', CHECK_JA]);
    expect(await peopleInWord(crossed(), 'en')).toEqual([
      '1,800 people (up to 1,500)',
      '［Check］The confirmed count (1,800) is larger than the maximum possible count (1,500). One of them may be out of date or mistyped. Check which of the two is right in the current facts and correct it.',
    ]);
  });

  it('counts that agree carry no flag and no line, and a final report is fileable once complete', async () => {
    expect(await peopleInWord(start, 'ja')).toEqual(['1,000人（最大2,000人）']);
    const same = { ...start, facts: { ...start.facts, confirmedCount: 1500, maxCount: 1500 } };
    const { draft } = draftFor(same, 'ja');
    expect(draft.items.find((i) => i.key === 'people')!.conflicts).toEqual([]);
    expect(draft.conflicts).toEqual([]);
    expect(draft.fileable).toBe(true);
    // One count unknown: said in words, as before, never a contradiction.
    const half = draftFor({ ...start, facts: { ...start.facts, maxCount: null } }, 'ja').draft;
    expect(half.conflicts).toEqual([]);
  });

  it('the GDPR notice quoting the same counts flags them too, in its Word fields', async () => {
    const merged = crossed();
    const { t, labels, draft } = draftFor(merged, 'ja');
    const gdpr = draftGdprNotice({ incident: merged, nature: 'x', labels, recordCount: 1800, awareAt: null, now: '2026-12-02T00:00:00.000Z', dpoContact: 'dpo', consequences: 'c', measures: 'm', delayReasons: '' });
    expect(gdpr.fields.find((f) => f.key === 'approxPeople')!.conflicts).toHaveLength(1);
    const word = readDocx(await documentDocx(ppcDocument(t, draft, gdpr), '未記入'));
    const gdprTable = word.tables.at(-1)!;
    expect(gdprTable.find((r) => r[0] === 'おおよその人数')).toEqual(['おおよその人数', '1,800人（最大1,500人）']);
    // Under item 3 and under the GDPR fields: each place the counts are quoted.
    expect(word.paragraphs.filter((p) => p === CHECK_JA)).toHaveLength(2);
  });

  it('the facts card on the overview says so under the counts, and nothing when they agree', () => {
    const html = renderToStaticMarkup(<FactsCard incident={crossed()} factEdits={[]} statements={[]} />);
    const line = /<p class="notice" role="status" data-facts-check="max-below-confirmed">([^<]*)<\/p>/.exec(html)?.[1];
    expect(line).toBe(CHECK_JA.replace('［要確認］', ''));
    expect(renderToStaticMarkup(<FactsCard incident={start} factEdits={[]} statements={[]} />)).not.toContain('data-facts-check');
  });

  it("the executives' page and its Word file say it under the counts", async () => {
    const base = execInput({});
    const s = execSummary({ ...base, incident: { ...base.incident, facts: { ...base.incident.facts, confirmedCount: 1800, maxCount: 1500 } } });
    const word = readDocx(await documentDocx(execDocument(tFor('ja'), s, { at: base.now, who: '山田 花子' })));
    expect(word.tables[0]!.slice(0, 2)).toEqual([
      ['確定件数', '1,800'],
      ['最大件数（可能性）', '1,500'],
    ]);
    expect(word.paragraphs).toContain(CHECK_JA.replace('［要確認］', ''));
    // Counts that agree: no such line.
    const fine = readDocx(await documentDocx(execDocument(tFor('ja'), execSummary(base), { at: base.now, who: '山田 花子' })));
    expect(fine.paragraphs.some((p) => p.includes('上回っています'))).toBe(false);
  });
});
