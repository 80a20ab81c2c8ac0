/**
 * Edges of the disclosure commands found by trying to break issue 18 as a stranger would:
 * a premise that could no longer be saved once a contractor was unticked, and a filing
 * recorded years before the company learned of the leak.
 */
import { describe, expect, it } from 'vitest';
import type { EventDraft, HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import * as commands from './commands';
import { FULL_FACTS } from './fixtures';
import { defaultNoticeSections, noticesProjection } from './notice';
import { disclosureProjection, settingsOf, type DisclosureRow, type FilingKind, type RegulatorSettings } from './regulator';

const NOW = Date.parse('2026-12-02T03:00:00Z');

// The commands take (context, state, args); these keep the calls below as they read.
const changeSettings = (incidentId: string, row: DisclosureRow | null, changes: Partial<RegulatorSettings>, now: number) =>
  commands.changeSettings(testContext({ now }), row, { incidentId, changes });
const fileReport = (incidentId: string, kind: FilingKind, filedAt: string | null, reference: string, now: number, learnedAt: string | null = null) =>
  commands.fileReport(testContext({ now }), { learnedAt }, { incidentId, kind, filedAt, reference });
let clock = 0;
function stamp(drafts: EventDraft[]): HonbuEvent[] {
  return drafts.map((d) => ({ ...d, id: `e${++clock}`, at: String(clock).padStart(6, '0'), actor: 'p1' }));
}

describe('the premises never reach a state that cannot be saved', () => {
  it('unticking the only contractor also ends joint filing, instead of refusing a checkbox the screen no longer shows', () => {
    const first = changeSettings('i1', null, { contractor: true, contractorName: '株式会社ＡＢＣ人材', jointFiling: true }, NOW);
    if (!first.ok) throw new Error(JSON.stringify(first.problems));
    const row = foldAll(disclosureProjection, stamp(first.events)).get('i1')!;
    expect(settingsOf(row).jointFiling).toBe(true);

    // The screen hides "file jointly" once neither contractor nor client is ticked: the person only unticks the contractor.
    const untick = changeSettings('i1', row, { contractor: false }, NOW);
    expect(untick.ok).toBe(true);
    if (!untick.ok) return;
    const after = settingsOf(foldAll(disclosureProjection, stamp([...first.events, ...untick.events])).get('i1')!);
    expect(after).toMatchObject({ contractor: false, client: false, jointFiling: false });
  });

  it('still refuses joint filing asked for explicitly with nobody to file with', () => {
    expect(changeSettings('i1', null, { jointFiling: true }, NOW)).toEqual({ ok: false, problems: [{ field: 'jointFiling', reason: 'invalid' }] });
  });
});

describe('a report cannot be filed before the company learned of the leak', () => {
  const learnedAt = '2026-12-01T16:40:00.000Z';

  it('refuses a filing time before the company learned of it (a typo in the year), naming the time', () => {
    expect(fileReport('i1', 'preliminary', '2020-01-01T00:00:00.000Z', 'Ａ－２０２０', NOW, learnedAt)).toEqual({
      ok: false,
      problems: [{ field: 'filedAt', reason: 'before-learned', params: { at: '2020-01-01T00:00:00.000Z', learned: learnedAt } }],
    });
  });

  it('takes a filing at or after that moment, and any time while the moment is not known', () => {
    expect(fileReport('i1', 'preliminary', learnedAt, 'R-1', NOW, learnedAt).ok).toBe(true);
    expect(fileReport('i1', 'preliminary', '2026-12-02T01:00:00.000Z', 'R-1', NOW, learnedAt).ok).toBe(true);
    expect(fileReport('i1', 'preliminary', '2026-11-02T01:00:00.000Z', 'R-1', NOW, null).ok).toBe(true);
    // The same minute as a discovery stamped with seconds (the filing time is typed in minutes).
    expect(fileReport('i1', 'preliminary', '2026-12-01T16:40:00.000Z', 'R-1', NOW, '2026-12-01T16:40:31.250Z').ok).toBe(true);
    expect(fileReport('i1', 'preliminary', '2026-12-01T16:39:00.000Z', 'R-1', NOW, '2026-12-01T16:40:31.250Z').ok).toBe(false);
  });
});

describe('a filing recorded with a typo', () => {
  // Found by a stranger: once a report was marked filed, nothing could correct a wrong time
  // or receipt number. A correction names the filing it replaces (by its clock), and the fold
  // drops that one, so the clock, the closing report and the PPC draft see only the right one.
  it('can be corrected: the correction names the filing it replaces, which then no longer counts', () => {
    const typo = stamp([{ type: 'disclosure.report-filed', incidentId: 'i1', payload: { kind: 'preliminary', filedAt: '2026-12-03T01:00:00.000Z', reference: 'R-1' } }]);
    const fix = stamp([{ type: 'disclosure.report-filed', incidentId: 'i1', payload: { kind: 'preliminary', filedAt: '2026-12-02T01:00:00.000Z', reference: 'R-1', corrects: typo[0]!.at } }]);
    const row = foldAll(disclosureProjection, [...typo, ...fix]).get('i1')!;
    expect(row.filings.map((f) => f.filedAt)).toEqual(['2026-12-02T01:00:00.000Z']);
  });
});

describe('correcting a filing', () => {
  const typo = () => stamp([{ type: 'disclosure.report-filed', incidentId: 'i1', payload: { kind: 'final', filedAt: '2026-12-03T01:00:00.000Z', reference: 'R-9' } }]);

  it('drops the corrected filing whichever arrives first (a correction synced before the typo it fixes)', () => {
    const t = typo();
    const fix = stamp([{ type: 'disclosure.report-filed', incidentId: 'i1', payload: { kind: 'final', filedAt: '2026-12-02T01:00:00.000Z', reference: 'R-1', corrects: t[0]!.at } }]);
    const row = foldAll(disclosureProjection, [...fix, ...t]).get('i1')!;
    expect(row.filings.map((f) => [f.filedAt, f.reference, f.corrects])).toEqual([['2026-12-02T01:00:00.000Z', 'R-1', t[0]!.at]]);
  });

  it('records the correction naming the filing it replaces, and refuses to correct one that is not in force or of another kind', () => {
    const t = typo();
    const row = foldAll(disclosureProjection, t).get('i1')!;
    const state = { learnedAt: null, filings: row.filings };
    const ctx = testContext({ now: NOW });
    const fixed = commands.fileReport(ctx, state, { incidentId: 'i1', kind: 'final', filedAt: '2026-12-02T01:00:00.000Z', reference: 'R-1', corrects: t[0]!.at });
    expect(fixed.ok && fixed.events[0]!.payload).toEqual({ kind: 'final', filedAt: '2026-12-02T01:00:00.000Z', reference: 'R-1', corrects: t[0]!.at });
    expect(commands.fileReport(ctx, state, { incidentId: 'i1', kind: 'preliminary', filedAt: '2026-12-02T01:00:00.000Z', reference: '', corrects: t[0]!.at })).toEqual({
      ok: false,
      problems: [{ field: 'corrects', reason: 'invalid' }],
    });
    expect(commands.fileReport(ctx, state, { incidentId: 'i1', kind: 'final', filedAt: '2026-12-02T01:00:00.000Z', reference: '', corrects: 'nope' }).ok).toBe(false);
  });
});

describe('a correction of a correction', () => {
  // The typo T, its correction C1 and a correction of that correction C2 (another wrong
  // digit in the receipt number), synced in any order: only C2 counts. A laptop that
  // received C2 first, then C1, then T dropped C1 without noting what C1 had replaced, so
  // the typo T came back as a second 速報.
  const t = (at: string, filedAt: string, reference: string, corrects?: string): HonbuEvent => ({
    id: `f-${at}`,
    incidentId: 'i1',
    at,
    actor: 'p1',
    type: 'disclosure.report-filed',
    payload: { kind: 'preliminary', filedAt, reference, ...(corrects ? { corrects } : {}) },
  });
  const typo = t('000101', '2026-12-01T10:00:00.000Z', 'R-1O0');
  const first = t('000102', '2026-12-01T01:00:00.000Z', 'R-100', typo.at);
  const second = t('000103', '2026-12-01T01:00:00.000Z', 'R-1001', first.at);
  const all = [typo, first, second];
  const permutations = [
    [typo, first, second],
    [typo, second, first],
    [first, typo, second],
    [first, second, typo],
    [second, typo, first],
    [second, first, typo],
  ];

  it.each(permutations.map((p, i) => [i, p] as const))('order %i: only the last correction is in force', (_, order) => {
    const row = foldAll(disclosureProjection, order).get('i1')!;
    expect(row.filings.map((f) => [f.filedAt, f.reference])).toEqual([['2026-12-01T01:00:00.000Z', 'R-1001']]);
    expect(foldAll(disclosureProjection, [...order, ...all]).get('i1')!.filings).toEqual(row.filings);
  });
});

describe('an approval checks the words and facts it records', () => {
  // The screen sends the checklist it drew; a fact cleared on another laptop a moment
  // before the click (or a caller sending an empty list) let a notice be approved with the
  // desk number unknown. The command works the checklist out itself from what it records.
  const director = { id: 'p-dir', name: '社長 一郎', roles: ['direction' as const] };
  const draft = commands.draftDocument(testContext(), [], { kind: 'notice', incidentId: 'i1', lang: 'ja', sections: defaultNoticeSections('ja') });
  if (!draft.ok) throw new Error('draft');
  const drafted = stamp(draft.events);
  const notice = foldAll(noticesProjection, drafted).get('i1:1')!;

  it('refuses while a quoted fact is unknown, whatever checklist the screen sent', () => {
    const facts = { ...FULL_FACTS, deskPhone: '' };
    const result = commands.approveDocument(testContext(), { doc: notice, approver: director, facts }, { kind: 'notice', checklist: [] });
    expect(result).toMatchObject({ ok: false, problems: [{ field: 'checklist', reason: 'incomplete' }] });
    expect(commands.approveDocument(testContext(), { doc: notice, approver: director, facts: FULL_FACTS }, { kind: 'notice', checklist: [] }).ok).toBe(true);
  });
});
