/**
 * Decision 061, written by a stranger to the code: a learned or aware time changed after a
 * filing is judged on the same effective floor as the filing itself, so the same record is
 * accepted or refused whatever the order it was entered in.
 */
import { describe, expect, it } from 'vitest';
import type { EventDraft, HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import { EMPTY_FACTS, type Facts } from '../incident/model';
import * as commands from './commands';
import { effectiveSettings, filingFloor, incidentClocks } from './effective';
import { disclosureProjection, type DisclosureRow, type FilingKind } from './regulator';

let clock = 0;
const stamp = (drafts: EventDraft[]): HonbuEvent[] => drafts.map((d) => ({ ...d, id: `e${++clock}`, at: String(clock).padStart(6, '0'), actor: 'p1' }));
type R = ReturnType<typeof commands.changeSettings>;
const apply = (events: HonbuEvent[], r: R): HonbuEvent[] => {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return [...events, ...stamp(r.events)];
};
const row = (events: HonbuEvent[]): DisclosureRow | null => foldAll(disclosureProjection, events).get('i1') ?? null;
const now = Date.parse('2026-12-10T00:00:00Z');
const ctx = () => testContext({ now });
const facts: Facts = { ...EMPTY_FACTS, itemsLeaked: ['name'], confirmedCount: 5000, maxCount: 5000, discoveredAt: '2026-12-01T01:00:00.000Z' };
const incident = { id: 'i1', scenario: 'lost-device', facts };

/** As the handler 'disclosure.file-report' does: the floor from the effective settings. */
function file(events: HonbuEvent[], kind: FilingKind, filedAt: string): R {
  const r = row(events);
  const { settings } = effectiveSettings(r, incident);
  return commands.fileReport(ctx(), { learnedAt: filingFloor(kind, settings), filings: r?.filings ?? [] }, { incidentId: 'i1', kind, filedAt, reference: 'X' });
}
const change = (events: HonbuEvent[], changes: Parameters<typeof commands.changeSettings>[2]['changes'], of: typeof incident = incident) => commands.changeSettings(ctx(), row(events), { incidentId: 'i1', changes }, of);

describe('the same record, whatever the order it was entered in', () => {
  it('learned time derived from discovery (1 Dec); awareAt 5 Dec; GDPR filed 3 Dec: accepted in either order', () => {
    // Order A: awareAt set, then the GDPR notice filed on 3 Dec.
    let a = apply([], change([], { euResidents: true }));
    a = apply(a, change(a, { awareAt: '2026-12-05T01:00:00.000Z' }));
    const filedA = file(a, 'gdpr', '2026-12-03T01:00:00.000Z');
    expect(filedA.ok).toBe(true);

    // Order B: the same notice filed first, then the same awareAt.
    let b = apply([], change([], { euResidents: true }));
    b = apply(b, file(b, 'gdpr', '2026-12-03T01:00:00.000Z'));
    const awareB = change(b, { awareAt: '2026-12-05T01:00:00.000Z' });
    expect(awareB.ok ? 'accepted' : JSON.stringify(awareB.problems), 'the same record as order A').toBe('accepted');
  });

  it('clearing awareAt after a GDPR notice: the notice would be before its clock started (learnedAt 5 Dec): refused', () => {
    let e = apply([], change([], { euResidents: true, learnedAt: '2026-12-05T01:00:00.000Z', awareAt: '2026-12-01T01:00:00.000Z' }));
    e = apply(e, file(e, 'gdpr', '2026-12-03T01:00:00.000Z'));
    const cleared = change(e, { awareAt: null });
    // Filing the same notice with awareAt empty is refused 'before-learned':
    const f = apply([], change([], { euResidents: true, learnedAt: '2026-12-05T01:00:00.000Z' }));
    const refusedOtherWay = file(f, 'gdpr', '2026-12-03T01:00:00.000Z');
    expect(refusedOtherWay.ok).toBe(false);
    expect(cleared.ok, 'clearing awareAt leaves a filing before its clock started').toBe(false);
    if (!cleared.ok) expect(cleared.problems.map((p) => [p.field, p.reason])).toEqual([['learnedAt', 'after-filed']]);
  });

  it('clearing learnedAt after a preliminary report: a later discovery would become the learned time, after the filing: refused', () => {
    const lateDiscovery = { ...incident, facts: { ...facts, discoveredAt: '2026-12-06T01:00:00.000Z' } };
    let e = apply([], change([], { learnedAt: '2026-12-01T01:00:00.000Z' }));
    const r0 = row(e);
    e = apply(e, commands.fileReport(ctx(), { learnedAt: filingFloor('preliminary', effectiveSettings(r0, lateDiscovery).settings), filings: [] }, { incidentId: 'i1', kind: 'preliminary', filedAt: '2026-12-03T01:00:00.000Z', reference: 'P' }));
    const cleared = change(e, { learnedAt: null }, lateDiscovery);
    expect(cleared.ok, 'clearing learnedAt moves the effective learned time after a filed report').toBe(false);
    if (!cleared.ok) expect(cleared.problems).toEqual([{ field: 'learnedAt', reason: 'after-filed', params: { at: '2026-12-06T01:00:00.000Z', filed: '2026-12-03T01:00:00.000Z' } }]);
    // With an earlier discovery the same clearing keeps the filing in order: accepted.
    expect(change(e, { learnedAt: null }).ok).toBe(true);
    expect(incidentClocks(lateDiscovery, row(e), now).clocks[0]!.filed?.filedAt).toBe('2026-12-03T01:00:00.000Z');
  });
});
