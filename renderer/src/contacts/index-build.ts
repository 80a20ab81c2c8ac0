/**
 * Blind-index segments of one import chunk: the (token, row) pairs of each kind, split
 * into buckets by the token's first byte. Tokenising is a third of an import's CPU time,
 * so the import worker hands it to a second worker (index-worker.ts) and seals blocks
 * meanwhile: on a 2-core laptop both cores work.
 */
import { type NormalisedKeys, searchKeys, type Tokenizer, TOKEN_KINDS } from '../../../shared/contacts/tokens';
import { BUCKETS } from './tables';

export interface IndexPart {
  kind: string;
  bucket: number;
  /** Uint32 triples: token hi, token lo, row. */
  entries: Uint32Array;
}

const NO_ROW = { customerNo: '', name: '', kana: '', postcode: '', email: '', phone: '' };

export function buildIndexParts(tokenizer: Tokenizer, first: number, keys: NormalisedKeys[], kinds: readonly string[] = TOKEN_KINDS): IndexPart[] {
  const perKind = new Map<string, number[][]>();
  for (const kind of kinds) perKind.set(kind, Array.from({ length: BUCKETS }, () => []));
  keys.forEach((k, i) => {
    for (const [kind, value] of searchKeys(NO_ROW, k)) {
      if (!perKind.has(kind)) continue;
      const tok = tokenizer.token(kind, value);
      perKind.get(kind)![tok.hi >>> 24]!.push(tok.hi, tok.lo, first + i);
    }
  });
  const parts: IndexPart[] = [];
  for (const [kind, buckets] of perKind) {
    buckets.forEach((entries, bucket) => entries.length && parts.push({ kind, bucket, entries: Uint32Array.from(entries) }));
  }
  return parts;
}

const FIELDS = ['no', 'phone', 'email', 'kana', 'postcode', 'name', 'given', 'givenKana'] as const;

/**
 * Keys packed for postMessage as one string and a length table: cloning 50k small
 * objects per chunk cost the import worker more than the string copy does.
 */
export interface PackedKeys {
  text: string;
  lengths: Uint32Array;
}

export function packKeys(keys: NormalisedKeys[]): PackedKeys {
  const lengths = new Uint32Array(keys.length * FIELDS.length);
  const parts: string[] = [];
  keys.forEach((k, i) =>
    FIELDS.forEach((f, j) => {
      lengths[i * FIELDS.length + j] = k[f].length;
      parts.push(k[f]);
    }),
  );
  return { text: parts.join(''), lengths };
}

export function unpackKeys(p: PackedKeys): NormalisedKeys[] {
  const out: NormalisedKeys[] = [];
  let at = 0;
  for (let i = 0; i < p.lengths.length; i += FIELDS.length) {
    const k = {} as NormalisedKeys;
    FIELDS.forEach((f, j) => {
      const n = p.lengths[i + j]!;
      k[f] = p.text.slice(at, at + n);
      at += n;
    });
    out.push(k);
  }
  return out;
}

/** Builds index parts somewhere (here, or in the index worker). */
export type Indexer = (first: number, keys: NormalisedKeys[]) => Promise<IndexPart[]>;

export const localIndexer = (tokenizer: Tokenizer): Indexer => async (first, keys) => buildIndexParts(tokenizer, first, keys);
