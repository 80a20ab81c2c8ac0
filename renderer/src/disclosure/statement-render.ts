/** Sections of a statement or notice as text people read: each template rendered from the facts. */
import type { Facts } from '../../../shared/incident/model';
import { renderTemplate, type RenderLabels } from '../../../shared/incident/render';
import type { StatementSection } from '../../../shared/disclosure/statement';

export interface RenderedStatement {
  headline: string;
  paragraphs: string[];
}

export function renderStatement(
  title: string,
  headline: string,
  sections: readonly StatementSection[],
  facts: Facts,
  opts: { labels: RenderLabels; locale: string },
): RenderedStatement {
  const paragraphs = sections
    .map((s) => renderTemplate(s.text, { title, facts }, { labels: opts.labels, locale: opts.locale, timeZone: 'Asia/Tokyo' }).text.trim())
    .filter((p) => p !== '');
  return { headline, paragraphs };
}
