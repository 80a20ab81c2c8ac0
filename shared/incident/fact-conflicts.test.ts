/** Facts that contradict each other as stored (two laptops' edits, each valid where it was made). */
import { describe, expect, it } from 'vitest';
import { checkReport, factConflicts } from './validate';

describe('factConflicts', () => {
  it('a maximum below the confirmed count is a contradiction naming both counts, with their values', () => {
    expect(factConflicts({ confirmedCount: 1800, maxCount: 1500 })).toEqual([{ reason: 'max-below-confirmed', facts: ['confirmedCount', 'maxCount'], counts: { confirmedCount: 1800, maxCount: 1500 } }]);
  });
  it('equal counts, a maximum above, or either unknown: none', () => {
    expect(factConflicts({ confirmedCount: 1500, maxCount: 1500 })).toEqual([]);
    expect(factConflicts({ confirmedCount: 1000, maxCount: 2000 })).toEqual([]);
    expect(factConflicts({ confirmedCount: 1800, maxCount: null })).toEqual([]);
    expect(factConflicts({ confirmedCount: null, maxCount: 0 })).toEqual([]);
    expect(factConflicts({ confirmedCount: 0, maxCount: 0 })).toEqual([]);
  });
  it('a report with crossed counts is still refused as before', () => {
    const report = { confirmedCount: 10, maxCount: 5 } as Parameters<typeof checkReport>[0];
    expect(checkReport(report, { first: false, now: 0 })).toContainEqual({ field: 'maxCount', reason: 'max-below-confirmed' });
  });
});
