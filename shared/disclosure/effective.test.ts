import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../boards/scenarios';
import { tasksFromTemplate } from '../boards/tasks';
import { foldAll } from '../events/projection';
import { EMPTY_FACTS, type Facts } from '../incident/model';
import { addDays, endOfJstDay, jstDate } from './deadlines';
import { effectiveSettings, incidentClocks, legalClockOf, withLegalDues } from './effective';

/** The due day's last minute (23:59 JST), as the board shows it. */
const lastMinute = (date: string) => new Date(Date.parse(endOfJstDay(date)) - 60_000).toISOString();
import { ev } from './fixtures';
import { disclosureProjection } from './regulator';

const discoveredAt = '2026-11-20T06:00:00.000Z';
const facts: Facts = { ...EMPTY_FACTS, discoveredAt, itemsLeaked: ['name', 'address', 'email', 'creditCard'], confirmedCount: 12000, maxCount: 15000 };
const attack = { scenario: 'unauthorised-access', facts };
const lost = { scenario: 'lost-device', facts: { ...facts, itemsLeaked: ['name' as const] } };

describe('item 5: known facts feed the assessment', () => {
  it('derives improper purpose from an unauthorised-access scenario and financial harm from card data, and says so', () => {
    const { settings, derived } = effectiveSettings(null, attack);
    expect(settings).toMatchObject({ improperPurpose: true, financialHarmRisk: true, learnedAt: discoveredAt });
    expect(derived).toEqual([
      { field: 'learnedAt', code: 'discovered' },
      { field: 'improperPurpose', code: 'scenario', scenario: 'unauthorised-access' },
      { field: 'financialHarmRisk', code: 'items', items: ['creditCard'] },
    ]);
    // Nothing to derive from a lost laptop with names only.
    expect(effectiveSettings(null, lost).settings).toMatchObject({ improperPurpose: null, financialHarmRisk: null });
  });

  it('what a person set wins — also "unknown"', () => {
    const row = foldAll(disclosureProjection, [ev('001', 'disclosure.settings-changed', { changes: { improperPurpose: null, financialHarmRisk: false } })]).get('i1')!;
    const { settings, derived } = effectiveSettings(row, attack);
    expect(settings).toMatchObject({ improperPurpose: null, financialHarmRisk: false });
    expect(derived.map((d) => d.field)).toEqual(['learnedAt']);
  });

  it('the final report of an unauthorised-access incident is due in 60 days without anyone ticking a box', () => {
    const { deadlines } = incidentClocks(attack, null, '2026-11-21T00:00:00Z');
    expect(deadlines?.final).toMatchObject({ days: 60, date: addDays(jstDate(discoveredAt), 60) });
  });
});

describe('item 5: the board task for the final report follows the legal clock', () => {
  const template = BUILTIN_TEMPLATES.find((t) => t.id === 'unauthorised-access')!;
  const tasks = tasksFromTemplate(template, discoveredAt, (() => { let n = 0; return () => `t${n++}`; })());
  const final = (list: typeof tasks) => list.find((t) => legalClockOf(t) === 'ppc-final')!;

  it('is one source: the task is due when the clock says, and moves with the assessment', () => {
    expect(final(tasks).title).toBe('個人情報保護委員会へ確報する');
    const at60 = withLegalDues(tasks, incidentClocks(attack, null, discoveredAt));
    const clock60 = incidentClocks(attack, null, discoveredAt).clocks.find((c) => c.kind === 'ppc-final')!;
    expect(final(at60)).toMatchObject({ dueAt: lastMinute(clock60.date!), dueFrom: 'ppc-final' });
    expect(final(at60).dueAt).toBe(lastMinute(addDays(jstDate(discoveredAt), 60)));
    // Someone establishes there was no improper purpose: 30 days, on the board too.
    const row = foldAll(disclosureProjection, [ev('001', 'disclosure.settings-changed', { changes: { improperPurpose: false } })]).get('i1')!;
    const at30 = withLegalDues(tasks, incidentClocks(attack, row, discoveredAt));
    expect(final(at30).dueAt).toBe(lastMinute(addDays(jstDate(discoveredAt), 30)));
    // The preliminary report too: the end of the guideline's window.
    const pre = at30.find((t) => legalClockOf(t) === 'ppc-preliminary')!;
    expect(pre.dueAt).toBe(lastMinute(addDays(jstDate(discoveredAt), 5)));
    // Other tasks keep their own due time.
    const other = at30.find((t) => legalClockOf(t) === null)!;
    expect(other.dueAt).toBe(tasks.find((t) => t.id === other.id)!.dueAt);
  });

  it('knows tasks made before tasks remembered their template by the built-in title; without a clock start a task keeps its own due', () => {
    const legacy = { title: '個人情報保護委員会へ確報する', dueAt: '2026-12-20T06:00:00.000Z' };
    expect(legalClockOf(legacy)).toBe('ppc-final');
    expect(withLegalDues([legacy], incidentClocks(attack, null, discoveredAt))[0]!.dueAt).toBe(lastMinute(addDays(jstDate(discoveredAt), 60)));
    const noStart = { scenario: 'unauthorised-access', facts: { ...facts, discoveredAt: null } };
    expect(withLegalDues([legacy], incidentClocks(noStart, null, discoveredAt))[0]).toEqual(legacy);
  });
});
