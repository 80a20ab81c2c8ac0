/**
 * The Markdown of documents that go out (documentMarkdown) read back with a GitHub-flavoured
 * renderer (marked): what people typed into a statement is what a reader sees. From a tester's
 * findings (document-markdown-stranger.test.ts).
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { documentMarkdown, type Block, type DocumentModel } from './document';

const doc = (blocks: Block[], more: Partial<DocumentModel> = {}): DocumentModel => ({ lang: 'ja', date: '2026年12月7日', to: [], from: ['株式会社テスト'], title: '個人情報漏えいに関するお詫びとお知らせ', draftMark: null, blocks, closing: '以上', ...more });
const page = (d: DocumentModel) => marked.parse(documentMarkdown(d), { async: false, gfm: true });
const paragraph = (text: string) => page(doc([{ kind: 'paragraph', text }]));
const seen = (h: string) => h.replace(/<br>/g, '\n').replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

describe('a statement as Markdown', () => {
  it('"受付時間 9:00~18:00（土日~祝日を除く）" reads as typed, not struck through', () => {
    const html = paragraph('専用窓口の受付時間は9:00~18:00（土日~祝日を除く）です。');
    expect(html).not.toContain('<del>');
    expect(seen(html)).toContain('専用窓口の受付時間は9:00~18:00（土日~祝日を除く）です。');
  });

  it('a paragraph with a line of dashes under its first line does not become a heading', () => {
    const html = paragraph('お問い合わせ窓口\n---\n0120-000-000');
    expect(html.match(/<h[1-6]>/g)).toEqual(['<h1>']);
    expect(seen(html)).toContain('お問い合わせ窓口\n---\n0120-000-000');
  });

  it('<script>, **, _, # and | typed in a statement show as typed', () => {
    const html = paragraph('<script>alert(1)</script> **至急** _重要_ # | 以上');
    expect(html).not.toMatch(/<script>|<strong>|<em>/);
    expect(seen(html)).toContain('<script>alert(1)</script> **至急** _重要_ # | 以上');
  });

  it('lists, fields, tables and the sender lines keep tildes and dashes as typed', () => {
    const html = page(
      doc(
        [
          { kind: 'heading', text: '窓口 ~ 案内' },
          { kind: 'list', items: ['平日 9:00~18:00', '土日~祝日\n---\n休業'] },
          { kind: 'fields', rows: [{ label: '時間', value: '9:00~18:00' }] },
          { kind: 'table', header: ['曜日'], rows: [['月~金']] },
        ],
        { from: ['株式会社テスト', '---'] },
      ),
    );
    expect(html).not.toMatch(/<del>|<hr>/);
    expect(html.match(/<h[1-6]>/g)).toEqual(['<h1>', '<h2>']);
    for (const typed of ['窓口 ~ 案内', '平日 9:00~18:00', '土日~祝日\n---\n休業', '9:00~18:00', '月~金', '株式会社テスト\n---']) expect(seen(html)).toContain(typed);
  });
});
