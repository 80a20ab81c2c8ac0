/**
 * An invite code typed on a Japanese laptop names the same invite as the code shown: an IME
 * left in full-width mode types ７Ｋ２ＱＤ－９ＸＷ４Ｍ…, and the hyphen of a code read aloud is
 * often typed as ー (the long-vowel mark), ‐, − or –. Case, spaces (the ideographic one too),
 * dash-like separators and look-alike letters are forgiven (normaliseInviteCode).
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
