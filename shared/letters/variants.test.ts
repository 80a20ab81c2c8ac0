import { describe, expect, it } from 'vitest';
import { EMPTY_FACTS, type Facts } from '../incident/model';
import { renderTemplate } from '../incident/render';
import { FULL_FACTS, RENDER_LABELS } from '../disclosure/fixtures';
import { NOTICE_SECTIONS } from '../disclosure/notice';
import { DEFAULT_VARIANT_ID, type LetterVariant } from './events';
import { BUILT_IN_DEFAULT, checkVariant, groupByVariant, normalizeSegment, variantFacts, variantOf, variantResolver } from './variants';

const STANDARD: LetterVariant = { ...BUILT_IN_DEFAULT, name: '標準' };
const BIRTH: LetterVariant = { variantId: 'v-birth', name: '生年月日を含む', segments: ['こども講座'], items: ['name', 'address', 'birthDate'], addressee: 'customer' };
const KIDS: LetterVariant = { variantId: 'v-kids', name: '保護者様あて', segments: ['ｷｯｽﾞ会員', 'ＫＩＤＳ'], items: ['name', 'birthDate'], addressee: 'guardian' };
const VARIANTS = [STANDARD, BIRTH, KIDS];

// The incident's facts when some customers also lost their date of birth.
const FACTS: Facts = { ...FULL_FACTS, itemsLeaked: ['name', 'address', 'birthDate', 'email'], itemsNotLeaked: ['creditCard', 'bankAccount'] };

describe('segment → variant', () => {
  const resolve = variantResolver(VARIANTS);

  it('gives each named segment its variant, and every other segment the default', () => {
    expect(resolve('こども講座').variantId).toBe('v-birth');
    expect(resolve('キッズ会員').variantId).toBe('v-kids');
    expect(resolve('通販').variantId).toBe(DEFAULT_VARIANT_ID);
  });

  it('an empty segment (a list made by hand) gets the default', () => {
    expect(resolve('').variantId).toBe(DEFAULT_VARIANT_ID);
    expect(resolve('   ').variantId).toBe(DEFAULT_VARIANT_ID);
  });

  it('reads full-width and half-width as the same segment, and stray spaces as none', () => {
    // Named half-width ｷｯｽﾞ会員 and full-width ＫＩＤＳ; the lists say キッズ会員 and kids.
    expect(resolve('キッズ会員').variantId).toBe('v-kids');
    expect(resolve(' kids ').variantId).toBe('v-kids');
    expect(resolve('Kids').variantId).toBe('v-kids');
    expect(resolve('こども講座\u3000').variantId).toBe('v-birth');
    expect(normalizeSegment('Ａ　Ｂ')).toBe('a b');
  });

  it('a segment two variants name (saved on two laptops at once) goes to the one listed first, on every laptop', () => {
    const twice = { ...KIDS, segments: ['こども講座'] };
    expect(variantResolver([STANDARD, BIRTH, twice])('こども講座').variantId).toBe('v-birth');
  });

  it('without any variant saved, everyone gets the built-in default', () => {
    expect(variantResolver([])('こども講座')).toEqual(BUILT_IN_DEFAULT);
  });

  it('variantOf gives the variant name for a row (the printing vendor file), the unnamed default in the screen\'s word', () => {
    const of = variantOf([BUILT_IN_DEFAULT, BIRTH], '標準');
    expect(of({ segment: 'こども講座' })).toBe('生年月日を含む');
    expect(of({ segment: '' })).toBe('標準');
    expect(of({ segment: '通販' })).toBe('標準');
  });

  it('groups rows by variant, in the variants\' order, rows kept in their order, empty variants left out', () => {
    const rows = [
      { row: 0, segment: 'こども講座' },
      { row: 1, segment: '通販' },
      { row: 2, segment: 'ＫＩＤＳ' },
      { row: 3, segment: '' },
      { row: 4, segment: 'こども講座' },
    ];
    const groups = groupByVariant(rows, (r) => r.segment, [STANDARD, BIRTH, { ...KIDS, segments: ['unused'] }]);
    expect(groups.map((g) => [g.variant.variantId, g.rows.map((r) => r.row)])).toEqual([
      [DEFAULT_VARIANT_ID, [1, 2, 3]],
      ['v-birth', [0, 4]],
    ]);
  });
});

describe('the facts a variant quotes', () => {
  it('the default on the incident\'s own items quotes the facts unchanged', () => {
    expect(variantFacts(FACTS, STANDARD)).toBe(FACTS);
  });

  it('a variant quotes its own items as leaked, and what leaked for others only as not leaked for these customers', () => {
    const f = variantFacts(FACTS, { ...BIRTH, items: ['address', 'name'] });
    expect(f.itemsLeaked).toEqual(['name', 'address']);
    expect(f.itemsNotLeaked).toEqual(['birthDate', 'email', 'creditCard', 'bankAccount']);
    // Everything else is the live facts.
    expect({ ...f, itemsLeaked: FACTS.itemsLeaked, itemsNotLeaked: FACTS.itemsNotLeaked }).toEqual(FACTS);
  });

  it('the notice\'s items section, rendered from a variant\'s facts, says what leaked and what did not for that segment', () => {
    const items = NOTICE_SECTIONS.find((s) => s.key === 'items')!.template;
    const opts = { labels: RENDER_LABELS, locale: 'ja-JP' };
    const birth = renderTemplate(items, { title: '', facts: variantFacts(FACTS, BIRTH) }, opts).text;
    expect(birth).toBe('流出した可能性がある情報：氏名、住所、生年月日\nなお、メールアドレス、クレジットカード番号、口座番号は含まれておりません。');
    const standard = renderTemplate(items, { title: '', facts: variantFacts(FACTS, STANDARD) }, opts).text;
    expect(standard).toBe('流出した可能性がある情報：氏名、住所、生年月日、メールアドレス\nなお、クレジットカード番号、口座番号は含まれておりません。');
  });

  it('a change of facts shows in every variant: the live counts and desk number pass through', () => {
    const changed = { ...FACTS, maxCount: 25000, deskPhone: '0120-999-999' };
    for (const v of VARIANTS) {
      expect(variantFacts(changed, v).maxCount).toBe(25000);
      expect(variantFacts(changed, v).deskPhone).toBe('0120-999-999');
    }
  });
});

describe('the blocking check per variant', () => {
  it('passes a variant whose items the facts confirm, and the default on the incident\'s items', () => {
    expect(checkVariant(BIRTH, FACTS)).toEqual([]);
    expect(checkVariant(STANDARD, EMPTY_FACTS)).toEqual([]);
  });

  it('blocks a variant claiming an item the facts do not confirm, naming the item', () => {
    const facts = { ...FACTS, itemsLeaked: ['name', 'address'] as Facts['itemsLeaked'] };
    expect(checkVariant(BIRTH, facts)).toEqual([{ code: 'item-not-confirmed', item: 'birthDate' }]);
    // Only that variant: the other, on items the facts confirm, still prints.
    expect(checkVariant({ ...BIRTH, items: ['name'] }, facts)).toEqual([]);
  });

  it('blocks a variant claiming an item the facts say did not leak', () => {
    expect(checkVariant({ ...BIRTH, items: ['name', 'creditCard'] }, FACTS)).toEqual([{ code: 'item-said-not-leaked', item: 'creditCard' }]);
  });

  it('blocks a variant with no items at all', () => {
    expect(checkVariant({ ...BIRTH, items: [] }, FACTS)).toEqual([{ code: 'no-items' }]);
  });
});
