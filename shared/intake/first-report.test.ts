/**
 * A report from the intake page becomes a first report in one step. The title and "who found
 * it" are cut to a number of characters as a person reads them (shared/alerts/message.ts's
 * firstChars, as for alerts): never a character outside the BMP (𠮷, emoji: two UTF-16 units)
 * cut in two, nor what reads as one character and is several code points — a ZWJ emoji
 * sequence (👨‍👩‍👧‍👦 is 7), a flag (🇯🇵 is 2 regional indicators), a kana with a combining
 * voiced mark as macOS file names and some IMEs produce (NFD: か + U+3099 = が).
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

const seg = new Intl.Segmenter('ja', { granularity: 'grapheme' });
const graphemes = (s: string) => [...seg.segment(s)].map((g) => g.segment);

/** The title without its prefix and trailing ellipsis. */
const kept = (title: string) => title.slice(words.titlePrefix.length).replace(/…$/, '');

describe('an intake report whose cut falls inside what a person reads as one character', () => {
  it('a ZWJ family emoji at the cut is kept whole or left out, never cut into a partial sequence', () => {
    const family = '👨‍👩‍👧‍👦';
    const what = `${'あ'.repeat(57)}${family}の写真付きの顧客名簿を誤って送信しました`;
    const { title } = firstReportFromIntake({ ...base, what }, '2026-12-01T00:00:00.000Z', '山田', words);
    const body = kept(title);
    // Every grapheme of what is kept is a grapheme of the first line (no dangling ZWJ, no half family).
    const original = new Set(graphemes(what));
    const broken = graphemes(body).filter((g) => !original.has(g));
    expect(broken, `title ends ${JSON.stringify(title.slice(-8))}`).toEqual([]);
    expect(/\u200d$/.test(body), 'the title ends in a dangling zero-width joiner').toBe(false);
  });

  it('a flag at the cut is not left as a lone regional indicator', () => {
    const what = `${'い'.repeat(58)}🇯🇵国内の顧客データ流出の疑い`;
    const { title } = firstReportFromIntake({ ...base, what }, '2026-12-01T00:00:00.000Z', '山田', words);
    const body = kept(title);
    const regional = [...body].filter((c) => /\p{Regional_Indicator}/u.test(c)).length;
    expect(regional % 2, `title ends ${JSON.stringify(title.slice(-6))}`).toBe(0);
  });

  it('a kana with a combining voiced mark (NFD, pasted from a Mac file name) is not cut from its mark: が does not become か', () => {
    // "ガイドライン違反" typed in NFD: each ガ/ド/イ… voiced kana is two code points.
    const nfd = 'ガイドライン'.normalize('NFD');
    const what = `${'う'.repeat(58)}${nfd}違反のファイルを社外に送信`;
    const { title } = firstReportFromIntake({ ...base, what }, '2026-12-01T00:00:00.000Z', '山田', words);
    const body = kept(title);
    const original = new Set(graphemes(what));
    const broken = graphemes(body).filter((g) => !original.has(g));
    // A lone カ where the reporter wrote ガ changes the word.
    expect(broken, `title ends ${JSON.stringify(title.slice(-4))}`).toEqual([]);
  });

  it('"who found it": a name ending in a ZWJ sequence at the 500 cut keeps it whole or drops it', () => {
    // name (≤200) + " / " + contact (≤500): a cut at 500 code points would fall inside the sequence.
    const name = '髙橋'.padEnd(200, '様');
    const contact = `${'x'.repeat(295)}🧑‍💻 内線1234`;
    const { report } = firstReportFromIntake({ ...base, what: '誤送信', name, contact }, '2026-12-01T00:00:00.000Z', '山田', words);
    const who = `${name} / ${contact}`;
    const original = new Set(graphemes(who));
    const broken = graphemes(report.foundBy).filter((g) => !original.has(g));
    expect(broken, `foundBy ends ${JSON.stringify(report.foundBy.slice(-6))}`).toEqual([]);
  });

  it('a first line of exactly 60 characters is not cut; 61 is cut to 59 + …', () => {
    const sixty = 'え'.repeat(60);
    expect(firstReportFromIntake({ ...base, what: sixty }, 'x', 'y', words).title).toBe(`${words.titlePrefix}${sixty}`);
    const t = firstReportFromIntake({ ...base, what: `${sixty}お` }, 'x', 'y', words).title;
    expect(t).toBe(`${words.titlePrefix}${'え'.repeat(59)}…`);
  });

  it('a first line of 60 voiced kana in NFD (120 code points) is 60 characters: not cut', () => {
    const what = 'ガ'.repeat(60).normalize('NFD');
    expect(firstReportFromIntake({ ...base, what }, 'x', 'y', words).title).toBe(`${words.titlePrefix}${what}`);
  });
});
