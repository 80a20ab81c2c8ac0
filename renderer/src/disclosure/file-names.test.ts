import { describe, expect, it } from 'vitest';
import { tFor } from './doc-lang';
import { documentFileName } from './file-names';

// 01:30 on 2 December in Tokyo is still 1 December in UTC.
const NOW = Date.parse('2026-12-01T16:30:00Z');

describe('the name of a saved or printed document', () => {
  it('says what it is and the local date, in the language on screen, never the incident title or the UTC day', () => {
    expect(documentFileName(tFor('ja'), { kind: 'statement', version: 2 }, NOW, 'Asia/Tokyo')).toBe('声明文_第2版_2026-12-02');
    expect(documentFileName(tFor('en'), { kind: 'statement', version: 2 }, NOW, 'Asia/Tokyo')).toBe('statement_v2_2026-12-02');
    expect(documentFileName(tFor('ja'), { kind: 'notice', version: 1 }, NOW, 'Asia/Tokyo')).toBe('本人への通知文_第1版_2026-12-02');
    expect(documentFileName(tFor('en'), { kind: 'notice', version: 1 }, NOW, 'Asia/Tokyo')).toBe('notice-to-individuals_v1_2026-12-02');
    expect(documentFileName(tFor('ja'), { kind: 'ppc', stage: 'preliminary' }, NOW, 'Asia/Tokyo')).toBe('個人情報保護委員会への報告_速報_2026-12-02');
    expect(documentFileName(tFor('en'), { kind: 'ppc', stage: 'final' }, NOW, 'Asia/Tokyo')).toBe('PPC-report_Final_2026-12-02');
  });
});
