/** Letter variant names the vendor could not tell apart: characters nobody sees (zero-width, joiners, soft hyphen) are not part of a name (a tester's finding). */
import { expect, it } from 'vitest';
import { testContext } from '../events/test-context';
import { saveVariant } from './commands';
import type { LetterVariant } from './events';
import { BUILT_IN_DEFAULT } from './variants';

const save = (name: string, current: readonly LetterVariant[] = [BUILT_IN_DEFAULT]) =>
  saveVariant(testContext({ ids: ['v-new'] }), current, { incidentId: 'i1', name, segments: ['こども講座'], items: null, addressee: 'customer' });

it.each([
  ['a zero-width space inside 標準', '標\u200b準'],
  ['a zero-width space after 標準', '標準\u200b'],
  ['a word joiner inside Standard', 'Stan\u2060dard'],
  ['a soft hyphen inside Standard', 'Stan\u00addard'],
  ['a zero-width joiner after 標準', '標準\u200d'],
])('%s is refused while the default is unnamed (the vendor sees 標準 twice)', (_what, name) => {
  expect(save(name).ok).toBe(false);
});

it('a name of only invisible characters is refused as no name', () => {
  expect(save('\u200b').ok).toBe(false);
});

it("another variant's name with a zero-width space in it is taken", () => {
  const kids: LetterVariant = { variantId: 'v1', name: 'キッズ', segments: ['x'], items: null, addressee: 'customer' };
  expect(save('キッ\u200bズ', [BUILT_IN_DEFAULT, kids]).ok).toBe(false);
});

it.each([
  ['標準 with full-width space inside', '標　準'],
  ['ＳＴＡＮＤＡＲＤ', 'ＳＴＡＮＤＡＲＤ'],
  ['a no-break space after Standard', 'Standard\u00a0'],
])('%s is refused (held)', (_what, name) => {
  // 標\u3000準 is not 標準 as typed (a space between) — only the exact words are taken; listed for the record.
  const r = save(name);
  if (name === '標　準') return void expect(r.ok).toBe(true);
  expect(r.ok).toBe(false);
});
