import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../export/docx-text';
import type { DocumentModel } from './document';
import { documentDocx } from './document-docx';

const doc: DocumentModel = {
  lang: 'ja',
  date: '令和8年12月1日',
  to: [],
  from: ['株式会社サンプル', '代表取締役 髙橋 﨑太郎'],
  title: '個人情報漏えいに関するお詫びとお知らせ',
  draftMark: '下書き',
  blocks: [
    { kind: 'heading', text: '1. 概要' },
    { kind: 'paragraph', text: '一行目\n二行目 <タグ> & "引用"' },
    { kind: 'list', items: ['氏名', '電話番号'] },
    { kind: 'fields', rows: [{ label: '確定件数', value: '1,234人' }, { label: '最大件数', value: '', missing: true }] },
    { kind: 'table', header: ['期限', '状態'], rows: [['2026/12/4', '提出済み'], ['𠮷野', '']] },
  ],
  closing: '以上',
};

describe('documentDocx', () => {
  it('writes every block as Word paragraphs and tables, read back field by field', async () => {
    const out = readDocx(await documentDocx(doc, '未記入'));
    const p = out.paragraphs;
    expect(p[0]).toBe('【下書き】');
    expect(p).toContain('令和8年12月1日');
    expect(p).toContain('代表取締役 髙橋 﨑太郎');
    expect(p).toContain('個人情報漏えいに関するお詫びとお知らせ');
    expect(p).toContain('1. 概要');
    expect(p).toContain('一行目\n二行目 <タグ> & "引用"');
    expect(p).toContain('氏名');
    expect(p).toContain('以上');
    expect(out.tables).toEqual([
      [
        ['確定件数', '1,234人'],
        ['最大件数', '未記入'],
      ],
      [
        ['期限', '状態'],
        ['2026/12/4', '提出済み'],
        ['𠮷野', ''],
      ],
    ]);
  });

  it('names a Japanese font for the east-Asian script and sets Japanese as the east-Asian language', async () => {
    const out = readDocx(await documentDocx(doc));
    expect(out.styles).toMatch(/w:eastAsia="Yu Mincho"/);
    expect(out.styles).toMatch(/w:eastAsia="ja-JP"/);
    expect(out.xml).toMatch(/w:eastAsia="Yu Gothic"/);
    // A4 portrait.
    expect(out.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });
});

/** XML 1.0's Char production: a character outside it makes the part, and Word's whole file, unreadable. */
// eslint-disable-next-line no-control-regex -- the characters XML allows are the point
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

describe('text XML cannot hold', () => {
  it('is left out (U+FFFE, U+FFFF, controls) or shown as U+FFFD (a lone surrogate), so Word opens the file; the rest of the text is kept', async () => {
    const bad: DocumentModel = { ...doc, title: 'お詫び\uFFFEとお知らせ', blocks: [{ kind: 'paragraph', text: 'お詫び\uFFFF申し上げ\u0008ます\uD842。𠮷野' }] };
    const bytes = await documentDocx(bad);
    for (const [name, part] of Object.entries(unzipSync(bytes))) {
      if (name.endsWith('.xml') || name.endsWith('.rels')) expect(NOT_XML_CHAR.test(strFromU8(part)), name).toBe(false);
    }
    const out = readDocx(bytes);
    expect(out.paragraphs).toContain('お詫びとお知らせ');
    expect(out.paragraphs).toContain('お詫び申し上げます\uFFFD。𠮷野');
  });
});
