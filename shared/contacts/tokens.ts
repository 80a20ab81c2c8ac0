/**
 * Blind-index tokens for bulk customer lists. The workspace's blind-index key (HMAC) is
 * the root; from it we derive a 128-bit key for SipHash-2-4, because a WebCrypto HMAC
 * call costs ~20 µs asynchronously and an import of 1M rows needs ~7M tokens, while
 * SipHash (a keyed PRF made for short inputs) costs well under a microsecond. Without the
 * workspace key a token reveals nothing. 64-bit tokens: a collision only adds a candidate
 * row, which lookups verify against the decrypted row.
 */
import { SIP_OUT, sipHash24, sipHash24Out } from './siphash';
import { foldNameVariants, kanaOfNfkc, MAX_KANA_PREFIX, MIN_KANA_PREFIX, nameOfNfkc, nfkc, normalizeCustomerNo, normalizeEmail, normalizeKana, normalizeName, normalizePhone, normalizePostcode } from './normalize';

/**
 * Kana prefixes of 2–4 characters: one character matches a tenth of a list, too many to
 * be a lookup, and each indexed kind costs every row a token at import.
 * 'pc' is the postcode alone: postcode + family name (or any part of the name, kanji or
 * kana) is checked on the few rows of that postcode. 'gn' is the given name, kanji and
 * kana, to narrow a kana search. 'pn' (postcode + full name) is what lists imported before
 * dataset version 2 have instead of 'pc'; it is no longer written.
 */
export const TOKEN_KINDS = ['no', 'phone', 'email', 'kp2', 'kp3', 'kp4', 'pn', 'pc', 'gn'] as const;
/** Kinds a list imported before dataset version 2 lacks (added by its upgrade). */
export const KINDS_SINCE_V2: readonly TokenKind[] = ['pc', 'gn'];
export type TokenKind = (typeof TOKEN_KINDS)[number];

const INFO = 'honbu/contacts/bulk-index/v1';

/** The raw bulk-index key, derived from (and only as secret as) the workspace index key. */
export async function deriveBulkIndexKey(indexKey: CryptoKey): Promise<Uint8Array> {
  const mac = await crypto.subtle.sign('HMAC', indexKey, new TextEncoder().encode(INFO));
  return new Uint8Array(mac);
}

export interface Token {
  hi: number;
  lo: number;
}

export class Tokenizer {
  private readonly buf = new Uint8Array(4096);
  private readonly encoder = new TextEncoder();

  private constructor(private readonly key: Uint32Array) {}

  static async create(bulkKey: Uint8Array): Promise<Tokenizer> {
    if (bulkKey.byteLength < 16) throw new Error('tokens: bulk-index key too short');
    return new Tokenizer(new Uint32Array(bulkKey.slice(0, 16).buffer));
  }

  /** Zeroes the key (on lock): tokens made afterwards match nothing. */
  forget(): void {
    this.key.fill(0);
  }

  /**
   * The token of the bytes m[0..len): UTF-8 of `${kind}\u0000${value}`, as token() encodes
   * it; the result is left in SIP_OUT ([hi, lo]). For loops over millions of values.
   */
  hashInto(m: Uint8Array, len: number): Uint32Array {
    sipHash24Out(this.key, m, len);
    return SIP_OUT;
  }

  /** Token of an already normalised value. */
  token(kind: TokenKind, normalised: string): Token {
    const text = `${kind}\u0000${normalised}`;
    const { read, written } = this.encoder.encodeInto(text, this.buf);
    if (read === text.length) return sipHash24(this.key, this.buf, written);
    return sipHash24(this.key, this.encoder.encode(text));
  }
}

export interface RowKeys {
  customerNo: string;
  name: string;
  kana: string;
  postcode: string;
  email: string;
  phone: string;
}

/** The normalised search values of a row ('' when absent or invalid). */
export interface NormalisedKeys {
  no: string;
  phone: string;
  email: string;
  kana: string;
  postcode: string;
  name: string;
  /** The given name (after the first space) in kanji and in kana, as givenKey() folds them. */
  given: string;
  givenKana: string;
}

/** The part of a name after its first space (full- or half-width), or '' for one word. */
export function givenPart(v: string): string {
  return givenOfNfkc(nfkc(v));
}

/** givenPart of a value already through nfkc() (NFKC, trimmed: the same words). */
function givenOfNfkc(v: string): string {
  // As v.split(/\s+/).slice(1).join(''), without an array per row: what follows the first
  // space, spaces left out (v is trimmed, so it does not start with one).
  const at = v.search(SPACE);
  return at < 0 ? '' : v.slice(at).replace(SPACES, '');
}
const SPACE = /\s/;
const SPACES = /\s+/g;

/** A given name as looked up: kanji kept, kana (either script, any width) as hiragana. */
export const givenKey = (v: string): string => normalizeKana(v);

/**
 * The keys of a row, each as normalizeX() / givenKey(givenPart()) make it; the name and the
 * kana go through NFKC once each here (an ICU call per field per row of an import).
 */
export function normaliseKeys(row: RowKeys): NormalisedKeys {
  const name = row.name ? nfkc(row.name) : '';
  const kana = row.kana ? nfkc(row.kana) : '';
  return {
    no: normalizeCustomerNo(row.customerNo),
    phone: row.phone ? normalizePhone(row.phone) : '',
    email: row.email ? normalizeEmail(row.email) : '',
    kana: kana ? kanaOfNfkc(kana) : '',
    postcode: row.postcode ? normalizePostcode(row.postcode) : '',
    name: name ? nameOfNfkc(name) : '',
    given: row.name ? givenKey(givenOfNfkc(name)) : '',
    givenKana: row.kana ? givenKey(givenOfNfkc(kana)) : '',
  };
}

/** Every (kind, normalised value) a row is found by. */
export function searchKeys(row: RowKeys, k: NormalisedKeys = normaliseKeys(row)): [TokenKind, string][] {
  const out: [TokenKind, string][] = [];
  if (k.no) out.push(['no', k.no]);
  if (k.phone) out.push(['phone', k.phone]);
  if (k.email) out.push(['email', k.email]);
  if (k.kana.length >= MIN_KANA_PREFIX) {
    const chars = [...k.kana];
    for (let n = MIN_KANA_PREFIX; n <= Math.min(MAX_KANA_PREFIX, chars.length); n++) out.push([`kp${n}` as TokenKind, chars.slice(0, n).join('')]);
  }
  if (k.postcode) out.push(['pc', k.postcode]);
  if (k.given) out.push(['gn', k.given]);
  if (k.givenKana && k.givenKana !== k.given) out.push(['gn', k.givenKana]);
  return out;
}

/**
 * Whether a row's name matches what the caller said next to the postcode: the family
 * name, the full name, or their start, in kanji or in kana (any width or script), a
 * variant kanji by its everyday form (髙橋 by 高橋).
 */
export function nameMatches(row: { name: string; kana: string }, said: string): boolean {
  const q = normalizeKana(foldNameVariants(said));
  if (!q) return true;
  return normalizeKana(foldNameVariants(row.name)).startsWith(q) || normalizeKana(row.kana).startsWith(q);
}

export type QueryKind = 'no' | 'phone' | 'email' | 'kana-prefix' | 'postcode-name' | 'postcode' | 'given';

/** What a query for `kind` looks up: the token kind and value, or null if it cannot match. */
export function queryKey(kind: QueryKind, value: string, name = ''): [TokenKind, string] | null {
  switch (kind) {
    case 'no': {
      const v = normalizeCustomerNo(value);
      return v ? ['no', v] : null;
    }
    case 'phone': {
      const v = normalizePhone(value);
      return v ? ['phone', v] : null;
    }
    case 'email': {
      const v = normalizeEmail(value);
      return v ? ['email', v] : null;
    }
    case 'kana-prefix': {
      const chars = [...normalizeKana(value)];
      if (chars.length < MIN_KANA_PREFIX) return null;
      const n = Math.min(MAX_KANA_PREFIX, chars.length);
      return [`kp${n}` as TokenKind, chars.slice(0, n).join('')];
    }
    case 'postcode-name': {
      // Lists imported before version 2: postcode + the whole name, exactly.
      const pc = normalizePostcode(value);
      const nm = normalizeName(name);
      return pc && nm ? ['pn', `${pc}\u0000${nm}`] : null;
    }
    case 'postcode': {
      const pc = normalizePostcode(value);
      return pc ? ['pc', pc] : null;
    }
    case 'given': {
      const g = givenKey(value);
      return g ? ['gn', g] : null;
    }
  }
}
