import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ja } from './ja';
import { translate } from './i18n';
import { documentCitation } from '../../../shared/i18n/document-citations';

function leaves(node: unknown, path = ''): [string, unknown][] {
  if (typeof node === 'string' || Array.isArray(node)) return [[path, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

describe('dictionaries', () => {
  it('have the same keys in Japanese and English, none empty', () => {
    const jaLeaves = leaves(ja);
    const enLeaves = leaves(en);
    expect(enLeaves.map(([k]) => k)).toEqual(jaLeaves.map(([k]) => k));
    for (const [key, value] of [...jaLeaves, ...enLeaves]) {
      const texts = Array.isArray(value) ? value : [value];
      for (const text of texts) expect(text, key).not.toBe('');
    }
  });

  it('keep the same placeholders in both languages', () => {
    const enMap = new Map(leaves(en));
    for (const [key, value] of leaves(ja)) {
      const names = (v: unknown) => [...String(v).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(enMap.get(key)), key).toEqual(names(value));
    }
  });

  it('fills placeholders and fails loudly on an unknown key', () => {
    expect(translate('ja', 'shell.signedInAs', { name: '山田' })).toBe('山田 として作業中');
    expect(translate('en', 'settings.idleMinutes', { n: 5 })).toBe('5 min');
    expect(() => translate('en', 'no.such' as never)).toThrow(/missing message/);
  });

  it('says one customer and 1,200 customers in English, whether the number came formatted or not', () => {
    expect(translate('en', 'contacts.results.customers' as never, { n: 1 })).toBe(' (1 customer)');
    expect(translate('en', 'templates.count' as never, { n: '1' })).toBe('1 task');
    expect(translate('en', 'templates.count' as never, { n: '1,200' })).toBe('1,200 tasks');
    expect(translate('en', 'templates.count' as never, { n: 0 })).toBe('0 tasks');
    // No English word form shows its markup when filled.
    for (const [key, value] of leaves(en)) {
      for (const text of Array.isArray(value) ? value : [value]) {
        const names = [...String(text).matchAll(/\{(\w+)\|[^|{}]*\|[^|{}]*\}/g)].map((m) => m[1]!);
        if (names.length === 0) continue;
        const filled = translate('en', key as never, Object.fromEntries([...String(text).matchAll(/\{(\w+)[|}]/g)].map((m) => [m[1]!, 1])));
        expect(filled, key).not.toMatch(/[{}|]/);
        expect(names.every((n) => String(text).includes(`{${n}}`)), key).toBe(true);
      }
    }
  });
});

describe('words on screen', () => {
  it('carry no document citations or developer ids ("004 §8-⑦", "seed 000")', () => {
    const found = [...leaves(ja), ...leaves(en)].flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value]).flatMap((text) => {
        const hit = documentCitation(String(text));
        return hit ? [`${key}: "${String(text)}" (${hit})`] : [];
      }),
    );
    expect(found).toEqual([]);
  });

  it('recognise a citation but not a count', () => {
    expect(documentCitation('（004 §8-⑦）')).toBe('004');
    expect(documentCitation('seed 000 の履歴DB')).toBe('seed');
    expect(documentCitation('003 が示す5つの観点')).toBe('003');
    expect(documentCitation('1,000人を超える')).toBeNull();
    expect(documentCitation('0120-000-123')).toBeNull();
  });
});

describe('Japanese spelling', () => {
  it('writes 漏えい as the law does, never 漏洩', () => {
    const found = leaves(ja).filter(([, v]) => (Array.isArray(v) ? v : [v]).some((x) => String(x).includes('漏洩')));
    expect(found.map(([k]) => k)).toEqual([]);
  });
});
