import { describe, expect, it } from 'vitest';
import { faqHtml, lineDiff } from './faq-render';

describe('FAQ publishing helpers', () => {
  it('diffs versions line by line', () => {
    expect(lineDiff('対象は{{confirmedCount}}名です。\n窓口へ', '対象は最大{{maxCount}}名です。\n窓口へ')).toEqual([
      { kind: 'removed', text: '対象は{{confirmedCount}}名です。' },
      { kind: 'added', text: '対象は最大{{maxCount}}名です。' },
      { kind: 'same', text: '窓口へ' },
    ]);
  });

  it('escapes the published page and runs no script', () => {
    const html = faqHtml('<FAQ>', 'v1', [{ id: '1', question: '<script>x</script>', category: '', answer: 'a & b' }], 'ja');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('a &amp; b');
  });
});
