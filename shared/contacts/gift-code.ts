/**
 * Apology-gift codes (お詫び品のコード): one per letter, printed on it, typed by the customer
 * on the gift vendor's site and sent back to us in the vendor's redemption file.
 *
 * A code is the letter's reference number (shared/contacts/reference.ts: list number and
 * row, 10 digits before the check digit, < 2^34) with a 26-bit tag of zeros, as a 60-bit
 * block encrypted by a keyed permutation: an 8-round balanced Feistel network over two
 * 30-bit halves whose round function is SipHash-2-4 (a keyed PRF, synchronous and ~0.3 µs:
 * printing a million letters must not wait on a million asynchronous WebCrypto calls).
 * Written as 12 Crockford base32 characters (no I, L, O, U: nothing to confuse) and a
 * check character over GF(32), in groups of 4-4-5: `7KQ2-M9XD-4H1TC`.
 *
 * - Unique by construction: a permutation of distinct references gives distinct codes.
 * - Unguessable: a code someone makes up passes the check character 1 time in 32 and the
 *   tag 1 time in 2^26 — about one in two billion; the vendor only accepts codes that verify.
 * - Reversible: a redeemed code decrypts to its reference number, so no table of millions
 *   of codes is kept and nothing stores a code in clear.
 * - Every single-character error and every swap of two neighbouring characters is caught
 *   by the check character (weights α^k in GF(32) are distinct and non-zero).
 *
 * The key is derived from the workspace's bulk-index key and the incident id (HMAC-SHA-256,
 * `deriveGiftKey`): every laptop of the team derives the same codes, another incident's
 * codes do not verify here, and without the workspace key a code says nothing.
 */
import { sipHash24 } from './siphash';
import { MAX_LIST_NO, MAX_REFERENCE_ROW, referenceNumber } from './reference';

export const GIFT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const GIFT_CODE_CHARS = 13;
const DATA_CHARS = 12;
const HALF = 2 ** 30;
const HALF_MASK = HALF - 1;
const ROUNDS = 8;
/** Plain blocks below this carry a zero tag: the reference body is < 10^10 < 2^34. */
const PLAIN_LIMIT = 2 ** 34;

const INFO = 'honbu/contacts/gift-code/v1';

/** The 16-byte SipHash key for an incident's codes, from the raw bulk-index key (tokens.ts). */
export async function deriveGiftKey(bulkIndexKey: Uint8Array, incidentId: string): Promise<Uint32Array> {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(bulkIndexKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${INFO}\u0000${incidentId}`));
  return new Uint32Array(mac.slice(0, 16));
}

// GF(32) with x^5 + x^2 + 1: α = 2 generates the 31 non-zero elements.
const EXP = new Uint8Array(62);
const LOG = new Uint8Array(32);
{
  let x = 1;
  for (let i = 0; i < 31; i++) {
    EXP[i] = EXP[i + 31] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 32) x ^= 0b100101;
  }
}
const gmul = (a: number, b: number) => (a === 0 || b === 0 ? 0 : EXP[LOG[a]! + LOG[b]!]!);

/** The check symbol: Σ α^(i+1)·dᵢ over the 12 data symbols, so that it plus the sum is 0. */
function checkSymbol(symbols: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < DATA_CHARS; i++) sum ^= gmul(EXP[i + 1]!, symbols[i]!);
  return sum;
}

export class GiftCoder {
  private readonly buf = new Uint8Array(5);
  constructor(private readonly key: Uint32Array) {
    if (key.length < 4) throw new Error('gift: key too short');
  }

  private round(i: number, half: number): number {
    const b = this.buf;
    b[0] = i;
    b[1] = half & 0xff;
    b[2] = (half >>> 8) & 0xff;
    b[3] = (half >>> 16) & 0xff;
    b[4] = (half >>> 24) & 0xff;
    return sipHash24(this.key, b).lo & HALF_MASK;
  }

  /** The code of row `row` (0-based) of list `listNo`, 13 characters without dashes. */
  code(listNo: number, row: number): string {
    const plain = Number(referenceNumber(listNo, row).slice(0, 10));
    let l = Math.floor(plain / HALF);
    let r = plain % HALF;
    for (let i = 0; i < ROUNDS; i++) [l, r] = [r, (l ^ this.round(i, r)) >>> 0];
    const symbols = new Array<number>(GIFT_CODE_CHARS);
    // 60 bits as 12 symbols, most significant first: 6 from each half.
    for (let k = 0; k < 6; k++) {
      symbols[k] = (l >>> (25 - 5 * k)) & 31;
      symbols[6 + k] = (r >>> (25 - 5 * k)) & 31;
    }
    symbols[DATA_CHARS] = checkSymbol(symbols);
    return symbols.map((s) => GIFT_ALPHABET[s]).join('');
  }

  /** What a typed or vendor-sent code is: its list and row, or why it is not one of ours. */
  read(input: string): ReadGiftCode {
    const parsed = giftSymbols(input);
    if (!parsed.ok) return parsed;
    const s = parsed.symbols;
    let l = 0;
    let r = 0;
    for (let k = 0; k < 6; k++) {
      l = (l << 5) | s[k]!;
      r = (r << 5) | s[6 + k]!;
    }
    for (let i = ROUNDS - 1; i >= 0; i--) [l, r] = [(r ^ this.round(i, l)) >>> 0, l];
    const plain = l * HALF + r;
    if (plain >= PLAIN_LIMIT) return { ok: false, problem: 'unknown' };
    const listNo = Math.floor(plain / 1e8);
    const row = (plain % 1e8) - 1;
    if (listNo < 1 || listNo > MAX_LIST_NO || row < 0 || row > MAX_REFERENCE_ROW) return { ok: false, problem: 'unknown' };
    return { ok: true, listNo, row, code: parsed.code };
  }
}

/** `format`: printed and shown as 4-4-5. */
export function formatGiftCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/**
 * - `empty`, `length`, `characters`: not a code at all (a letter that cannot be in one);
 * - `check`: mistyped (the check character disagrees);
 * - `unknown`: well formed, but not a code this incident issued (a guess, another incident).
 */
export type GiftCodeProblem = 'empty' | 'length' | 'characters' | 'check' | 'unknown';
export type ReadGiftCode = { ok: true; listNo: number; row: number; code: string } | { ok: false; problem: GiftCodeProblem };

/**
 * Whether text has the shape of a gift code with a consistent check character — no key needed,
 * so a file's columns can be told apart before any code is read.
 */
export function looksLikeGiftCode(input: string): boolean {
  return giftSymbols(input).ok;
}

/** Crockford's reading: case-insensitive, O as 0, I and L as 1; dashes and spaces dropped; full-width as half-width. */
function giftSymbols(input: string): { ok: true; symbols: number[]; code: string } | { ok: false; problem: GiftCodeProblem } {
  const s = input.normalize('NFKC').toUpperCase().replace(/[\s\-‐‑‒–—―−ー－]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!s) return { ok: false, problem: 'empty' };
  const symbols: number[] = [];
  for (const ch of s) {
    const v = GIFT_ALPHABET.indexOf(ch);
    if (v < 0) return { ok: false, problem: 'characters' };
    symbols.push(v);
  }
  if (symbols.length !== GIFT_CODE_CHARS) return { ok: false, problem: 'length' };
  if (checkSymbol(symbols) !== symbols[DATA_CHARS]) return { ok: false, problem: 'check' };
  return { ok: true, symbols, code: s };
}
