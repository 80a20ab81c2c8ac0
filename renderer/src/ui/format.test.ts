import { describe, expect, it } from 'vitest';
import { localDate } from './format';

describe('file-name dates', () => {
  it('a batch created at 1:56 on 2 December in Tokyo is dated 2026-12-02, not the UTC day before', () => {
    expect(localDate('2026-12-01T16:56:00.000Z', 'Asia/Tokyo')).toBe('2026-12-02');
    expect(localDate('2026-12-02T14:59:00.000Z', 'Asia/Tokyo')).toBe('2026-12-02');
    expect(localDate('2026-12-01T16:56:00.000Z', 'UTC')).toBe('2026-12-01');
  });
});
