import { describe, expect, it } from 'vitest';
import { formatCalendarDate, localDate } from './format';

describe('file-name dates', () => {
  it('a batch created at 1:56 on 2 December in Tokyo is dated 2026-12-02, not the UTC day before', () => {
    expect(localDate('2026-12-01T16:56:00.000Z', 'Asia/Tokyo')).toBe('2026-12-02');
    expect(localDate('2026-12-02T14:59:00.000Z', 'Asia/Tokyo')).toBe('2026-12-02');
    expect(localDate('2026-12-01T16:56:00.000Z', 'UTC')).toBe('2026-12-01');
  });
});

describe('deadline dates in the language on screen', () => {
  it('reads 2026/12/07 in Japanese and 7 Dec 2026 in English, never the ISO form or a shifted day', () => {
    expect(formatCalendarDate('2026-12-07', 'ja')).toBe('2026/12/07');
    expect(formatCalendarDate('2026-12-07', 'en')).toBe('7 Dec 2026');
    expect(formatCalendarDate(null, 'en')).toBe('');
  });
});
