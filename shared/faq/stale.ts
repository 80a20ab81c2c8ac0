/**
 * One answer for everyone only holds while the answers say what the facts say. An
 * approved text remembers the facts it quoted when it was approved; when one of them
 * moves, the text is stale until someone approves it again. Numbers typed by hand instead
 * of a placeholder cannot follow the facts at all, so they are found and compared too.
 * Generic over any text that quotes facts: FAQ answers now, statements and letters later.
 */
import { FACT_KEYS, type FactKey, type Facts } from '../incident/model';
import { PLACEHOLDER_PATTERN, PLACEHOLDERS, placeholderName } from '../incident/render';
import { diffFacts } from '../incident/report-diff';
import { approvedVersion, faqState, publishedVersion, type FaqEntry } from './model';


export interface TextPosition {
  line: number;
  /** 1-based, in UTF-16 code units, as incident/render.ts reports unknown placeholders. */
  column: number;
}

function position(text: string, index: number): TextPosition {
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

/** The facts a template quotes, in FACT_KEYS order (the same set renderTemplate reports). */
export function quotedFacts(template: string): FactKey[] {
  const names = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER_PATTERN)) names.add(placeholderName(match));
  return FACT_KEYS.filter((key) => names.has(key));
}

/** Facts an answer may hold typed by hand rather than quoted: the desk's number, read out by the vendor. */
const TYPED_FACTS = ['deskPhone'] as const;
const digitsOf = (v: string): string => v.normalize('NFKC').replace(/\D/g, '');
/** Whether the text holds this number typed out (its digits, whatever the hyphens): numbers of 8 digits or more only. */
const typedIn = (template: string, value: unknown): boolean => typeof value === 'string' && digitsOf(value).length >= 8 && digitsOf(template).includes(digitsOf(value));

/** What to store with an approval: the quoted facts as they are now, and the desk's number if the text types it out. */
export function snapshotFor(template: string, facts: Facts): Partial<Facts> {
  const out: Partial<Facts> = {};
  for (const key of quotedFacts(template)) (out as Record<string, unknown>)[key] = structuredClone(facts[key]);
  for (const key of TYPED_FACTS) if (typedIn(template, facts[key])) (out as Record<string, unknown>)[key] = facts[key];
  return out;
}

/**
 * Quoted facts whose value is not the one approved. A quoted fact missing from the
 * snapshot counts as changed: nobody approved the text with any value of it. A number the
 * text typed out as it was approved (the desk's) counts as changed once the fact moved on.
 */
export function changedSince(template: string, snapshot: Partial<Facts>, facts: Facts): FactKey[] {
  const moved = new Set(diffFacts({ ...facts, ...snapshot }, facts).map((c) => c.field));
  const quoted = quotedFacts(template);
  const typed = TYPED_FACTS.filter((key) => !quoted.includes(key) && key in snapshot && typedIn(template, snapshot[key]) && moved.has(key));
  return [...quoted.filter((key) => !(key in snapshot) || moved.has(key)), ...typed];
}

export type Staleness =
  | { state: 'current'; changed: [] }
  | { state: 'stale'; changed: FactKey[] }
  | { state: 'draft'; changed: [] }
  | { state: 'retired'; changed: [] };

export function staleness(entry: Pick<FaqEntry, 'versions' | 'approval' | 'retired'>, facts: Facts): Staleness {
  const state = faqState(entry);
  if (state !== 'approved') return { state, changed: [] };
  const version = approvedVersion(entry);
  // An approval of a version this laptop has not received yet: nothing to compare.
  if (!version || !entry.approval) return { state: 'current', changed: [] };
  const changed = changedSince(version.answer, entry.approval.factsSnapshot, facts);
  return changed.length > 0 ? { state: 'stale', changed } : { state: 'current', changed: [] };
}

export interface ContradictionOptions {
  /** Units that make a number a count of people or records. */
  units?: readonly string[];
  /** Counts below this are per-person quantities (「1名につき」), not the incident's count. */
  minValue?: number;
  /** How far an approximate number (「約1,000件」) may be from a live count and still agree. */
  tolerance?: number;
}

export type ContradictionCode = 'count-differs' | 'count-unconfirmed';

export interface Contradiction extends TextPosition {
  code: ContradictionCode;
  /** The number as typed, with its unit. */
  text: string;
  value: number;
  approximate: boolean;
  live: { confirmedCount: number | null; maxCount: number | null };
}

const DEFAULT_UNITS = ['件', '名', '人'];
const APPROX_BEFORE = /(?:約|およそ|おおよそ|概ね|ほぼ)\s*$/;
const APPROX_AFTER = /^(?:程度|前後|余り|余|超|強|弱)/;
const MULTIPLIER: Record<string, number> = { 千: 1_000, 万: 10_000, 億: 100_000_000 };

function countPattern(units: readonly string[]): RegExp {
  const unit = units.map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  // Full-width digits and commas as typed; a digit right before means it is part of a longer number.
  return new RegExp(`(?<![0-9０-９.,，．])([0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)\\s*([千万億])?\\s*(?:${unit})`, 'g');
}

function agrees(value: number, live: number | null, approximate: boolean, tolerance: number): boolean {
  if (live === null) return false;
  if (!approximate) return value === live;
  return Math.abs(value - live) <= Math.max(1, live) * tolerance;
}

/** Counts typed by hand that the live facts do not bear out, with where they are. */
export function contradictions(text: string, facts: Pick<Facts, 'confirmedCount' | 'maxCount'>, options: ContradictionOptions = {}): Contradiction[] {
  const { units = DEFAULT_UNITS, minValue = 10, tolerance = 0.05 } = options;
  const live = { confirmedCount: facts.confirmedCount, maxCount: facts.maxCount };
  const out: Contradiction[] = [];
  for (const match of text.matchAll(countPattern(units))) {
    const digits = match[1]!.normalize('NFKC').replace(/,/g, '');
    const value = Number(digits) * (MULTIPLIER[match[2] ?? ''] ?? 1);
    if (!Number.isFinite(value) || value < minValue) continue;
    const end = match.index + match[0].length;
    const approximate = APPROX_BEFORE.test(text.slice(Math.max(0, match.index - 5), match.index)) || APPROX_AFTER.test(text.slice(end));
    if (live.confirmedCount === null && live.maxCount === null) {
      out.push({ code: 'count-unconfirmed', text: match[0], value, approximate, live, ...position(text, match.index) });
      continue;
    }
    if (agrees(value, live.confirmedCount, approximate, tolerance) || agrees(value, live.maxCount, approximate, tolerance)) continue;
    out.push({ code: 'count-differs', text: match[0], value, approximate, live, ...position(text, match.index) });
  }
  return out;
}

export interface QuotingText {
  id: string;
  /** What the text is ('faq', 'statement', 'letter' …): the view groups by it. */
  kind: string;
  template: string;
  /** The quoted facts when the text was approved; absent for texts not approved yet. */
  approvedSnapshot?: Partial<Facts>;
}

export interface UnknownName extends TextPosition {
  name: string;
}

export interface Consistency {
  id: string;
  kind: string;
  quotes: FactKey[];
  /** Quoted facts changed since approval (empty when not approved). */
  stale: FactKey[];
  contradictions: Contradiction[];
  /** Placeholders that are not facts: they would print as typed. */
  unknown: UnknownName[];
  ok: boolean;
}

/** The consistency view: every text that quotes the facts, checked against them. */
export function consistencyOf(texts: readonly QuotingText[], facts: Facts, options: ContradictionOptions = {}): Consistency[] {
  const known = new Set<string>(PLACEHOLDERS);
  return texts.map((t) => {
    const unknown: UnknownName[] = [];
    for (const match of t.template.matchAll(PLACEHOLDER_PATTERN)) {
      const name = placeholderName(match);
      if (!known.has(name)) unknown.push({ name, ...position(t.template, match.index) });
    }
    const stale = t.approvedSnapshot ? changedSince(t.template, t.approvedSnapshot, facts) : [];
    const found = contradictions(t.template, facts, options);
    return {
      id: t.id,
      kind: t.kind,
      quotes: quotedFacts(t.template),
      stale,
      contradictions: found,
      unknown,
      ok: stale.length === 0 && found.length === 0 && unknown.length === 0,
    };
  });
}

/** FAQ entries as texts for consistencyOf: the text operators read out, retired ones left out. */
export function faqTexts(entries: Iterable<FaqEntry>): QuotingText[] {
  const out: QuotingText[] = [];
  for (const entry of entries) {
    const state = faqState(entry);
    const version = publishedVersion(entry);
    if (state === 'retired' || !version) continue;
    const text: QuotingText = { id: entry.id, kind: 'faq', template: version.answer };
    if (state === 'approved' && entry.approval) text.approvedSnapshot = entry.approval.factsSnapshot;
    out.push(text);
  }
  return out;
}
