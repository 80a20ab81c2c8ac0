/**
 * Units in a header and times as vendors write them (decision 031, addendum of the re-attack).
 */
import { describe, expect, it } from 'vitest';
import { durationUnit, readDuration, readDurationIn, readTimeOnDay } from './vendor-values';

const at = (s: string) => readTimeOnDay(s, '2026-12-07')?.slice(11, 16) ?? null;

describe('times', () => {
  it('半 is half past: 午後3時半, 3時半, 15時半; 15時30分 as before', () => {
    expect(['午後3時半', '3時半', '15時半', '15時30分', '午前0時半', '午後 3時半'].map(at)).toEqual(['15:30', '03:30', '15:30', '15:30', '00:30', '15:30']);
  });
  it('半 with minutes is not guessed', () => {
    expect(at('3時半5分')).toBeNull();
  });
});

describe('units', () => {
  it('（単位：分）, （分単位）, (単位:分), (単位：秒), (時間単位) in a header', () => {
    expect(['通話時間（単位：分）', '通話時間（分単位）', '通話時間(単位:分)', '通話時間(単位：秒)', '処理時間（時間単位）', '通話時間（単位）'].map(durationUnit)).toEqual([60, 60, 60, 1, 3600, null]);
    expect(readDurationIn('4.5', durationUnit('平均処理時間（単位：分）'))).toBe(270);
  });
  it('decimal hours and minutes written in the cell', () => {
    expect(['1.5時間', '1.5 時間', '4.5分', '1時間30分', '2分5秒'].map((s) => readDuration(s))).toEqual([5400, 5400, 270, 5400, 125]);
  });
});
