import { describe, expect, it } from 'vitest';
import { isWithinHours, parseHours } from './hours';

const JST = (iso: string) => Date.parse(`${iso}+09:00`);

describe('hours as a company list writes them', () => {
  it('reads minutes in 分, 半 for half past, 翌 for the next morning, a note in brackets and 24時間365日', () => {
    const cases: [string, string, boolean][] = [
      ['平日 8時30分〜17時15分', '2026-12-02T08:45', true],
      ['平日 8時30分〜17時15分', '2026-12-02T17:20', false],
      ['9時半-18時', '2026-12-02T09:15', false],
      ['9時半-18時', '2026-12-02T09:35', true],
      ['平日 9:00～18:00（祝日除く）', '2026-12-02T10:00', true],
      ['平日 9:00～18:00（祝日除く）', '2026-12-05T10:00', false],
      ['平日 18時-翌9時', '2026-12-03T02:00', true],
      ['平日 18時-翌9時', '2026-12-03T12:00', false],
      ['24時間365日', '2026-12-06T03:00', true],
      ['平日９時〜１８時', '2026-12-02T09:00', true],
    ];
    for (const [text, at, within] of cases) {
      const p = parseHours(text);
      expect(p.ok, text).toBe(true);
      if (p.ok) expect(isWithinHours(p.hours, JST(at)), `${text} at ${at}`).toBe(within);
    }
  });

  it('reads 夜間のみ, 土日祝, 平日のみ, 祝日 and 祝日除く, with Japan’s public holidays, in Japan time', () => {
    // 2026-05-06 (Wed) is a substitute holiday (5/3 fell on a Sunday); 2026-09-22 (Tue) a
    // citizens' holiday between 敬老の日 and 秋分の日; 2026-05-07 (Thu) and 2026-09-24 (Thu) working days.
    const cases: [string, string, boolean][] = [
      ['夜間のみ', '2026-05-07T18:00', true],
      ['夜間のみ', '2026-05-08T08:59', true],
      ['夜間のみ', '2026-05-08T09:00', false],
      ['夜間のみ', '2026-05-07T17:59', false],
      ['夜間', '2026-05-09T23:00', true],
      ['土日祝', '2026-05-06T11:00', true],
      ['土日祝', '2026-09-22T03:00', true],
      ['土日祝', '2026-05-07T11:00', false],
      ['土日祝', '2026-05-09T00:00', true],
      ['土日祝 10-17', '2026-05-06T12:00', true],
      ['土日祝 10-17', '2026-05-06T18:00', false],
      ['土日祝 10-17', '2026-05-07T12:00', false],
      ['平日のみ', '2026-05-07T12:00', true],
      ['平日のみ', '2026-05-06T12:00', false],
      ['平日 9-18', '2026-09-22T10:00', false],
      ['平日 9-18', '2026-09-24T10:00', true],
      ['月-金 9-18', '2026-09-22T10:00', true],
      ['月-金 9-18（祝日除く）', '2026-09-22T10:00', false],
      ['祝日 9-12', '2026-09-22T10:00', true],
      ['祝日 9-12', '2026-09-24T10:00', false],
      ['平日 夜間', '2026-05-05T20:00', false],
      ['平日 夜間', '2026-05-07T20:00', true],
      // Past midnight belongs to the day the window starts: Thursday night's 3:00 on Friday.
      ['平日 夜間', '2026-05-08T03:00', true],
      ['平日 夜間', '2026-05-07T03:00', false],
      ['weekends and holidays 10-17', '2026-05-06T12:00', true],
    ];
    for (const [text, at, within] of cases) {
      const p = parseHours(text);
      expect(p.ok, text).toBe(true);
      if (p.ok) expect(isWithinHours(p.hours, JST(at)), `${text} at ${at}`).toBe(within);
    }
  });

  it('judges in Japan time whatever the laptop’s zone: the holiday starts at midnight in Tokyo', () => {
    const p = parseHours('土日祝');
    if (!p.ok) throw new Error('unread');
    // 2026-05-06T15:00Z is Thursday 5/7 0:00 in Tokyo (a working day), still the holiday 5/6 in London.
    expect(isWithinHours(p.hours, Date.parse('2026-05-06T14:59:00Z'))).toBe(true);
    expect(isWithinHours(p.hours, Date.parse('2026-05-06T15:00:00Z'))).toBe(false);
  });
});

describe('days left out: 土日祝除く and 以外 name the days the person is NOT reachable', () => {
  it('"土日祝除く 9-18" is weekdays that are not holidays — not weekends', () => {
    // 2026-12-05 is a Saturday, 2026-12-07 a Monday, 2026-11-23 (Mon) 勤労感謝の日, 2026-09-22 (Tue) a citizens' holiday.
    const cases: [string, string, boolean][] = [
      ['土日祝除く 9-18', '2026-12-07T10:00', true],
      ['土日祝除く 9-18', '2026-12-05T10:00', false],
      ['土日祝除く 9-18', '2026-11-23T10:00', false],
      ['土日祝日を除く 9時-18時', '2026-12-07T10:00', true],
      ['土日祝日を除く 9時-18時', '2026-12-06T10:00', false],
      ['土日・祝日を除く 9:00-18:00', '2026-09-22T10:00', false],
      ['土日・祝日を除く 9:00-18:00', '2026-09-24T10:00', true],
      ['9-18（土日祝除く）', '2026-12-05T10:00', false],
      ['9-18（土日祝除く）', '2026-12-07T10:00', true],
      ['9-18 土日祝除く', '2026-11-23T10:00', false],
      ['日曜・祝日以外 8-20', '2026-12-05T10:00', true],
      ['日曜・祝日以外 8-20', '2026-12-06T10:00', false],
      ['土日祝以外', '2026-12-07T23:00', true],
      ['土日祝以外', '2026-12-05T23:00', false],
      // Still as before: 祝日除く leaves holidays out of the days named.
      ['平日 9-18（祝日除く）', '2026-11-23T10:00', false],
      ['月-金 9-18 祝日除く', '2026-11-24T10:00', true],
      ['祝日以外 9-18', '2026-12-05T10:00', true],
    ];
    for (const [text, at, within] of cases) {
      const p = parseHours(text);
      expect(p.ok, text).toBe(true);
      if (p.ok) expect(isWithinHours(p.hours, JST(at)), `${text} at ${at}`).toBe(within);
    }
    // Names no day at all: refused rather than guessed, as before.
    expect(parseHours('祝日以外').ok).toBe(false);
  });
});
