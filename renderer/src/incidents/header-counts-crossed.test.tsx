/**
 * Counts that cross once two laptops' edits merge (1,800 confirmed, at most 1,500) are said
 * wherever the two counts stand side by side: the incident header on every screen (the
 * executives' page included), and the executives' table across open incidents, on screen, on
 * paper and in Word — in the facts card's words. Counts that agree carry nothing.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { documentDocx } from '../../../shared/disclosure/document-docx';
import { execInput, INCIDENT } from '../../../shared/exec/exec.fixture';
import { execSummary } from '../../../shared/exec/summary';
import { readDocx } from '../../../shared/export/docx-text';
import { EMPTY_FACTS, type Incident } from '../../../shared/incident/model';
import { tFor } from '../disclosure/doc-lang';
import { acrossDocument } from '../exec/exec-document';
import { IncidentHeader } from './IncidentHeader';

const CROSSED_JA = '確定件数（1,800）が最大件数（1,500）を上回っています。どちらかの件数が古いままか、入力の誤りかもしれません。現在の事実の「確定件数」と「最大件数（可能性）」のどちらが正しいか確かめて、直してください。';
const CROSSED_EN = 'The confirmed count (1,800) is larger than the maximum possible count (1,500). One of them may be out of date or mistyped. Check which of the two is right in the current facts and correct it.';

const withCounts = (confirmedCount: number, maxCount: number): Incident => ({ ...INCIDENT, facts: { ...EMPTY_FACTS, ...INCIDENT.facts, confirmedCount, maxCount } });

/** The header's counts and the note under them, as the screen shows them. */
function header(incident: Incident) {
  const html = renderToStaticMarkup(<IncidentHeader incident={incident} disclosure={null} statements={[]} />);
  const fact = (key: string) => new RegExp(`<dd data-fact="${key}">([^<]*)</dd>`).exec(html)?.[1];
  return { confirmed: fact('confirmedCount'), max: fact('maxCount'), note: /<p class="notice header-check" role="note" data-header-check="max-below-confirmed">([^<]*)<\/p>/.exec(html)?.[1] ?? null };
}

const generated = { at: Date.parse('2026-12-03T10:00:00+09:00'), who: '山田 花子' };

describe('crossed counts in the incident header', () => {
  it('1,800 confirmed and at most 1,500: the header says so under them, in the facts card’s words', () => {
    expect(header(withCounts(1800, 1500))).toEqual({ confirmed: '1,800', max: '1,500', note: CROSSED_JA });
  });

  it('counts that agree: no note', () => {
    expect(header(withCounts(1500, 1500)).note).toBeNull();
    expect(header(withCounts(1200, 3000)).note).toBeNull();
  });
});

describe('crossed counts in the executives’ table across open incidents', () => {
  it('marks the cell and says what crosses under the table, in Japanese and English, read back from the Word file', async () => {
    const crossed = execSummary(execInput({ incident: withCounts(1800, 1500) }));
    const agreeing = execSummary(execInput({ incident: { ...withCounts(1200, 3000), id: 'inc-2', title: '紛失したノートPC' } }));
    const ja = readDocx(await documentDocx(acrossDocument(tFor('ja'), [crossed, agreeing], generated)));
    expect(ja.tables[0]!.slice(1).map((r) => r[1])).toEqual(['1,800 / 1,500（要確認）', '1,200 / 3,000']);
    expect(ja.paragraphs).toContain(`${INCIDENT.title}: ${CROSSED_JA}`);
    expect(ja.paragraphs.filter((p) => p.includes('上回っています'))).toHaveLength(1);
    const en = readDocx(await documentDocx(acrossDocument(tFor('en'), [crossed], generated)));
    expect(en.tables[0]![1]![1]).toBe('1,800 / 1,500 (to be checked)');
    expect(en.paragraphs).toContain(`${INCIDENT.title}: ${CROSSED_EN}`);
  });
});
