/**
 * The printing vendor chooses which letter body to print for a row by its 文面 column
 * (variantOf, decisions 026/028); the unnamed default reads as 標準 there (the vendor file is in
 * Japanese whatever the screen). Two different letters must never carry the same name there
 * (a stranger's finding: a children's variant could be saved as 標準).
 */
import { describe, expect, it } from 'vitest';
import { testContext } from '../events/test-context';
import { saveVariant } from './commands';
import { DEFAULT_VARIANT_ID, type LetterVariant } from './events';
import { BUILT_IN_DEFAULT, foldVariants, variantOf } from './variants';

const kids = (name: string, current: readonly LetterVariant[] = [BUILT_IN_DEFAULT]) =>
  saveVariant(testContext({ ids: ['v-kids'] }), current, { incidentId: 'i1', name, segments: ['こども講座'], items: ['name', 'birthDate'], addressee: 'guardian' });

describe("the vendor file's 文面 column tells the letters apart", () => {
  it('a variant cannot take the words the unnamed default is printed as (標準, Standard), however typed', () => {
    for (const name of ['標準', ' 標準 ', 'Standard', 'ＳＴＡＮＤＡＲＤ', 'standard']) {
      const r = kids(name);
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.problems).toContainEqual({ field: 'name', reason: 'taken', params: { name: name.trim() } });
    }
    // Refused, the vendor's file could not have named both 標準; accepted names stay apart.
    const r = kids('こども講座向け');
    expect(r.ok).toBe(true);
    const nameOfRow = variantOf(foldVariants(r.ok ? r.events : []), '標準');
    expect(nameOfRow({ segment: 'こども講座' })).not.toBe(nameOfRow({ segment: '通販' }));
  });

  it('once the default has a name of its own, 標準 is free; a name another variant has is taken however typed', () => {
    const named = { ...BUILT_IN_DEFAULT, name: '一般のお客様' };
    expect(kids('標準', [named]).ok).toBe(true);
    const withKids: LetterVariant[] = [named, { variantId: 'v1', name: 'Kids', segments: ['x'], items: null, addressee: 'customer' }];
    expect(kids('ＫＩＤＳ', withKids).ok).toBe(false);
    // The default cannot be made unnamed (標準) again while another variant is called 標準.
    const taken: LetterVariant[] = [named, { variantId: 'v1', name: '標準', segments: ['x'], items: null, addressee: 'customer' }];
    const back = saveVariant(testContext(), taken, { incidentId: 'i1', variantId: DEFAULT_VARIANT_ID, name: '', segments: [], items: null, addressee: 'customer' });
    expect(back.ok).toBe(false);
  });
});
