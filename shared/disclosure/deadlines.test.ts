import { describe, expect, it } from 'vitest';
import { DAY_COUNTING, addDays, countdown, endOfJstDay, gdprDeadline, jstDate, ppcDeadlines } from './deadlines';

describe('jstDate', () => {
  it('gives the Tokyo date of a UTC instant late in the day', () => {
    expect(jstDate('2026-03-31T15:30:00Z')).toBe('2026-04-01');
    expect(jstDate('2026-03-31T14:59:59.999Z')).toBe('2026-03-31');
    expect(jstDate('2026-03-31T15:00:00.000Z')).toBe('2026-04-01');
    expect(jstDate('2026-04-01T00:10:00+09:00')).toBe('2026-04-01');
    expect(jstDate('2026-12-31T20:00:00Z')).toBe('2027-01-01');
  });

  it('takes a bare date as a Tokyo calendar date', () => {
    expect(jstDate('2026-01-31')).toBe('2026-01-31');
  });

  it('refuses an instant without an offset and a date that does not exist', () => {
    expect(() => jstDate('2026-03-31T15:30')).toThrow(RangeError);
    expect(() => jstDate('2026-02-30')).toThrow(RangeError);
    expect(() => jstDate('not a date')).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-01-31', 30, '2026-03-02'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-01-31', 30, '2028-03-01'],
    ['2028-01-30', 30, '2028-02-29'],
    ['2028-02-01', 30, '2028-03-02'],
    ['2026-12-15', 30, '2027-01-14'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('ppcDeadlines', () => {
  it('final report within 30 days, the learned day being day 0, due by the end of the day in Tokyo', () => {
    const d = ppcDeadlines('2026-11-20T01:00:00Z', false);
    expect(d.learnedDate).toBe('2026-11-20');
    expect(d.final).toMatchObject({ date: '2026-12-20', days: 30, dueBy: '2026-12-20T15:00:00.000Z' });
    expect(d.final.basis).toMatchObject({ rule: 'final-30', counting: DAY_COUNTING, learnedDate: '2026-11-20', assumption: 'none' });
    expect(d.final.basis.stricterReading.date).toBe('2026-12-19');
  });

  it('60 days when an improper purpose (case 3) applies', () => {
    const d = ppcDeadlines('2026-11-20T01:00:00Z', true);
    expect(d.final).toMatchObject({ date: '2027-01-19', days: 60 });
    expect(d.final.basis.rule).toBe('final-60-improper-purpose');
  });

  it('an unknown improper purpose gives the earlier 30-day date, and says so', () => {
    const d = ppcDeadlines('2026-11-20T01:00:00Z', null);
    expect(d.final.days).toBe(30);
    expect(d.final.basis.assumption).toBe('improper-purpose-unknown-earlier-deadline');
  });

  it('counts across month ends and leap years', () => {
    expect(ppcDeadlines('2026-01-31', false).final.date).toBe('2026-03-02');
    expect(ppcDeadlines('2028-01-31T03:00:00Z', false).final.date).toBe('2028-03-01');
    expect(ppcDeadlines('2028-01-30T03:00:00Z', true).final.date).toBe('2028-03-30');
    expect(ppcDeadlines('2028-02-29', false).final.date).toBe('2028-03-30');
  });

  it('starts from the Tokyo date, not the UTC date', () => {
    const d = ppcDeadlines('2026-03-31T15:30:00Z', false);
    expect(d.learnedDate).toBe('2026-04-01');
    expect(d.final.date).toBe('2026-05-01');
    expect(d.preliminaryTarget).toMatchObject({ from: '2026-04-04', to: '2026-04-06', dueBy: '2026-04-06T15:00:00.000Z' });
  });

  it('the preliminary report has a 3–5 day target window, not a legal date', () => {
    const d = ppcDeadlines('2026-11-20T01:00:00Z', false);
    expect(d.preliminaryTarget).toMatchObject({ from: '2026-11-23', to: '2026-11-25' });
    expect(d.preliminaryTarget.basis).toMatchObject({ rule: 'promptly-target', targetDays: { min: 3, max: 5 } });
    expect(d.notice.rule).toBe('promptly');
  });

  it('endOfJstDay is midnight Tokyo of the next day', () => {
    expect(endOfJstDay('2026-02-28')).toBe('2026-02-28T15:00:00.000Z');
  });
});

describe('gdprDeadline', () => {
  it('is 72 hours after becoming aware, to the minute', () => {
    expect(gdprDeadline('2026-11-20T10:15:00Z')).toMatchObject({ dueAt: '2026-11-23T10:15:00.000Z', hours: 72, source: 'GDPR Art. 33(1)' });
    expect(gdprDeadline('2028-02-27T23:00:00+09:00').dueAt).toBe('2028-03-01T14:00:00.000Z');
  });
});

describe('countdown', () => {
  it('time left in days, hours and minutes, rounded down', () => {
    expect(countdown('2026-11-23T10:15:00Z', '2026-11-21T07:10:30Z')).toMatchObject({ overdue: false, days: 2, hours: 3, minutes: 4 });
  });

  it('time since, once overdue', () => {
    expect(countdown('2026-11-23T10:15:00Z', '2026-11-23T11:20:00Z')).toMatchObject({ overdue: true, days: 0, hours: 1, minutes: 5 });
  });

  it('is not overdue at the deadline itself', () => {
    expect(countdown('2026-11-23T10:15:00Z', '2026-11-23T10:15:00Z')).toEqual({ overdue: false, days: 0, hours: 0, minutes: 0, ms: 0 });
  });
});
