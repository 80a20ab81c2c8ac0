import { describe, expect, it } from 'vitest';
import { EMPTY_FACTS, type Facts } from '../incident/model';
import { assessReportability, peopleCount, type ReportabilityInput } from './reportability';
import { RULES } from './rules';

const quiet: Facts = { ...EMPTY_FACTS, itemsLeaked: ['name', 'email'], confirmedCount: 10, maxCount: 10 };

function input(facts: Partial<Facts> = {}, rest: Partial<Omit<ReportabilityInput, 'facts'>> = {}): ReportabilityInput {
  return {
    facts: { ...quiet, ...facts },
    improperPurpose: false,
    financialHarmRisk: false,
    encryptedAdvanced: false,
    allRecoveredUnseen: false,
    ...rest,
  };
}

describe('assessReportability: each case alone', () => {
  it('a small leak of ordinary items with nothing unknown is not reportable', () => {
    const a = assessReportability(input());
    expect(a).toMatchObject({ required: false, status: 'not-required', cases: [], exemptions: [], unknowns: [] });
    expect(a.reasons).toEqual([{ code: 'case-4-not-met', params: { count: 10, threshold: 1000, basis: 'maximum' }, source: '個人情報保護法施行規則7条4号' }]);
    expect(a.rulesVersion).toBe(RULES.version);
  });

  it('case 1: sensitive data, even for one person', () => {
    const a = assessReportability(input({ itemsLeaked: ['name', 'sensitive'], confirmedCount: 1, maxCount: 1 }));
    expect(a).toMatchObject({ required: true, status: 'required', cases: [1] });
    expect(a.reasons[0]).toEqual({ code: 'case-1', params: { items: ['sensitive'] }, source: '個人情報保護法施行規則7条1号' });
  });

  it('case 2: card numbers', () => {
    const a = assessReportability(input({ itemsLeaked: ['name', 'creditCard'] }));
    expect(a.cases).toEqual([2]);
    expect(a.reasons[0]).toMatchObject({ code: 'case-2', params: { basis: 'items', items: ['creditCard'] } });
  });

  it('case 2: bank account data', () => {
    expect(assessReportability(input({ itemsLeaked: ['bankAccount'] })).cases).toEqual([2]);
  });

  it('case 2: a financial-harm risk the items do not show (net-banking credentials)', () => {
    const a = assessReportability(input({}, { financialHarmRisk: true }));
    expect(a.cases).toEqual([2]);
    expect(a.reasons[0]).toMatchObject({ code: 'case-2', params: { basis: 'assessment' } });
  });

  it('case 3: improper purpose', () => {
    const a = assessReportability(input({}, { improperPurpose: true }));
    expect(a).toMatchObject({ required: true, cases: [3] });
    expect(a.reasons[0]).toMatchObject({ code: 'case-3', source: '個人情報保護法施行規則7条3号' });
  });
});

describe('assessReportability: case 4 threshold (more than 1,000)', () => {
  it.each([
    [1000, 1000, false],
    [1001, 1001, true],
    [1001, null, true],
    [10, 1001, true],
    [999, 1000, false],
  ])('confirmed %s, maximum %s → case 4: %s', (confirmedCount, maxCount, expected) => {
    const a = assessReportability(input({ confirmedCount, maxCount }));
    expect(a.cases.includes(4)).toBe(expected);
    expect(a.required).toBe(expected);
  });

  it('the maximum possible count is what counts (おそれ)', () => {
    const a = assessReportability(input({ confirmedCount: 800, maxCount: 12000 }));
    expect(a.reasons).toContainEqual({ code: 'case-4', params: { count: 12000, threshold: 1000, basis: 'maximum' }, source: '個人情報保護法施行規則7条4号' });
  });

  it('a confirmed count above a stale maximum still counts', () => {
    const a = assessReportability(input({ confirmedCount: 1500, maxCount: 900 }));
    expect(a.reasons).toContainEqual(expect.objectContaining({ code: 'case-4', params: { count: 1500, threshold: 1000, basis: 'confirmed' } }));
  });

  it('peopleCount picks the larger known count', () => {
    expect(peopleCount({ confirmedCount: null, maxCount: null })).toBeNull();
    expect(peopleCount({ confirmedCount: 5, maxCount: null })).toEqual({ count: 5, basis: 'confirmed' });
    expect(peopleCount({ confirmedCount: null, maxCount: 7 })).toEqual({ count: 7, basis: 'maximum' });
  });
});

describe('assessReportability: unknowns', () => {
  it('no count at all is undetermined, not "not required"', () => {
    const a = assessReportability(input({ confirmedCount: null, maxCount: null }));
    expect(a).toMatchObject({ required: false, status: 'undetermined' });
    expect(a.unknowns).toEqual([{ code: 'count-unknown', case: 4, params: { threshold: 1000 } }]);
  });

  it('a confirmed count under the threshold with no maximum could still grow past it', () => {
    const a = assessReportability(input({ confirmedCount: 1000, maxCount: null }));
    expect(a.status).toBe('undetermined');
    expect(a.unknowns).toEqual([{ code: 'max-count-unknown', case: 4, params: { confirmed: 1000, threshold: 1000 } }]);
  });

  it('an unassessed improper purpose is undetermined', () => {
    const a = assessReportability(input({}, { improperPurpose: null }));
    expect(a.status).toBe('undetermined');
    expect(a.unknowns.map((u) => u.code)).toEqual(['improper-purpose-unknown']);
  });

  it('keeps an unknown that decides the deadline even when another case already applies', () => {
    const a = assessReportability(input({ itemsLeaked: ['sensitive'] }, { improperPurpose: null }));
    expect(a.status).toBe('required');
    expect(a.unknowns.map((u) => u.code)).toEqual(['improper-purpose-unknown']);
  });

  it('drops an unknown about a case that already applies', () => {
    const a = assessReportability(input({ itemsLeaked: ['creditCard'] }, { financialHarmRisk: null }));
    expect(a.unknowns).toEqual([]);
  });

  it('an unassessed financial-harm risk is unknown when the items do not settle it', () => {
    expect(assessReportability(input({}, { financialHarmRisk: null })).unknowns.map((u) => u.code)).toEqual(['financial-harm-unknown']);
    expect(assessReportability(input({}, { financialHarmRisk: undefined })).unknowns).toEqual([]);
  });

  it('no items known yet is undetermined', () => {
    const a = assessReportability(input({ itemsLeaked: [] }));
    expect(a.status).toBe('undetermined');
    expect(a.unknowns.map((u) => u.code)).toEqual(['items-unknown']);
  });
});

describe('assessReportability: exemptions', () => {
  it('advanced encryption removes the duty but keeps the cases on the record', () => {
    const a = assessReportability(input({ itemsLeaked: ['sensitive'] }, { encryptedAdvanced: true }));
    expect(a).toMatchObject({ required: false, status: 'exempt', cases: [1], exemptions: ['encrypted'] });
    expect(a.reasons.map((r) => r.code)).toEqual(['case-1', 'case-4-not-met', 'exempt-encrypted']);
  });

  it('all data recovered before anyone saw it', () => {
    const a = assessReportability(input({ confirmedCount: 5000, maxCount: 5000 }, { allRecoveredUnseen: true }));
    expect(a).toMatchObject({ required: false, status: 'exempt', cases: [4], exemptions: ['recovered'] });
  });
});

it('notes My Number data for the PPC form without changing the answer', () => {
  const a = assessReportability(input({ itemsLeaked: ['name', 'myNumber'] }));
  expect(a.status).toBe('not-required');
  expect(a.notes.map((n) => n.code)).toEqual(['my-number-involved']);
});
