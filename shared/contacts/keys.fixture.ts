/**
 * The definitions the import's fast paths are held to in tests: each key as the public
 * normalisers make it, and a chunk's index parts as tokenising searchKeys() value by value
 * makes them (decision 041). For tests only.
 */
import { normalizeCustomerNo, normalizeEmail, normalizeKana, normalizeName, normalizePhone, normalizePostcode } from './normalize';
import { givenKey, givenPart, type NormalisedKeys, type RowKeys, searchKeys, type Tokenizer, TOKEN_KINDS } from './tokens';

/** normaliseKeys(row) by its definition, field by field. */
export function keysByDefinition(row: RowKeys): NormalisedKeys {
  return {
    no: normalizeCustomerNo(row.customerNo),
    phone: row.phone ? normalizePhone(row.phone) : '',
    email: row.email ? normalizeEmail(row.email) : '',
    kana: row.kana ? normalizeKana(row.kana) : '',
    postcode: row.postcode ? normalizePostcode(row.postcode) : '',
    name: row.name ? normalizeName(row.name) : '',
    given: row.name ? givenKey(givenPart(row.name)) : '',
    givenKana: row.kana ? givenKey(givenPart(row.kana)) : '',
  };
}

const NO_ROW = { customerNo: '', name: '', kana: '', postcode: '', email: '', phone: '' };

/** A chunk's index parts by definition: kinds in order, buckets (the token's first byte, of `buckets`) ascending, rows in order. */
export function indexPartsByDefinition(tokenizer: Tokenizer, first: number, keys: NormalisedKeys[], buckets: number, kinds: readonly string[] = TOKEN_KINDS) {
  const perKind = new Map<string, number[][]>();
  for (const kind of kinds) perKind.set(kind, Array.from({ length: buckets }, () => []));
  keys.forEach((k, i) => {
    for (const [kind, value] of searchKeys(NO_ROW, k)) {
      if (!perKind.has(kind)) continue;
      const tok = tokenizer.token(kind, value);
      perKind.get(kind)![tok.hi >>> 24]!.push(tok.hi, tok.lo, first + i);
    }
  });
  const parts: { kind: string; bucket: number; entries: Uint32Array }[] = [];
  for (const [kind, perBucket] of perKind) perBucket.forEach((entries, bucket) => entries.length && parts.push({ kind, bucket, entries: Uint32Array.from(entries) }));
  return parts;
}
