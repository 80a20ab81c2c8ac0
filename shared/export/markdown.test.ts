import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { escapeMarkdownInline, markdownTable } from './markdown';

/**
 * Text of rendered HTML as a reader sees it: <br> as a line break, entities decoded.
 * Any other tag means the input turned into markup, so it is kept visibly marked.
 */
function visible(html: string): string {
  if (/<(?!br>)/.test(html)) return `MARKUP: ${html}`;
  return html
    .replace(/<br>/g, '\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Cell contents of a rendered table; any markup a cell produced stays in the string. */
function renderedCells(markdown: string): string[][] {
  const html = marked.parse(markdown, { async: false });
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd]>([\s\S]*?)<\/t[hd]>/g)].map((c) => visible(c[1] ?? '')),
  );
}

const nasty = [
  'a | b',
  'C:\\path\\to\\file',
  'ends with backslash \\',
  '\\|',
  '*強調* と _下線_ と **太字**',
  '`code` ``double``',
  '[リンク](javascript:alert(1)) ![画像](x.png)',
  '<img src=x onerror=alert(1)> <b>太字</b>',
  '&amp; &lt; &#x41;',
  '~~取消~~ ~one~',
  '# 見出し',
  '- 箇条書き',
  '1. 番号',
  '> 引用',
  '---',
  '行1\r\n行2\n行3\r行4',
];

describe('markdownTable', () => {
  it('lays out a GitHub table', () => {
    expect(markdownTable(['氏名', '件数'], [['山田', 3], ['佐藤', null]])).toBe(
      '| 氏名 | 件数 |\n| --- | --- |\n| 山田 | 3 |\n| 佐藤 |  |\n',
    );
  });

  it('escapes pipes and backslashes and turns line breaks into <br>', () => {
    expect(markdownTable(['a|b'], [['c\\d'], ['行1\r\n行2\n行3\r行4']])).toBe(
      '| a\\|b |\n| --- |\n| c\\\\d |\n| 行1<br>行2<br>行3<br>行4 |\n',
    );
  });

  it('renders every awkward cell exactly as typed', () => {
    const rows = nasty.map((text, i) => [i, text]);
    const cells = renderedCells(markdownTable(['#', '内容 | memo'], rows));
    expect(cells[0]).toEqual(['#', '内容 | memo']);
    expect(cells.slice(1)).toEqual(nasty.map((text, i) => [String(i), text.replace(/\r\n|\r/g, '\n')]));
  });

  it('writes numbers as they are, negative ones too', () => {
    expect(markdownTable(['n'], [[-12], [0.5]])).toBe('| n |\n| --- |\n| -12 |\n| 0.5 |\n');
  });

  it('widens the table for long rows and pads short ones', () => {
    const cells = renderedCells(markdownTable(['a'], [['1', '2'], []]));
    expect(cells).toEqual([
      ['a', ''],
      ['1', '2'],
      ['', ''],
    ]);
  });

  it('gives nothing for a table without columns', () => {
    expect(markdownTable([], [])).toBe('');
    expect(markdownTable([], [[]])).toBe('');
  });
});

describe('escapeMarkdownInline', () => {
  it.each(nasty)('renders %j as typed, even at the start of a paragraph', (text) => {
    const html = marked.parse(escapeMarkdownInline(text), { async: false }).trim();
    expect(html).toMatch(/^<p>[\s\S]*<\/p>$/);
    expect(visible(html.slice(3, -4))).toBe(text.replace(/\r\n|\r/g, '\n'));
  });

  it('escapes block markers only where they would start a block', () => {
    expect(escapeMarkdownInline('# 見出し')).toBe('\\# 見出し');
    expect(escapeMarkdownInline('  - a')).toBe('  \\- a');
    expect(escapeMarkdownInline('12) 項目')).toBe('12\\) 項目');
    expect(escapeMarkdownInline('2024.05.01 発生')).toBe('2024.05.01 発生');
    expect(escapeMarkdownInline('a - b # c')).toBe('a - b # c');
  });

  it('leaves plain Japanese text alone', () => {
    expect(escapeMarkdownInline('個人情報漏えいのお詫び（第2報）')).toBe('個人情報漏えいのお詫び（第2報）');
  });
});
