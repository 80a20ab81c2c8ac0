/**
 * The FAQ's Markdown export read back with a GitHub-flavoured Markdown renderer (marked): what
 * people typed is what a reader sees. From a tester's findings (faq-publish-stranger.test.ts):
 * tildes struck text through and a line of dashes turned the line above into a heading.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { faqMarkdown, type RenderedFaq } from './faq-render';

const faq = (question: string, answer: string): RenderedFaq[] => [{ id: 'e1', question, category: '', answer }];
const html = (md: string) => marked.parse(md, { async: false, gfm: true });
/** The text a reader sees of some HTML: <br> as a line break, tags dropped, entities decoded. */
const seen = (h: string) =>
  h
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('the FAQ as Markdown', () => {
  it('"9:00~18:00（土日~祝日は休業）" shows as typed, nothing struck through', () => {
    const page = html(faqMarkdown('お問い合わせ', '第1版', faq('受付時間は？', '受付時間は9:00~18:00です（土日~祝日は休業）。')));
    expect(page).not.toContain('<del>');
    expect(page).toContain('9:00~18:00です（土日~祝日は休業）');
  });

  it('a line of dashes under a line of the answer does not make that line a heading', () => {
    const page = html(faqMarkdown('お問い合わせ', '第1版', faq('手続きは？', 'お手続きの流れ\n---\n会員ページからログインしてください。')));
    expect(page.match(/<h[1-6]>/g)).toEqual(['<h1>', '<h2>']);
    expect(page).not.toContain('<hr>');
  });

  it('lines that start like lists, quotes or headings stay lines of the answer, line breaks kept', () => {
    const answer = 'ご案内\n1. 会員ページを開く\n- カードを止める\n> 注意\n# 以上\n===';
    const page = html(faqMarkdown('お問い合わせ', '第1版', faq('手順は？', answer)));
    expect(page).not.toMatch(/<(ol|ul|li|blockquote|hr|h3)/);
    expect(page.match(/<h[1-6]>/g)).toEqual(['<h1>', '<h2>']);
    expect(seen(page)).toContain(`A. ${answer}`);
  });

  it('<script>, [links](javascript:…), **bold**, # and | show as typed', () => {
    const page = html(faqMarkdown('お問い合わせ', '第1版', faq('<script>alert(1)</script>', '[こちら](javascript:alert(1)) **重要** # | ＃')));
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<a ');
    expect(page).not.toContain('<strong>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(seen(page)).toContain('A. [こちら](javascript:alert(1)) **重要** # | ＃');
  });

  it('the title, the stamp and the question show as typed too', () => {
    const page = html(faqMarkdown('~取消~ 窓口', '第1版 ~ 12/7', faq('~~本当に~~漏れた？', '回答')));
    expect(page).not.toContain('<del>');
    expect(seen(page)).toContain('~取消~ 窓口');
    expect(seen(page)).toContain('第1版 ~ 12/7');
    expect(seen(page)).toContain('Q. ~~本当に~~漏れた？');
  });
});
