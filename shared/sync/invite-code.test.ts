/**
 * An invite code typed on a Japanese laptop names the same invite as the code shown: an IME
 * left in full-width mode types ７Ｋ２ＱＤ－９ＸＷ４Ｍ…, and the hyphen of a code read aloud is
 * often typed as ー (the long-vowel mark), ‐, − or –. Case, spaces (the ideographic one too),
 * dash-like separators and look-alike letters are forgiven (normaliseInviteCode), and so are the
 * invisible characters a chat leaves in a copied code. Lookalikes from other scripts never pass:
 * no code is widened.
 */
import { describe, expect, it } from 'vitest';
import { canonicalCode, inviteIdOf, newInviteCode } from './invite-code';

/** What an IME in full-width mode makes of ASCII letters, digits and the hyphen. */
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('an invite code typed in full-width characters', () => {
  it('full-width letters, digits and hyphens name the same invite as the code shown', async () => {
    const code = newInviteCode();
    const typed = fullWidth(code);
    expect(typed).not.toBe(code);
    expect(() => canonicalCode(typed)).not.toThrow();
    expect(await inviteIdOf(typed)).toBe(await inviteIdOf(code));
  });

  it('a code whose groups are separated by ー (long-vowel mark), ‐ or − is accepted', () => {
    const code = newInviteCode();
    const canonical = code.replace(/-/g, '');
    for (const dash of ['ー', '‐', '−', '–']) expect(canonicalCode(code.replace(/-/g, dash))).toBe(canonical);
  });

  it('spaces, including the ideographic space, are forgiven', () => {
    const code = newInviteCode();
    expect(canonicalCode(` ${code.replace(/-/g, '\u3000')} `)).toBe(code.replace(/-/g, ''));
  });

  it('what is not a code stays refused: a character outside the alphabet, a group too many or too few', () => {
    const code = newInviteCode();
    expect(() => canonicalCode(`${code}-7`)).toThrow();
    expect(() => canonicalCode(code.slice(0, -1))).toThrow();
    expect(() => canonicalCode(`${code.slice(0, -1)}＃`)).toThrow();
    expect(() => canonicalCode(`${code.slice(0, -1)}ア`)).toThrow();
  });
});

describe('an invite code with lookalikes and invisible characters', () => {
  it('Cyrillic or Greek lookalike letters are refused, not read as the Latin code', () => {
    const code = '7K2QD-9XW4M-ABCDE-FGH0J';
    for (const typed of [code.replace('A', '\u0410'), code.replace('K', '\u039a'), code.replace('0', '\u041e'), code.replace('M', '\u041c')]) {
      expect(() => canonicalCode(typed)).toThrow();
    }
  });

  it('O, I and L read as 0, 1 and 1 only — never widening a generated code (generated codes hold none of them)', () => {
    for (let i = 0; i < 200; i++) expect(newInviteCode()).not.toMatch(/[OIL]/);
    expect(canonicalCode('7k2qd-9xw4m-abcde-fgho1')).toBe(canonicalCode('7K2QD-9XW4M-ABCDE-FGH0I'));
  });

  it('a code that normalises to nothing, or to fewer than 20 characters, is refused', () => {
    for (const typed of ['', '－－－', 'ーーーー', '\u3000 \u00ad', 'ⅫⅫ', '\u200b\u2060\ufeff', `${'7K2QD'}\u200b`]) expect(() => canonicalCode(typed)).toThrow();
  });

  it('a code copied from a chat with a zero-width space, joiner or non-joiner, a word joiner or a byte-order mark between or inside its groups names the same invite', async () => {
    const code = newInviteCode();
    for (const sep of ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']) {
      for (const typed of [code.replace(/-/g, sep), `${sep}${code.slice(0, 2)}${sep}${code.slice(2)}${sep}`]) {
        expect(canonicalCode(typed)).toBe(canonicalCode(code));
        expect(await inviteIdOf(typed)).toBe(await inviteIdOf(code));
      }
    }
  });

  it('a code whose hyphen the IME turned into a box-drawing line ─ ━ (candidates of ー) or a two- or three-em dash ⸺ ⸻ names the same invite', () => {
    const code = newInviteCode();
    const canonical = code.replace(/-/g, '');
    for (const dash of ['\u2500', '\u2501', '\u2e3a', '\u2e3b']) expect(canonicalCode(code.replace(/-/g, dash))).toBe(canonical);
  });
});
