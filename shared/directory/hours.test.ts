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

  it('still refuses what says no time ("夜間のみ", "土日祝")', () => {
    expect(parseHours('夜間のみ').ok).toBe(false);
    expect(parseHours('土日祝').ok).toBe(false);
  });
});
