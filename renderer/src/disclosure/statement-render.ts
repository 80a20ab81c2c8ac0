/** A statement version as text people read: rendered from the live facts, in each export format. */
import type { Facts } from '../../../shared/incident/model';
import { escapeHtml, renderTemplate, type RenderLabels } from '../../../shared/incident/render';
import type { StatementSection } from '../../../shared/disclosure/statement';

export interface RenderedStatement {
  headline: string;
  paragraphs: string[];
}

export function renderStatement(
  title: string,
  headline: string,
  sections: StatementSection[],
  facts: Facts,
  opts: { labels: RenderLabels; locale: string },
): RenderedStatement {
  const paragraphs = sections
    .map((s) => renderTemplate(s.text, { title, facts }, { labels: opts.labels, locale: opts.locale, timeZone: 'Asia/Tokyo' }).text.trim())
    .filter((p) => p !== '');
  return { headline, paragraphs };
}

export function statementText(s: RenderedStatement, stamp: string): string {
  return [s.headline, '', ...s.paragraphs.flatMap((p) => [p, '']), stamp, ''].join('\n');
}

export function statementMarkdown(s: RenderedStatement, stamp: string): string {
  const md = (p: string) => p.replace(/([\\`*_[\]<>#|])/g, '\\$1').replace(/\n/g, '  \n');
  return [`# ${md(s.headline)}`, '', ...s.paragraphs.flatMap((p) => [md(p), '']), `*${md(stamp)}*`, ''].join('\n');
}

/** A self-contained page for the corporate site: no scripts, no external resources. */
export function statementHtml(s: RenderedStatement, stamp: string, lang: string): string {
  const body = s.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(s.headline)}</title>
<style>body{font-family:'Hiragino Sans','Noto Sans JP','Yu Gothic',Meiryo,sans-serif;line-height:1.8;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1b2430}h1{font-size:1.4rem}.stamp{color:#556170;font-size:.85rem}</style>
</head>
<body>
<h1>${escapeHtml(s.headline)}</h1>
${body}
<p class="stamp">${escapeHtml(stamp)}</p>
</body>
</html>
`;
}
