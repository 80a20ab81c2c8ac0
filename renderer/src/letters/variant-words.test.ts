import { expect, it } from 'vitest';
import { DEFAULT_VARIANT_WORDS } from '../../../shared/letters/variants';
import { translate } from '../i18n/i18n';

it("the words no variant may take are the default's name as the dictionaries print it (標準 in the vendor's file, Standard on English screens)", () => {
  expect([translate('ja', 'letters.defaultName'), translate('en', 'letters.defaultName')]).toEqual([...DEFAULT_VARIANT_WORDS]);
});
