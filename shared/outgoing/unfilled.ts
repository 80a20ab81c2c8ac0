/**
 * What leaves the building must not carry a fact nobody has filled in yet. Given the
 * documents about to go out (letters, e-mail text, the published FAQ, a statement, the
 * regulator draft…) and the facts they are rendered from, this lists each unfilled fact
 * and every place that uses it (document, section or entry, line), so the screen can
 * name them before anything is saved, printed or copied.
 *
 * One check for every kind of document: a part is either a template (rendered here with
 * the same renderTemplate the document uses, so "missing" means the same thing) or text
 * already rendered (the visible marker of an unknown fact is looked for in it).
 */
import { PLACEHOLDERS, renderTemplate, type Placeholder, type RenderContext, type RenderOptions } from '../incident/render';

export const OUTGOING_KINDS = ['faq-publication', 'faq-answer', 'statement', 'ppc-draft', 'notice', 'letters', 'email'] as const;
export type OutgoingKind = (typeof OUTGOING_KINDS)[number];

export interface OutgoingPart {
  /** The section, entry or item, in the team's words (a section name, a FAQ question). */
  where: string;
  /** A template with {{placeholders}}, rendered from the facts. */
  template?: string;
  /** Text already rendered: markers of unknown facts are found in it. */
  text?: string;
}

export interface OutgoingDocument {
  /** Stable name of the document: what an override by direction refers to ("statement:2"). */
  id: string;
  kind: OutgoingKind;
  /** What people call it ("第2版（続報 1）", "郵便 10,000 件"). */
  title: string;
  parts: OutgoingPart[];
  /** The facts it is rendered from, when not the live ones (a published statement keeps its own). */
  context?: RenderContext;
  /** The labels its text was rendered with, when not the screen's (a statement written in English). */
  labels?: RenderOptions['labels'];
}

export interface FactUse {
  documentId: string;
  kind: OutgoingKind;
  title: string;
  where: string;
  /** 1-based line within the part (the template, or the rendered text). */
  line: number;
}

export interface UnfilledFact {
  fact: Placeholder;
  uses: FactUse[];
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Where the visible "not known yet" marker of each fact appears in a text. */
function markersIn(text: string, opts: RenderOptions): { name: Placeholder; line: number }[] {
  const found: { name: Placeholder; line: number; index: number }[] = [];
  for (const name of PLACEHOLDERS) {
    const marker = opts.labels.missing.replace('{name}', opts.labels.placeholders[name]);
    if (marker === '') continue;
    for (let i = text.indexOf(marker); i !== -1; i = text.indexOf(marker, i + marker.length)) found.push({ name, line: lineAt(text, i), index: i });
  }
  return found.sort((a, b) => a.index - b.index);
}

function usesIn(part: OutgoingPart, ctx: RenderContext, opts: RenderOptions): { name: Placeholder; line: number }[] {
  const out: { name: Placeholder; line: number }[] = [];
  if (part.template !== undefined) {
    out.push(...renderTemplate(part.template, ctx, { ...opts, escape: 'none' }).missingAt.map((m) => ({ name: m.name, line: m.line })));
    // A rendered answer pasted back into a template still carries the marker.
    out.push(...markersIn(part.template, opts));
  }
  if (part.text !== undefined) out.push(...markersIn(part.text, opts));
  return out;
}

/** Every unfilled fact the documents carry, in the order of the fact list, with each place it is used. */
export function findUnfilled(documents: readonly OutgoingDocument[], live: RenderContext, opts: RenderOptions): UnfilledFact[] {
  const byFact = new Map<Placeholder, FactUse[]>();
  for (const doc of documents) {
    const ctx = doc.context ?? live;
    const docOpts = doc.labels ? { ...opts, labels: doc.labels } : opts;
    for (const part of doc.parts) {
      const seen = new Set<string>();
      for (const { name, line } of usesIn(part, ctx, docOpts)) {
        const key = `${name}:${line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const uses = byFact.get(name) ?? [];
        uses.push({ documentId: doc.id, kind: doc.kind, title: doc.title, where: part.where, line });
        byFact.set(name, uses);
      }
    }
  }
  return PLACEHOLDERS.filter((p) => byFact.has(p)).map((fact) => ({ fact, uses: byFact.get(fact)! }));
}

/** What an override by direction lets through: these facts, in this document only. */
export interface Coverage {
  documentId: string;
  facts: readonly Placeholder[];
}

export interface ReleaseCheck {
  /** Facts that stop the documents, with the uses nothing covers. Empty: they may go. */
  blocked: UnfilledFact[];
  /** Facts direction let through for these documents, with the uses covered. */
  allowed: UnfilledFact[];
}

/**
 * The gate: the unfilled facts, split by whether direction has let them through for the
 * document that uses them. An override covers exactly its facts in its document, so a
 * fact that goes missing later, or the same fact in another document, blocks again.
 */
export function checkRelease(
  documents: readonly OutgoingDocument[],
  live: RenderContext,
  opts: RenderOptions,
  overrides: readonly Coverage[],
): ReleaseCheck {
  const covered = (use: FactUse, fact: Placeholder) => overrides.some((o) => o.documentId === use.documentId && o.facts.includes(fact));
  const blocked: UnfilledFact[] = [];
  const allowed: UnfilledFact[] = [];
  for (const u of findUnfilled(documents, live, opts)) {
    const open = u.uses.filter((use) => !covered(use, u.fact));
    const passed = u.uses.filter((use) => covered(use, u.fact));
    if (open.length > 0) blocked.push({ fact: u.fact, uses: open });
    if (passed.length > 0) allowed.push({ fact: u.fact, uses: passed });
  }
  return { blocked, allowed };
}
