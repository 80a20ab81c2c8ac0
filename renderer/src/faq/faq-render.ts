/** FAQ answers with the live facts, and the published forms (web HTML, Markdown, handbook). */
import { renderTemplate, escapeHtml } from '../../../shared/incident/render';
import type { Incident } from '../../../shared/incident/model';
import { approvedVersion, decisionsOf, faqState, type FaqEntry } from '../../../shared/faq/model';
import { staleness } from '../../../shared/faq/stale';
import { escapeMarkdownInline as md } from '../../../shared/export/markdown';
import type { RenderLabels } from '../../../shared/incident/render';

export interface RenderedFaq {
  id: string;
  question: string;
  category: string;
  answer: string;
}

export function renderAnswer(template: string, incident: Incident, labels: RenderLabels, locale: string): string {
  return renderTemplate(template, { title: incident.title, facts: incident.facts }, { labels, locale, timeZone: 'Asia/Tokyo' }).text;
}

/** Approved, current entries only: a stale answer is never published. */
export function publishable(entries: FaqEntry[], incident: Incident, labels: RenderLabels, locale: string): RenderedFaq[] {
  return entries
    .filter((e) => faqState(e) === 'approved' && staleness(e, incident.facts).state === 'current')
    .map((e) => {
      const v = approvedVersion(e)!;
      return { id: e.id, question: v.question, category: v.category, answer: renderAnswer(v.answer, incident, labels, locale) };
    });
}

/**
 * The published FAQ's 第N版: how many approvals and retirements of its entries this laptop
 * knows (each event once: FaqEntry.decidedAt). What is published changes only by one of them —
 * an approval (of a new version, or again of the same one against moved facts), a retirement,
 * or another laptop's approval arriving, which may also stop an answer being published — so the
 * number changes with each, and never goes back on a laptop: events only add up. Every laptop
 * that has the same events says the same number. An approval that holds for no version here
 * still counts: it changed the page (an answer left it) or will once its version arrives.
 * (Decision 067, last addendum. The sum of the approved versions in effect, before, stayed the
 * same when an entry was retired or approved again at its version, and went back when another
 * laptop's approval arrived before its version.)
 */
export function publicationVersion(entries: readonly FaqEntry[]): number {
  return entries.reduce((n, e) => n + decisionsOf(e).length, 0);
}

/**
 * The FAQ as Markdown, each text shown as typed (shared/export/markdown.ts): a line break in
 * an answer is a `<br>`, so no line of it can start a heading, a list or a rule.
 */
export function faqMarkdown(title: string, stamp: string, faq: RenderedFaq[]): string {
  return [`# ${md(title)}`, '', `*${md(stamp)}*`, '', ...faq.flatMap((f) => [`## Q. ${md(f.question)}`, '', `A. ${md(f.answer)}`, ''])].join('\n');
}

/** Self-contained: inline CSS, no scripts, nothing fetched — it goes on the public website. */
export function faqHtml(title: string, stamp: string, faq: RenderedFaq[], lang: string): string {
  const items = faq
    .map((f) => `<section><h2>Q. ${escapeHtml(f.question)}</h2><p>A. ${escapeHtml(f.answer).replace(/\n/g, '<br>')}</p></section>`)
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:'Hiragino Sans','Noto Sans JP','Yu Gothic',Meiryo,sans-serif;line-height:1.8;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b2430}h1{font-size:1.4rem}h2{font-size:1.05rem;margin-top:1.5rem}.stamp{color:#556170;font-size:.85rem}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="stamp">${escapeHtml(stamp)}</p>
${items}
</body>
</html>
`;
}

/** Line-level difference between two versions, for the version history. */
export function lineDiff(before: string, after: string): { kind: 'same' | 'added' | 'removed'; text: string }[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const out: { kind: 'same' | 'added' | 'removed'; text: string }[] = [];
  // Longest common subsequence on lines: answers are short, so the quadratic table is fine.
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: 'removed', text: a[i++]! });
    else out.push({ kind: 'added', text: b[j++]! });
  }
  while (i < a.length) out.push({ kind: 'removed', text: a[i++]! });
  while (j < b.length) out.push({ kind: 'added', text: b[j++]! });
  return out;
}
