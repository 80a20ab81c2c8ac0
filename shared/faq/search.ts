/**
 * Operators search the FAQ while the caller is talking (DOMAIN.md part 4): every keystroke
 * re-runs the query, so it must be fast and forgiving. Kanji, hiragana, katakana, half-
 * and full-width all reduce to the same terms (tokenize.ts). Words are matched by prefix
 * (the last one is usually half typed), Latin words also fuzzily (typos), and CJK bigrams
 * exactly: a bigram is already a fragment, a fuzzy one would match anything.
 */
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import type { JapaneseAnalyser } from './analyser';
import { faqState, publishedVersion, type FaqEntry, type FaqState } from './model';
import { learn, readingContext, resolve, type ReadingContext } from './morph';
import { cutKana, fold, isKanaOnly, Vocabulary } from './reading';
import { PLACEHOLDER_PATTERN } from '../incident/render';
import { analyze, normalize, processTerm, tokenize } from './tokenize';

/** What the index needs of an entry; build it from a FaqEntry with toSearchEntry. */
export interface FaqSearchEntry {
  id: string;
  question: string;
  variants: string[];
  /** The answer template; placeholders are not indexed. */
  answer: string;
  category: string;
  state: FaqState;
}

interface FaqDoc {
  id: string;
  question: string;
  variants: string;
  answer: string;
  category: string;
  state: FaqState;
}

/**
 * With a dictionary analyser the index also holds each word's base form, its reading in
 * hiragana and its synonym group, and `vocab` the readings of the FAQ's own kanji words,
 * so a query typed in kana (もれた, こじんじょうほう, ｺｼﾞﾝｼﾞｮｳﾎｳ) finds them.
 */
export interface FaqIndex {
  readonly mini: MiniSearch<FaqDoc>;
  readonly reading: { ctx: ReadingContext; vocab: Vocabulary } | null;
}

export interface FaqIndexOptions {
  analyser?: JapaneseAnalyser | null;
}

export interface SearchFaqOptions {
  /** Operators may only read out approved answers; drafts are for the FAQ editors. */
  approvedOnly?: boolean;
  limit?: number;
}

/** The question as asked weighs most; a match only in a long answer weighs least. */
const BOOST = { question: 3, variants: 2, category: 1.5, answer: 1 };
const LATIN = /^[\p{Script=Latin}\p{N}._@-]+$/u;

/** What operators search: the approved text of an approved entry, else the latest draft. */
export function toSearchEntry(entry: FaqEntry): FaqSearchEntry {
  const version = publishedVersion(entry);
  return {
    id: entry.id,
    question: version?.question ?? '',
    variants: entry.variants.map((v) => v.text),
    answer: version?.answer ?? '',
    category: version?.category ?? '',
    state: faqState(entry),
  };
}

function toDoc(entry: FaqSearchEntry | FaqEntry): FaqDoc {
  const e = 'versions' in entry ? toSearchEntry(entry) : entry;
  return {
    id: e.id,
    question: e.question,
    // One variant per line so two variants never run into one CJK run.
    variants: e.variants.join('\n'),
    answer: e.answer.replace(PLACEHOLDER_PATTERN, '\n'),
    category: e.category,
    state: e.state,
  };
}

const FIELDS = ['question', 'variants', 'answer', 'category'] as const;

/** Each line of a field on its own: variants are one per line and must not run together. */
function readingTerms(reading: NonNullable<FaqIndex['reading']>, text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const { words, forms } = resolve(reading.ctx.prepare(line), reading.vocab, reading.ctx);
    for (const w of words) out.push(w.key);
    out.push(...forms);
  }
  return out;
}

function teach(reading: FaqIndex['reading'], doc: FaqDoc): void {
  if (reading === null) return;
  for (const field of FIELDS) for (const line of doc[field].split('\n')) if (line.trim() !== '') learn(reading.vocab, reading.ctx.prepare(line));
}

export function createFaqIndex(entries: Iterable<FaqSearchEntry | FaqEntry>, options: FaqIndexOptions = {}): FaqIndex {
  const ctx = options.analyser ? readingContext(options.analyser) : null;
  const reading = ctx ? { ctx, vocab: new Vocabulary(ctx.lexicon) } : null;
  const mini = new MiniSearch<FaqDoc>({
    fields: [...FIELDS],
    storeFields: ['state'],
    tokenize: (text) => (reading === null ? tokenize(text) : [...new Set([...tokenize(text), ...readingTerms(reading, text)])]),
    processTerm: (term) => processTerm(term),
    searchOptions: { boost: BOOST },
  });
  const docs = [...entries].map(toDoc);
  // Every entry's kanji words teach their readings before any entry is indexed.
  for (const doc of docs) teach(reading, doc);
  mini.addAll(docs);
  // Sort the readings for prefix look-up now, not on the operator's first keystroke.
  reading?.vocab.withPrefix('', 0);
  return { mini, reading };
}

/** Adds or replaces one entry (after an edit, approval or retirement). */
export function upsertFaqEntry(index: FaqIndex, entry: FaqSearchEntry | FaqEntry): void {
  if (index.mini.has(entry.id)) index.mini.discard(entry.id);
  const doc = toDoc(entry);
  teach(index.reading, doc);
  index.mini.add(doc);
}

export function removeFaqEntry(index: FaqIndex, id: string): void {
  if (index.mini.has(id)) index.mini.discard(id);
}

const asIs = (text: string): string[] => [text];

/**
 * What the dictionary makes of the query: its words' keys, base forms and readings; and,
 * for a query typed in kana, the whole of it and the readings it is the start of (the
 * operator is still typing), as prefixes.
 */
function readingQuery(reading: NonNullable<FaqIndex['reading']>, text: string): Query | null {
  const terms = new Set(readingTerms(reading, text));
  const typed = fold(normalize(text).replace(/[\s\p{P}]/gu, ''));
  if (typed.length >= 2 && isKanaOnly(typed)) {
    terms.add(typed);
    const cuts = cutKana(typed, reading.vocab);
    const tail = typed.slice(cuts.at(-1)?.end ?? 0);
    // The rest after the last known word is a word half typed only if it is long enough
    // not to be an ending (やめ|たい must not complete たい to 対象).
    if (tail.length >= 3 || (tail === typed && tail.length >= 2)) for (const r of reading.vocab.withPrefix(tail, 8)) for (const key of reading.vocab.get(r)!.keys) terms.add(key);
  }
  if (terms.size === 0) return null;
  return { queries: [...terms], tokenize: asIs, prefix: (term) => term.length >= 2, fuzzy: false };
}

/** The query as MiniSearch sub-queries, each with its own matching rules. */
export function faqQuery(text: string, index?: FaqIndex): Query | null {
  const { words, bigrams, joins, aliases } = analyze(text);
  const wordTerms = [...new Set([...words, ...aliases.filter((a) => a.length > 2 || LATIN.test(a))])];
  const fragments = [...new Set([...bigrams, ...joins, ...aliases.filter((a) => a.length === 2 && !LATIN.test(a))])].filter(
    (b) => !wordTerms.includes(b),
  );
  const queries: Query[] = [];
  if (wordTerms.length > 0) {
    queries.push({
      queries: wordTerms,
      tokenize: asIs,
      prefix: (term) => term.length >= 2 || !LATIN.test(term),
      // A typo in a Latin word (an e-mail domain, "pasword"); kana have no such typos.
      fuzzy: (term) => (LATIN.test(term) && term.length >= 4 ? 0.2 : false),
    });
  }
  if (fragments.length > 0) queries.push({ queries: fragments, tokenize: asIs, prefix: false, fuzzy: false });
  const byReading = index?.reading ? readingQuery(index.reading, text) : null;
  if (byReading) queries.push(byReading);
  if (queries.length === 0) return null;
  return { combineWith: 'OR', queries };
}

function byScore(a: SearchResult, b: SearchResult): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Entry ids for what the operator typed so far, best first. */
export function searchFaq(index: FaqIndex, text: string, options: SearchFaqOptions = {}): string[] {
  const { approvedOnly = true, limit = 20 } = options;
  const query = faqQuery(text, index);
  if (query === null) return [];
  const results = index.mini.search(query, approvedOnly ? { filter: (r) => r.state === 'approved' } : {});
  return results.sort(byScore).slice(0, limit).map((r) => r.id as string);
}
