import { describe, expect, it } from 'vitest';
import { FULL_FACTS } from './fixtures';
import { legalClocks } from './clocks';
import { DEFAULT_SETTINGS, type Filing, type RegulatorSettings } from './regulator';

const settings: RegulatorSettings = { ...DEFAULT_SETTINGS, learnedAt: '2026-11-20T01:00:00Z', improperPurpose: false, financialHarmRisk: false };
const filing = (kind: Filing['kind'], filedAt: string): Filing => ({ kind, filedAt, reference: '', note: '', at: filedAt, recordedBy: 'p1' });

describe('legalClocks', () => {
  it('runs the preliminary target and the final deadline from the day the company learned', () => {
    const { clocks, assessment } = legalClocks({ settings, facts: FULL_FACTS, filings: [], now: '2026-11-21T01:00:00Z' });
    expect(assessment.status).toBe('required');
    const [pre, fin] = clocks;
    expect(pre).toMatchObject({ kind: 'ppc-preliminary', applies: true, window: { from: '2026-11-23', to: '2026-11-25' }, dueBy: '2026-11-25T15:00:00.000Z' });
    expect(pre!.countdown).toMatchObject({ overdue: false, days: 4, hours: 14, minutes: 0 });
    expect(fin).toMatchObject({ kind: 'ppc-final', applies: true, date: '2026-12-20', filed: null });
    expect(clocks).toHaveLength(2);
  });

  it('a filed report stops its clock', () => {
    const { clocks } = legalClocks({ settings, facts: FULL_FACTS, filings: [filing('preliminary', '2026-11-22T00:00:00Z')], now: '2026-11-30T00:00:00Z' });
    expect(clocks[0]).toMatchObject({ countdown: null, filed: { kind: 'preliminary' } });
    expect(clocks[1]!.countdown).toMatchObject({ overdue: false });
  });

  it('without the day the company learned, the clocks say what is missing', () => {
    const { clocks, deadlines } = legalClocks({ settings: { ...settings, learnedAt: null }, facts: FULL_FACTS, filings: [], now: 0 });
    expect(deadlines).toBeNull();
    expect(clocks.map((c) => [c.missing, c.dueBy, c.countdown])).toEqual([
      ['learnedAt', null, null],
      ['learnedAt', null, null],
    ]);
  });

  it('an undetermined duty keeps its clock running, marked as maybe', () => {
    const facts = { ...FULL_FACTS, itemsLeaked: ['name' as const], confirmedCount: 10, maxCount: null };
    const { clocks } = legalClocks({ settings, facts, filings: [], now: '2026-11-21T00:00:00Z' });
    expect(clocks[0]!.applies).toBeNull();
  });

  it('an exempt leak has no duty', () => {
    const { clocks } = legalClocks({ settings: { ...settings, encryptedAdvanced: true }, facts: FULL_FACTS, filings: [], now: 0 });
    expect(clocks.map((c) => c.applies)).toEqual([false, false]);
  });

  it('adds the 72-hour GDPR clock when EU residents are affected', () => {
    const eu = { ...settings, euResidents: true, awareAt: '2026-11-20T01:00:00Z' };
    const { clocks } = legalClocks({ settings: eu, facts: FULL_FACTS, filings: [], now: '2026-11-23T02:30:00Z' });
    expect(clocks[2]).toMatchObject({ kind: 'gdpr', dueBy: '2026-11-23T01:00:00.000Z', countdown: { overdue: true, hours: 1, minutes: 30 } });
    expect(legalClocks({ settings: { ...eu, awareAt: null }, facts: FULL_FACTS, filings: [], now: 0 }).clocks[2]!.missing).toBe('awareAt');
  });
});
