/**
 * The one way any text quotes the incident's facts: statements, FAQ answers, letters and
 * regulator reports are templates with {{placeholders}}, rendered from the live facts.
 * A fact that is not known yet renders as a visible marker and is reported, never as an
 * empty gap; an unknown placeholder is reported with its line and column.
 */
import { FACT_KEYS, type DataItem, type FactKey, type Facts } from './model';

/** The incident's title and every live fact can be quoted. */
export type Placeholder = 'title' | FactKey;
export const PLACEHOLDERS: readonly Placeholder[] = ['title', ...FACT_KEYS];

/** Words the renderer needs, supplied from the UI dictionaries (shared/ holds no UI text). */
export interface RenderLabels {
  items: Record<DataItem, string>;
  placeholders: Record<Placeholder, string>;
  /** Marker for a fact not known yet; "{name}" is replaced by the placeholder's label. */
  missing: string;
  listSeparator: string;
}

export interface RenderContext {
  title: string;
  facts: Facts;
}

export interface RenderOptions {
  labels: RenderLabels;
  locale: string;
  timeZone?: string;
  escape?: 'none' | 'html';
}

export interface UnknownPlaceholder {
  name: string;
  line: number;
  column: number;
}

/** One place in a template that quotes a fact not known yet. */
export interface MissingUse {
  name: Placeholder;
  line: number;
  column: number;
}

export interface RenderResult {
  text: string;
  /** Placeholders used whose fact is not known yet. */
  missing: Placeholder[];
  /** Every place (line, column of the template) that quotes a fact not known yet, in order. */
  missingAt: MissingUse[];
  unknown: UnknownPlaceholder[];
  /** Facts the text quotes: when one of them changes, the text is stale. */
  quotes: FactKey[];
}

/**
 * A placeholder: {{deskPhone}}, and also as typed with the IME on — full-width braces and
 * letters (｛｛ｄｅｓｋＰｈｏｎｅ｝｝) — or a name that is no placeholder ({{電話番号}}), which
 * would otherwise go out to customers as typed: read, and a name it does not know is refused
 * where an unknown one is. Its name is `placeholderName(match)`, in NFKC form.
 */
export const PLACEHOLDER_PATTERN = /[{｛]{2}([^{}｛｝]{0,64}?)[}｝]{2}/g;
/** The name between the braces, NFKC, without the spaces around it (a no-break or full-width one too): `{{}}` or `{{desk Phone}}` names no placeholder. */
export const placeholderName = (match: RegExpMatchArray): string => match[1]!.normalize('NFKC').trim();

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

function formatValue(name: Placeholder, ctx: RenderContext, opts: RenderOptions): string | null {
  if (name === 'title') return ctx.title === '' ? null : ctx.title;
  const value = ctx.facts[name];
  // A fact cleared with a space (a full-width one left in the field) is not known either.
  if (value === null || (typeof value === 'string' && value.trim() === '')) return null;
  if (typeof value === 'number') return new Intl.NumberFormat(opts.locale).format(value);
  if (Array.isArray(value)) {
    return value.length === 0 ? null : value.map((item) => opts.labels.items[item]).join(opts.labels.listSeparator);
  }
  if (name === 'discoveredAt' || name === 'occurredAt' || name === 'nextUpdateAt') {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    return new Intl.DateTimeFormat(opts.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: opts.timeZone }).format(date);
  }
  return value;
}

export function renderTemplate(template: string, ctx: RenderContext, opts: RenderOptions): RenderResult {
  const escape = opts.escape === 'html' ? escapeHtml : (s: string) => s;
  const missing = new Set<Placeholder>();
  const missingAt: MissingUse[] = [];
  const quotes = new Set<FactKey>();
  const unknown: UnknownPlaceholder[] = [];
  let out = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER_PATTERN)) {
    const name = placeholderName(match);
    out += escape(template.slice(last, match.index));
    last = match.index + match[0].length;
    if (!isPlaceholder(name)) {
      unknown.push({ name, ...position(template, match.index) });
      out += escape(match[0]);
      continue;
    }
    if (name !== 'title') quotes.add(name);
    const value = formatValue(name, ctx, opts);
    if (value === null) {
      missing.add(name);
      missingAt.push({ name, ...position(template, match.index) });
      out += escape(opts.labels.missing.replace('{name}', opts.labels.placeholders[name]));
    } else {
      out += escape(value);
    }
  }
  out += escape(template.slice(last));
  return { text: out, missing: [...missing], missingAt, unknown, quotes: [...quotes] };
}
