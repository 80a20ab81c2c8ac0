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
  opts: { labels: RenderLabels; locale: string; unknownMarker?: string },
): RenderedStatement {
  const paragraphs = sections
    .map((s) => {
      const r = renderTemplate(s.text, { title, facts }, { labels: opts.labels, locale: opts.locale, timeZone: 'Asia/Tokyo' });
      // A placeholder the app does not know (a typo: {{titel}}) is never printed raw: a marker names it,
      // as the checklist does (which keeps the version from being approved).
      const marker = opts.unknownMarker;
      const unknown = new Set(r.unknown.map((u) => u.name));
      const text = marker && unknown.size > 0 ? r.text.replace(/\{\{\s*([A-Za-z]\w*)\s*\}\}/g, (all, name: string) => (unknown.has(name) ? marker.replace('{name}', name) : all)) : r.text;
      return text.trim();
    })
    .filter((p) => p !== '');
  return { headline, paragraphs };
}
