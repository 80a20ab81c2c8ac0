/**
 * Stranger tests (written by a tester who did not write the code): the legal clocks at the
 * edges of the calendar and the clock, in other time zones, and with the premises changed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_FACTS, type Facts } from '../incident/model';
import { legalClocks } from './clocks';
import { countdown, gdprDeadline, jstDate, ppcDeadlines } from './deadlines';
import { DEFAULT_SETTINGS, type Filing, type RegulatorSettings } from './regulator';
import { assessReportability } from './reportability';

const ORIGINAL_TZ = process.env.TZ;
afterEach(() => {
  if (ORIGINAL_TZ === undefined) delete process.env.TZ;
  else process.env.TZ = ORIGINAL_TZ;
});

const facts = (f: Partial<Facts>): Facts => ({ ...EMPTY_FACTS, itemsLeaked: ['name'], ...f });

describe('awareness at 23:59 and 00:00 JST', () => {
  it('23:59 JST on 31 Dec is learned on 31 Dec: final 30 Jan, stricter 29 Jan, preliminary 3–5 Jan', () => {
    const d = ppcDeadlines('2026-12-31T23:59:00+09:00', false);
    expect(d.learnedDate).toBe('2026-12-31');
    expect(d.final.date).toBe('2027-01-30');
    expect(d.final.dueBy).toBe('2027-01-30T15:00:00.000Z');
    expect(d.final.basis.stricterReading.date).toBe('2027-01-29');
    expect(d.preliminaryTarget).toMatchObject({ from: '2027-01-03', to: '2027-01-05' });
  });
  it('00:00 JST on 1 Jan (15:00Z on 31 Dec) is learned on 1 Jan: final 31 Jan', () => {
    const d = ppcDeadlines('2026-12-31T15:00:00Z', false);
    expect(d.learnedDate).toBe('2027-01-01');
    expect(d.final.date).toBe('2027-01-31');
  });
  it('one millisecond before midnight JST stays on 31 Dec', () => {
    expect(ppcDeadlines('2026-12-31T14:59:59.999Z', false).learnedDate).toBe('2026-12-31');
  });
  it('60 days from 31 Dec 2026 (wrongful purpose) is 1 Mar 2027', () => {
    expect(ppcDeadlines('2026-12-31T23:59:00+09:00', true).final.date).toBe('2027-03-01');
  });
});

describe('month ends and leap day', () => {
  it.each([
    ['2026-01-31T10:00:00+09:00', false, '2026-03-02'],
    ['2026-01-30T10:00:00+09:00', false, '2026-03-01'],
    ['2026-01-29T10:00:00+09:00', false, '2026-02-28'],
    ['2028-02-29T10:00:00+09:00', false, '2028-03-30'],
    ['2028-02-29T10:00:00+09:00', true, '2028-04-29'],
    ['2028-01-30T23:59:00+09:00', false, '2028-02-29'],
    ['2028-02-29T00:00:00+09:00', false, '2028-03-30'],
    ['2028-02-28T15:00:00Z', false, '2028-03-30'], // 00:00 JST on 29 Feb
    ['2027-12-31T23:00:00+09:00', true, '2028-02-29'],
  ])('learned %s, wrongful purpose %s → final %s', (learned, improper, expected) => {
    expect(ppcDeadlines(learned, improper).final.date).toBe(expected);
  });
});

describe('a laptop in another time zone gives the same dates', () => {
  for (const tz of ['America/Los_Angeles', 'Europe/London', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
    it(`TZ=${tz}`, () => {
      process.env.TZ = tz;
      // Europe/London: across the 2027-03-28 BST change; Los Angeles: across the 2027-03-14 DST change.
      const d = ppcDeadlines('2027-03-01T23:30:00+09:00', false);
      expect(d.learnedDate).toBe('2027-03-01');
      expect(d.final.date).toBe('2027-03-31');
      expect(d.final.dueBy).toBe('2027-03-31T15:00:00.000Z');
      expect(jstDate(new Date('2026-12-31T15:00:00Z'))).toBe('2027-01-01');
      // A bare date is midnight in Tokyo whatever the laptop's zone.
      expect(ppcDeadlines('2027-03-01', false).final.dueBy).toBe('2027-03-31T15:00:00.000Z');
      // GDPR: 72 elapsed hours, not 3 wall-clock days, across Europe's change to summer time.
      expect(gdprDeadline('2027-03-27T10:00:00+00:00').dueAt).toBe('2027-03-30T10:00:00.000Z');
    });
  }
});

describe('GDPR 72 hours', () => {
  it('from 23:59 JST on 31 Dec: due 23:59 JST on 3 Jan', () => {
    expect(gdprDeadline('2026-12-31T23:59:00+09:00').dueAt).toBe('2027-01-03T14:59:00.000Z');
  });
  it('an awareness time in the future: the clock shows more than 72 hours left, never "overdue"', () => {
    const c = countdown(gdprDeadline('2026-12-10T00:00:00Z').dueAt, '2026-12-01T00:00:00Z');
    expect(c.overdue).toBe(false);
    expect(c.days).toBe(12);
  });
  it('exactly at the deadline is not overdue; one ms later it is', () => {
    const due = gdprDeadline('2026-12-01T00:00:00Z').dueAt;
    expect(countdown(due, due).overdue).toBe(false);
    expect(countdown(due, Date.parse(due) + 1).overdue).toBe(true);
  });
});

describe('persons at 1,000 and 1,001', () => {
  const assess = (f: Partial<Facts>) => assessReportability({ facts: facts(f), improperPurpose: false, financialHarmRisk: false, encryptedAdvanced: false, allRecoveredUnseen: false });
  it('exactly 1,000 (confirmed and maximum) is not case 4', () => {
    expect(assess({ confirmedCount: 1000, maxCount: 1000 }).status).toBe('not-required');
  });
  it('1,001 maximum makes it case 4 even with 3 confirmed', () => {
    const a = assess({ confirmedCount: 3, maxCount: 1001 });
    expect(a.status).toBe('required');
    expect(a.cases).toEqual([4]);
  });
  it('1,000 confirmed with the maximum unknown is undetermined, not "not required"', () => {
    expect(assess({ confirmedCount: 1000, maxCount: null }).status).toBe('undetermined');
  });
  it('no count at all is undetermined', () => {
    expect(assess({ confirmedCount: null, maxCount: null }).status).toBe('undetermined');
  });
});

describe('the wrongful-purpose switch after the clock started', () => {
  const base: RegulatorSettings = { ...DEFAULT_SETTINGS, learnedAt: '2026-12-01T10:00:00+09:00' };
  const clocksAt = (improperPurpose: boolean | null, now: string, filings: Filing[] = []) =>
    legalClocks({ settings: { ...base, improperPurpose }, facts: facts({ confirmedCount: 5000, maxCount: 5000 }), filings, now });
  it('unknown → 30 days (31 Dec); yes → 60 days (30 Jan); no → 30 days', () => {
    const now = '2026-12-20T00:00:00Z';
    expect(clocksAt(null, now).clocks[1]!.date).toBe('2026-12-31');
    expect(clocksAt(true, now).clocks[1]!.date).toBe('2027-01-30');
    expect(clocksAt(false, now).clocks[1]!.date).toBe('2026-12-31');
  });
  it('switched from yes to no on day 40: the final report is at once overdue', () => {
    const now = '2027-01-10T00:00:00Z';
    expect(clocksAt(true, now).clocks[1]!.countdown!.overdue).toBe(false);
    expect(clocksAt(false, now).clocks[1]!.countdown!.overdue).toBe(true);
  });
});

describe('one report that serves as both preliminary and final (速報と確報を兼ねる)', () => {
  it('once the final report is filed, the preliminary clock no longer runs to "overdue"', () => {
    const settings: RegulatorSettings = { ...DEFAULT_SETTINGS, learnedAt: '2026-12-01T10:00:00+09:00', improperPurpose: false, financialHarmRisk: false };
    const final: Filing = { kind: 'final', filedAt: '2026-12-02T10:00:00+09:00', reference: 'PPC-ALL', note: '', at: '000001', recordedBy: 'p1' };
    const c = legalClocks({ settings, facts: facts({ confirmedCount: 5000, maxCount: 5000 }), filings: [final], now: '2026-12-20T00:00:00Z' });
    const pre = c.clocks.find((k) => k.kind === 'ppc-preliminary')!;
    expect(pre.countdown?.overdue ?? false).toBe(false);
    expect(pre).toMatchObject({ filed: final, coveredByFinal: true });
    // A preliminary report of its own stays its own.
    const own: Filing = { kind: 'preliminary', filedAt: '2026-12-01T18:00:00+09:00', reference: 'PPC-0', note: '', at: '000000', recordedBy: 'p1' };
    const both = legalClocks({ settings, facts: facts({ confirmedCount: 5000, maxCount: 5000 }), filings: [own, final], now: '2026-12-20T00:00:00Z' });
    expect(both.clocks.find((k) => k.kind === 'ppc-preliminary')).toMatchObject({ filed: own });
    expect(both.clocks.find((k) => k.kind === 'ppc-preliminary')!.coveredByFinal).toBeUndefined();
  });
});

describe('the preliminary target window', () => {
  it('learned 1 Dec: the window shown is 4 Dec – 6 Dec (days 3–5); the countdown runs to the end of 6 Dec', () => {
    const d = ppcDeadlines('2026-12-01T10:00:00+09:00', false);
    expect(d.preliminaryTarget).toMatchObject({ from: '2026-12-04', to: '2026-12-06', dueBy: '2026-12-06T15:00:00.000Z' });
  });
});
