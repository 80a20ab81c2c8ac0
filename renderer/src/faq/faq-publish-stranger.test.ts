/**
 * A stranger's attack on publishing the FAQ (FAQ entries → Markdown / web HTML): answers as
 * people type them, the files read back with a Markdown renderer (marked, GitHub-flavoured) and
 * as HTML text. A failing test here is a defect, left failing on purpose.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { faqHtml, faqMarkdown, type RenderedFaq } from './faq-render';

const faq = (question: string, answer: string): RenderedFaq[] => [{ id: 'e1', question, category: '', answer }];
/** The page a Markdown reader shows, as text and tags. */
const html = (md: string) => marked.parse(md, { async: false, gfm: true });

describe('the FAQ as Markdown', () => {
  it('"9:00~18:00（土日~祝日は休業）" shows as typed, not struck through between the two tildes', () => {
    const page = html(faqMarkdown('お問い合わせ', '第1版', faq('受付時間は？', '受付時間は9:00~18:00です（土日~祝日は休業）。')));
    expect(page).not.toContain('<del>');
    expect(page).toContain('9:00~18:00です（土日~祝日は休業）');
  });

  it('a line of dashes under a line of the answer (a separator people type) does not turn that line into a heading', () => {
    const page = html(faqMarkdown('お問い合わせ', '第1版', faq('手続きは？', 'お手続きの流れ\n---\n会員ページからログインしてください。')));
    // One h1 (the title) and one h2 (the question): the answer has no heading of its own.
    expect(page.match(/<h[1-6]>/g)).toEqual(['<h1>', '<h2>']);
  });

  it('holds: <script>, [links](javascript:…), **bold**, # and | in an answer show as typed', () => {
    const page = html(faqMarkdown('お問い合わせ', '第1版', faq('<script>alert(1)</script>', '[こちら](javascript:alert(1)) **重要** # | ＃')));
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<a ');
    expect(page).not.toContain('<strong>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('the FAQ as a web page', () => {
  it('holds: markup and entities in questions and answers are escaped; the page runs nothing', () => {
    const page = faqHtml('<img src=x onerror=alert(1)>', '"stamp"', faq('Q&A <b>太字</b>', '&lt;実体&gt; <iframe src="https://evil.example"></iframe>\n2行目'), 'ja');
    expect(page).not.toMatch(/<img|<iframe|<b>/);
    expect(page).toContain('&amp;lt;実体&amp;gt;');
    expect(page).toContain('<br>2行目');
  });
});
