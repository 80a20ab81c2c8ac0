import { describe, expect, it } from 'vitest';
import { indexPartsByDefinition } from '../../../shared/contacts/keys.fixture';
import { Tokenizer, type NormalisedKeys } from '../../../shared/contacts/tokens';
import { buildIndexParts } from './index-build';
import { BUCKETS } from './tables';

/** The definition: every (kind, value) of searchKeys tokenised one by one, by kind and bucket, rows in order. */
const reference = (tokenizer: Tokenizer, first: number, keys: NormalisedKeys[], kinds?: readonly string[]) => indexPartsByDefinition(tokenizer, first, keys, BUCKETS, kinds);

/** Seeded values mixing every script a list holds, with surrogate pairs, lone surrogates, long and empty ones. */
function randomKeys(seed: number, count: number): NormalisedKeys[] {
  let x = seed;
  const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pool = ['', 'a', 'Z9', 'やまだ', 'さとう', 'さ', 'ー', '𠮷', '𠮷の', '\ud842', 'か\udfb7き', 'é', 'ß', '山田', '髙橋', '😀😀', '\u0000', 'x'.repeat(1500), 'あ'.repeat(1600)];
  const pick = () => pool[Math.floor(rnd() * pool.length)]!;
  const val = () => Array.from({ length: 1 + Math.floor(rnd() * 3) }, pick).join('');
  return Array.from({ length: count }, () => {
    const given = rnd() < 0.3 ? '' : val();
    return { no: rnd() < 0.1 ? '' : val(), phone: rnd() < 0.4 ? '' : val(), email: rnd() < 0.4 ? '' : val(), kana: rnd() < 0.2 ? '' : val(), postcode: rnd() < 0.3 ? '' : val(), name: val(), given, givenKana: rnd() < 0.3 ? given : val() };
  });
}

describe('the blind-index parts of an import chunk', () => {
  it('are exactly the tokens of every search key, by kind and bucket, rows in order', async () => {
    const tokenizer = await Tokenizer.create(new Uint8Array(32).map((_, i) => i * 7 + 1));
    for (const seed of [1, 2, 3]) {
      const keys = randomKeys(seed, 400);
      const got = buildIndexParts(tokenizer, 5_000 * seed, keys);
      expect(got).toEqual(reference(tokenizer, 5_000 * seed, keys));
      // An upgrade asks for some kinds only.
      expect(buildIndexParts(tokenizer, 0, keys, ['pc', 'gn'])).toEqual(reference(tokenizer, 0, keys, ['pc', 'gn']));
      expect(buildIndexParts(tokenizer, 0, keys, ['kp3'])).toEqual(reference(tokenizer, 0, keys, ['kp3']));
    }
  });

  it('hold nothing for rows without keys', async () => {
    const tokenizer = await Tokenizer.create(new Uint8Array(32).fill(3));
    const empty = { no: '', phone: '', email: '', kana: '', postcode: '', name: '', given: '', givenKana: '' };
    expect(buildIndexParts(tokenizer, 0, [empty, empty])).toEqual([]);
    expect(buildIndexParts(tokenizer, 0, [])).toEqual([]);
  });
});
