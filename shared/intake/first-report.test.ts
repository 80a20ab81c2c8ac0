/**
 * A report from the intake page becomes a first report in one step. Characters outside the
 * BMP (𠮷, emoji) are two UTF-16 units; the title and "who found it" are cut to a number of
 * characters and never cut such a character in two (shared/alerts/message.ts's firstChars,
 * as for alerts).
 */
import { describe, expect, it } from 'vitest';
import { firstReportFromIntake } from './first-report';
import type { IntakeReport } from './report';

const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const words = { titlePrefix: '通報: ', anonymous: '匿名' };
const base: IntakeReport = { v: 1, lang: 'ja', what: '', when: '', where: '', howMany: '', name: '', contact: '', };

describe('an intake report with characters outside the BMP, filed as a first report', () => {
  it('keeps 𠮷 whole when the first line is cut for the title', () => {
    // 58 characters, then 𠮷 (two UTF-16 units) where a cut by units at 59 would split it.
    const what = `${'あ'.repeat(58)}𠮷野家の店舗で顧客名簿を紛失しました`;
    const { title } = firstReportFromIntake({ ...base, what }, '2026-12-01T00:00:00.000Z', '山田', words);
    expect(lone.test(title), `title ends ${JSON.stringify(title.slice(-4))}`).toBe(false);
  });

  it('keeps an emoji whole when the reporter’s name and contact are cut for "who found it"', () => {
    // name 200 + " / " + contact: a cut at 500 UTF-16 units would fall inside the 😀 ending at unit 501.
    const name = '髙橋'.padEnd(200, '様');
    const contact = `${'x'.repeat(296)}😀 内線`;
    const { report } = firstReportFromIntake({ ...base, what: '誤送信', name, contact }, '2026-12-01T00:00:00.000Z', '山田', words);
    expect(report.foundBy.startsWith('髙橋')).toBe(true);
    expect(lone.test(report.foundBy), `foundBy ends ${JSON.stringify(report.foundBy.slice(-4))}`).toBe(false);
  });
});
