import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { parseDraft } from '../events/registry';
import { testContext } from '../events/test-context';
import { mayWrite } from '../roles/table';
import { orders } from '../disclosure/fixtures';
import { removeVariant, saveVariant } from './commands';
import { DEFAULT_VARIANT_ID, type LetterVariant } from './events';
import { BUILT_IN_DEFAULT, foldVariants } from './variants';

const BIRTH: LetterVariant = { variantId: 'v-birth', name: '生年月日を含む', segments: ['こども講座'], items: ['name', 'birthDate'], addressee: 'customer' };
const base = { incidentId: 'i1', segments: ['こども講座'], items: ['name', 'birthDate'] as LetterVariant['items'], addressee: 'customer' as const };

describe('saving and removing variants', () => {
  it('a new variant is one event with the whole variant', () => {
    const r = saveVariant(testContext({ ids: ['v1'] }), [BUILT_IN_DEFAULT], { ...base, name: ' 生年月日を含む ' });
    expect(r.ok && r.events).toEqual([{ type: 'letters.variant-saved', incidentId: 'i1', payload: { variantId: 'v1', name: '生年月日を含む', segments: ['こども講座'], items: ['name', 'birthDate'], addressee: 'customer' } }]);
    expect(r.ok && r.value).toEqual({ variantId: 'v1' });
  });

  it('refuses a variant with no name, no segment or no item, saying which', () => {
    const r = saveVariant(testContext(), [BUILT_IN_DEFAULT], { ...base, name: '', segments: [], items: [] });
    expect(!r.ok && r.problems.map((p) => `${p.field}.${p.reason}`)).toEqual(['name.required', 'segments.required', 'items.required']);
  });

  it('refuses a segment another variant is for (one letter per customer), even typed full-width', () => {
    const r = saveVariant(testContext(), [BUILT_IN_DEFAULT, BIRTH], { ...base, name: '保護者様あて', segments: ['こども講座\u3000'] });
    expect(!r.ok && r.problems).toEqual([{ field: 'segments', reason: 'taken', params: { segment: 'こども講座', variant: '生年月日を含む' } }]);
  });

  it('refuses a name another variant has', () => {
    const r = saveVariant(testContext(), [BUILT_IN_DEFAULT, BIRTH], { ...base, name: '生年月日を含む', segments: ['アプリ'] });
    expect(!r.ok && r.problems).toEqual([{ field: 'name', reason: 'taken', params: { name: '生年月日を含む' } }]);
  });

  it('keeps one of a segment typed twice (全角 and 半角)', () => {
    const r = saveVariant(testContext({ ids: ['v2'] }), [BUILT_IN_DEFAULT], { ...base, name: 'キッズ', segments: ['ｷｯｽﾞ', 'キッズ'] });
    expect(r.ok && (r.events[0]!.payload as LetterVariant).segments).toEqual(['キッズ']);
  });

  it('the default may be renamed and given its own addressee, but has no segments and cannot be removed', () => {
    const r = saveVariant(testContext(), [BUILT_IN_DEFAULT], { ...base, variantId: DEFAULT_VARIANT_ID, name: '標準', items: null });
    expect(r.ok && r.events[0]!.payload).toEqual({ variantId: DEFAULT_VARIANT_ID, name: '標準', segments: [], items: null, addressee: 'customer' });
    expect(removeVariant(testContext(), [BUILT_IN_DEFAULT], { incidentId: 'i1', variantId: DEFAULT_VARIANT_ID }).ok).toBe(false);
  });

  it('saving what is there already changes nothing', () => {
    const r = saveVariant(testContext(), [BUILT_IN_DEFAULT, BIRTH], { ...base, variantId: 'v-birth', name: '生年月日を含む' });
    expect(!r.ok && r.problems).toEqual([{ field: 'name', reason: 'unchanged' }]);
  });

  it('who runs the mailings may write variants; an operator may not', () => {
    expect(mayWrite(['contact-lead'], 'letters.variant-saved')).toBe(true);
    expect(mayWrite(['direction'], 'letters.variant-removed')).toBe(true);
    expect(mayWrite(['operator'], 'letters.variant-saved')).toBe(false);
  });
});

// Laptop A (device da) and laptop B (device db), clocks interleaved as HLCs are.
const a = (at: string, type: string, payload: unknown): HonbuEvent => ({ id: `a-${at}`, incidentId: 'i1', at: `${at}-da`, actor: 'p1', type, payload });
const b = (at: string, type: string, payload: unknown): HonbuEvent => ({ id: `b-${at}`, incidentId: 'i1', at: `${at}-db`, actor: 'p2', type, payload });
const byClock = (events: HonbuEvent[]) => [...events].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));

describe('variants replayed on another laptop', () => {
  const KIDS: LetterVariant = { variantId: 'v-kids', name: '保護者様あて', segments: ['キッズ'], items: ['name', 'birthDate'], addressee: 'guardian' };
  const laptopA = [a('0001', 'letters.variant-saved', BIRTH), a('0003', 'letters.variant-saved', { ...BIRTH, items: ['name', 'address', 'birthDate'] }), a('0005', 'letters.variant-removed', { variantId: 'v-kids' })];
  const laptopB = [b('0002', 'letters.variant-saved', KIDS), b('0004', 'letters.variant-saved', { ...BUILT_IN_DEFAULT, name: '標準' }), b('0006', 'letters.variant-saved', { ...KIDS, name: 'キッズ' })];

  it('every payload passes the registry\'s check, and a wrong one is refused', () => {
    const parse = (e: HonbuEvent, payload = e.payload) => parseDraft({ type: e.type, incidentId: e.incidentId, payload }).ok;
    for (const e of [...laptopA, ...laptopB]) expect(parse(e), e.id).toBe(true);
    expect(parse(laptopA[0]!, { ...BIRTH, items: ['passport'] })).toBe(false);
    expect(parse(laptopA[0]!, { ...BIRTH, addressee: 'someone' })).toBe(false);
  });

  it('folds to the same variants on both laptops, whatever order sync delivered them in', () => {
    const reference = foldVariants(byClock([...laptopA, ...laptopB]));
    expect(reference).toEqual([
      { ...BUILT_IN_DEFAULT, name: '標準' },
      { ...BIRTH, items: ['name', 'address', 'birthDate'] },
      // Removed at 0005 on A, saved again at 0006 on B: the later write stands.
      { ...KIDS, name: 'キッズ' },
    ]);
    for (const order of orders([...laptopA, ...laptopB])) expect(foldVariants(byClock(order))).toEqual(reference);
  });

  it('a removed variant\'s customers fall back to the default; the default is never removed', () => {
    const v = foldVariants(byClock([a('0001', 'letters.variant-saved', BIRTH), b('0002', 'letters.variant-removed', { variantId: 'v-birth' }), b('0003', 'letters.variant-removed', { variantId: DEFAULT_VARIANT_ID })]));
    expect(v).toEqual([BUILT_IN_DEFAULT]);
  });
});
