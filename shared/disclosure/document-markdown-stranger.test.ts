/**
 * A stranger's attack on the Markdown of documents that go out (statements, the closing report,
 * the PPC draft: documentMarkdown), read back with a GitHub-flavoured Markdown renderer (marked).
 * The text is what people type into a statement. A failing test here is a defect, left failing on purpose.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { documentMarkdown, type DocumentModel } from './document';

const doc = (text: string): DocumentModel => ({ lang: 'ja', date: '2026年12月7日', to: [], from: ['株式会社テスト'], title: '個人情報漏えいに関するお詫びとお知らせ', draftMark: null, blocks: [{ kind: 'paragraph', text }], closing: '以上' });
const page = (text: string) => marked.parse(documentMarkdown(doc(text)), { async: false, gfm: true });

describe('a statement as Markdown', () => {
  it('"受付時間 9:00~18:00（土日~祝日を除く）" reads as typed, not struck through', () => {
    const html = page('専用窓口の受付時間は9:00~18:00（土日~祝日を除く）です。');
    expect(html).not.toContain('<del>');
  });

  it('a paragraph with a line of dashes under its first line does not become a heading', () => {
    const html = page('お問い合わせ窓口\n---\n0120-000-000');
    expect(html.match(/<h[1-6]>/g)).toEqual(['<h1>']);
  });

  it('holds: <script>, **, _, # and | typed in a statement show as typed', () => {
    const html = page('<script>alert(1)</script> **至急** _重要_ # | 以上');
    expect(html).not.toMatch(/<script>|<strong>|<em>/);
  });
});
