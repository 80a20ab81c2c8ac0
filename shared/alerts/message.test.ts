import { describe, expect, it } from 'vitest';
import { detailedText, firstChars, reminderText, scrub } from './message';

describe('a title typed in a hurry, on a channel opted in for details', () => {
  it('loses addresses and numbers however they were typed (IME full-width, dots, commas, slashes)', () => {
    const titles: [string, string[]][] = [
      ['hanako＠example.jp から問い合わせ', ['hanako', 'example']],
      ['会員 1,240 件流出', ['1,240', '240']],
      ['会員１，２４０件', ['２４０']],
      ['電話 090.1234.5678 の方', ['090', '1234', '5678']],
      ['口座 12.345.678', ['345', '678']],
      ['カード 4111/1111/1111/1111', ['4111']],
      ['〒１００－０００１ 東京都', ['１００', '０００１']],
      // Found by a stranger's probe: these went through.
      ['山田花子様 hanako.yamada @ example.jp 流出', ['hanako', 'example']],
      ['会員 hanako.yamada(at)example.jp', ['hanako', 'example']],
      ['電話 〇九〇ー一二三四ー五六七八 の顧客', ['一二三四', '五六七八']],
      ['会員番号 A1B2C3D4E5 の漏えい', ['A1B2C3D4E5', 'D4E5']],
      ['カード 4111‐1111・1111・1111', ['4111']],
      ['電話 090−1234−5678', ['1234', '5678']],
    ];
    for (const [title, leaks] of titles) {
      const out = scrub(title);
      for (const leak of leaks) expect(out, title).not.toContain(leak);
    }
  });

  it('keeps the words of the title, and short codes and counts of words', () => {
    expect(detailedText('high', '委託先サーバーへの不正アクセス').ja).toContain('委託先サーバーへの不正アクセス');
    expect(scrub('Win7 端末 3台 の紛失')).toBe('Win7 端末 3台 の紛失');
  });

  it('never cuts a character outside the BMP in two at its length limits', () => {
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    expect(lone.test(scrub(`${'x'.repeat(79)}𠮷野家`))).toBe(false);
    expect(scrub(`${'x'.repeat(79)}𠮷野家`)).toBe(`${'x'.repeat(79)}𠮷`);
    expect(lone.test(reminderText(`${'x'.repeat(59)}😀`).ja)).toBe(false);
  });

  it('cuts by characters as a person reads them: a ZWJ sequence, a flag, a kana and its voiced mark stay whole', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(firstChars(`${'x'.repeat(10)}${family}cd`, 11)).toBe(`${'x'.repeat(10)}${family}`);
    expect(firstChars(`${'x'.repeat(10)}${family}cd`, 10)).toBe('x'.repeat(10));
    expect(firstChars(`${'x'.repeat(10)}🇯🇵🇺🇸🇬🇧`, 11)).toBe(`${'x'.repeat(10)}🇯🇵`);
    expect(firstChars(`${'x'.repeat(10)}🇯🇵🇺🇸🇬🇧`, 12)).toBe(`${'x'.repeat(10)}🇯🇵🇺🇸`);
    const nfd = 'ガイドライン'.normalize('NFD');
    expect(firstChars(nfd, 3)).toBe('ガイド'.normalize('NFD'));
    expect(firstChars(nfd, 6)).toBe(nfd);
    expect(scrub(`${'x'.repeat(79)}${family}`)).toBe(`${'x'.repeat(79)}${family}`);
    expect(firstChars('', 5)).toBe('');
    expect(firstChars('abc', 0)).toBe('');
  });

  it('keeps no more UTF-16 units than the first n code points could be (2·n): a letter under hundreds of marks is left out, not kept whole', () => {
    const zalgo = `a${'\u0301'.repeat(500)}`;
    expect(firstChars(`xy${zalgo}z`, 80)).toBe('xy');
    const t = scrub(zalgo.repeat(80));
    expect(t.length).toBeLessThanOrEqual(160);
    // The opted-in title stays within what an alert's text holds (alerts.escalation-started: 1,000).
    expect(detailedText('high', `${'あ'.repeat(10)}${zalgo.repeat(80)}`).ja.length).toBeLessThan(1000);
    // Families (11 units each): as many whole ones as fit in 2·n units.
    expect(firstChars('👨‍👩‍👧‍👦'.repeat(20), 10)).toBe('👨‍👩‍👧‍👦');
  });
});
