import { describe, expect, it } from 'vitest';
import { detailedText, scrub } from './message';

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
    ];
    for (const [title, leaks] of titles) {
      const out = scrub(title);
      for (const leak of leaks) expect(out, title).not.toContain(leak);
    }
  });

  it('keeps the words of the title', () => {
    expect(detailedText('high', '委託先サーバーへの不正アクセス').ja).toContain('委託先サーバーへの不正アクセス');
  });
});
