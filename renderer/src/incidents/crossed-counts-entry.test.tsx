/**
 * Crossed counts made by one person on one laptop, and said on paper. A follow-up report (第2報)
 * giving one count alone that crosses the other as stored — 「１，８００」 confirmed over a
 * maximum of 1,500, or a maximum under the confirmed count — is refused as the facts card refuses
 * it, saying both counts and which to give too (and the form says so as it is typed); the note of
 * crossed counts no longer blames two laptops; the printed situation report (状況報告) carries the
 * note itself, since the incident header is not printed. Cases found by a tester
 * (crossed-counts-attack3).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../../../shared/events/event';
import { foldAll } from '../../../shared/events/projection';
import { testContext } from '../../../shared/events/test-context';
import { execInput, INCIDENT } from '../../../shared/exec/exec.fixture';
import { fileFirstReport, fileFollowUp } from '../../../shared/incident/commands';
import { EMPTY_FACTS, EMPTY_REPORT, type Incident } from '../../../shared/incident/model';
import { incidentsProjection } from '../../../shared/incident/projections';
import { crossesStored, factConflicts, parseCountPair } from '../../../shared/incident/validate';
import { conflictText } from '../disclosure/labels';
import { tFor } from '../disclosure/doc-lang';
import { translatorFor } from '../i18n/i18n';
import { IncidentHeader } from './IncidentHeader';
import type { OpenIncident } from './open-incident';
import { problemText } from './problems';
import { SituationReport } from './SituationReport';

const withCounts = (confirmedCount: number | null, maxCount: number | null): Incident => ({ ...INCIDENT, facts: { ...EMPTY_FACTS, ...INCIDENT.facts, confirmedCount, maxCount } });

/** 第1報: 1,200 confirmed, at most 1,500, filed and folded. */
function firstReported(): { first: HonbuEvent; incident: Incident } {
  const filed = fileFirstReport(testContext({ ids: ['i1'], now: Date.parse('2026-12-01T01:00:00Z') }), null, {
    title: '会員サイト',
    kind: 'personal-data',
    scenario: 'unauthorised-access',
    drill: false,
    report: { ...EMPTY_REPORT, discoveredAt: '2026-12-01T00:30:00.000Z', reporter: '山田', confirmedCount: 1200, maxCount: 1500 },
  });
  if (!filed.ok) throw new Error('first report refused');
  const first = { ...filed.events[0]!, id: 'e1', at: '2026-12-01T01:00:00.000Z', actor: 'p1' } as HonbuEvent;
  return { first, incident: foldAll(incidentsProjection, [first]).get('i1')! };
}

const followUp = (incident: Incident, confirmedCount: number | null, maxCount: number | null) =>
  fileFollowUp(testContext({ now: Date.parse('2026-12-02T00:00:00Z') }), incident, { report: { ...EMPTY_REPORT, reporter: '山田', confirmedCount, maxCount } });

const field = (f: string) => f;

describe('a follow-up report giving one count that crosses the other as stored', () => {
  it('「１，８００」 confirmed alone over a stored maximum of 1,500: refused, saying both counts and to give the maximum too', () => {
    const { incident } = firstReported();
    const typed = parseCountPair({ confirmedCount: '１，８００', maxCount: '' });
    expect(typed).toEqual({ ok: true, confirmedCount: 1800, maxCount: null });
    const r = followUp(incident, 1800, null);
    expect(r.ok ? 'filed' : r.problems).toEqual([{ field: 'confirmedCount', reason: 'max-below-confirmed', params: { stored: 'maxCount', confirmed: 1800, max: 1500 } }]);
    if (r.ok) return;
    expect(problemText(translatorFor('ja'), r.problems[0]!, field)).toBe('確定件数（1,800）が、いま記録されている最大件数（1,500）を上回ります。最大件数（可能性）も見直して、あわせて入力してください。');
    expect(problemText(translatorFor('en'), r.problems[0]!, field)).toBe('The confirmed count (1,800) is larger than the maximum possible count on record (1,500). Check the maximum too and enter it as well.');
  });

  it('a maximum alone under the stored confirmed count: refused the other way round', () => {
    const { incident } = firstReported();
    const r = followUp(incident, null, 1000);
    expect(r.ok ? 'filed' : r.problems).toEqual([{ field: 'maxCount', reason: 'max-below-confirmed', params: { stored: 'confirmedCount', confirmed: 1200, max: 1000 } }]);
    if (r.ok) return;
    expect(problemText(translatorFor('ja'), r.problems[0]!, field)).toBe('最大件数（1,000）が、いま記録されている確定件数（1,200）を下回ります。確定件数も見直して、あわせて入力してください。');
  });

  it('given with the maximum too, it is filed, and the counts agree', () => {
    const { first, incident } = firstReported();
    const r = followUp(incident, 1800, 2000);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const after = foldAll(incidentsProjection, [first, ...r.events.map((d, i) => ({ ...d, id: `f${i}`, at: '2026-12-02T00:00:00.000Z', actor: 'p1' }) as HonbuEvent)]).get('i1')!;
    expect(after.facts).toMatchObject({ confirmedCount: 1800, maxCount: 2000 });
    expect(factConflicts(after.facts)).toEqual([]);
  });

  it('a count alone that keeps within the other, or counts equal, are filed', () => {
    const { incident } = firstReported();
    expect(followUp(incident, 1500, null).ok).toBe(true);
    expect(followUp(incident, null, 1200).ok).toBe(true);
    expect(followUp(incident, null, null).ok).toBe(true);
  });

  it('counts that crossed before (merged from two laptops) do not stop a follow-up that gives neither', () => {
    expect(crossesStored({ confirmedCount: 1800, maxCount: 1500 }, { confirmedCount: null, maxCount: null })).toBeNull();
  });
});

describe('the note of crossed counts says nothing of laptops', () => {
  it('in the header, in Japanese and English', () => {
    const html = renderToStaticMarkup(<IncidentHeader incident={withCounts(1800, 1500)} disclosure={null} statements={[]} />);
    const note = /data-header-check="max-below-confirmed">([^<]*)</.exec(html)?.[1] ?? '';
    expect(note).toBe('確定件数（1,800）が最大件数（1,500）を上回っています。どちらかの件数が古いままか、入力の誤りかもしれません。現在の事実の「確定件数」と「最大件数（可能性）」のどちらが正しいか確かめて、直してください。');
    const en = conflictText(tFor('en'), factConflicts({ confirmedCount: 1800, maxCount: 1500 })[0]!);
    expect(en).toBe('The confirmed count (1,800) is larger than the maximum possible count (1,500). One of them may be out of date or mistyped. Check which of the two is right in the current facts and correct it.');
    expect(note + en).not.toMatch(/ノートPC|laptop/);
  });
});

describe('the printed situation report (状況報告) says the counts cross', () => {
  const sheet = (incident: Incident) => {
    const data = { incident, tasks: [], decisions: [], statements: [] } as unknown as OpenIncident;
    const html = renderToStaticMarkup(<SituationReport data={data} />);
    return html.slice(html.indexOf('<div class="sheet">'));
  };

  it('under the counts, on the sheet that is printed (the header is not)', () => {
    const html = sheet(withCounts(1800, 1500));
    expect(html).toContain('data-sitrep-check="max-below-confirmed"');
    expect(html).toContain('確定件数（1,800）が最大件数（1,500）を上回っています。');
    expect(html.indexOf('上回っています')).toBeGreaterThan(html.indexOf('1,500'));
  });

  it('nothing when the counts agree, are equal or one is unknown', () => {
    for (const [c, m] of [
      [1500, 1800],
      [1500, 1500],
      [1800, null],
      [null, 1500],
    ] as const) {
      expect(sheet(withCounts(c, m))).not.toContain('上回っています');
    }
  });

  it('the executives’ fixture incident is unaffected (its counts agree)', () => {
    expect(factConflicts(execInput().incident.facts)).toEqual([]);
  });
});
