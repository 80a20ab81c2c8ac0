/**
 * Similar enquiries grouped so the team sees "what do people ask" as a short list of
 * questions, each worth one FAQ answer (DOMAIN.md part 4).
 *
 * TF-IDF vectors of the tokens (words, plus their bigrams at a lower weight), then leader
 * clustering in time order: each question joins the group it is most similar to on
 * average (mean cosine to the members ≥ threshold) or starts a new one, and one pass of
 * reassignment evens out arrival order. Average rather than single links because single
 * links chain 「電話がつながらない」 to 「迷惑電話が来る」 to 「迷惑メールが来る」 until
 * everything is one group. Time order makes the earliest member the group's first, so
 * its id normally survives as new enquiries arrive. Candidate groups come from an
 * inverted index over the groups' terms, so a question is compared only with groups it
 * shares a term with: 10,000 questions group in well under a second.
 *
 * The defaults are tuned on enquiries.fixture.ts: no false merges there, a few splits.
 * Lexical similarity groups by what is asked about more than by what is asked, so
 * 「カード番号は漏れた？」 and 「カードを止めるべき？」 share a group.
 */
import type { JapaneseAnalyser } from './analyser';
import { instantMs } from './model';
import { learn, readingContext, resolve, type Prepared, type ReadingContext } from './morph';
import { Vocabulary } from './reading';
import { analyze, isGenericWord, wordBigrams } from './tokenize';

export interface GroupItem {
  id: string;
  text: string;
  /** ISO time or HLC; items are ordered by it (then by id). */
  at: string;
  /**
   * The call-centre vendor's category for the enquiry, when it came with one (issue 15
   * item 1). Enquiries of one category lean together, of two categories apart.
   */
  category?: string;
}

export interface Group {
  /** Id of the earliest member: normally the same after later enquiries join. */
  id: string;
  /** In time order. */
  memberIds: string[];
  /** The most central member's question. */
  label: string;
  labelId: string;
  /** Heaviest words of the group, for a glance at what it is about. */
  terms: string[];
}

export interface GroupingOptions {
  /** Mean cosine between a question and a group's members needed to join it. */
  threshold?: number;
  /** Weight of a bigram relative to a word: bigrams catch variants but carry less meaning. */
  bigramWeight?: number;
  /** Weight of a bigram across two words (see Analysis.joins). */
  joinWeight?: number;
  /** Weight of words every leak enquiry shares (see isGenericWord). */
  genericWeight?: number;
  /** With an analyser: weight of a concept word (lexicon.ts) relative to an ordinary word. */
  conceptWeight?: number;
  /**
   * Last pass: a group of at most `smallGroup` members joins the group whose centroid is
   * nearest to its own when their cosine is at least this (1 or more: no merging).
   */
  mergeThreshold?: number;
  smallGroup?: number;
  /** Weight of the vendor's category (GroupItem.category) relative to an ordinary word. */
  categoryWeight?: number;
  /** How many terms each group lists. */
  maxTerms?: number;
  /**
   * The dictionary analyser (analyser.ts). With it, questions are compared by the base
   * forms and readings of their content words, so a question typed in kana or half-width
   * joins the same question in kanji; without it, by segmenter words and bigrams.
   */
  analyser?: JapaneseAnalyser | null;
  /**
   * Told how far the analysis has gone (texts and items analysed of all to analyse), every
   * few hundred: a worker reports it to the screen during a first grouping of many.
   */
  onProgress?: (done: number, total: number) => void;
}

type Settings = Required<Omit<GroupingOptions, 'analyser' | 'onProgress'>>;

export const DEFAULT_GROUPING: Settings = { threshold: 0.25, bigramWeight: 0.3, joinWeight: 0, genericWeight: 0.35, conceptWeight: 1, mergeThreshold: 1, smallGroup: 0, categoryWeight: 2, maxTerms: 5 };

/** Tuned on labelled-enquiries.fixture.ts (and the development set B) with the IPADIC analyser. */
export const READING_GROUPING: Settings = { threshold: 0.4, bigramWeight: 0, joinWeight: 0, genericWeight: 0.1, conceptWeight: 6, mergeThreshold: 0.4, smallGroup: 5, categoryWeight: 12, maxTerms: 5 };

interface Vector {
  terms: number[];
  weights: number[];
}

interface Cluster {
  members: number[];
  /** Sum of member vectors, as term id → weight. */
  sum: Map<number, number>;
}

/** The term for a vendor category: width and case folded, blank → none. */
function categoryTerm(category: string | undefined): string | null {
  const c = category?.normalize('NFKC').trim().toLowerCase();
  return c ? `\u0001category:${c}` : null;
}

/**
 * What an analysis depends on: the text, and the vendor's category — as a pair, so that no
 * character in either (a NUL in a badly exported log) makes two enquiries look alike.
 */
const analysisKey = (item: GroupItem): string => JSON.stringify([categoryTerm(item.category), item.text]);

function byTime(a: GroupItem, b: GroupItem): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** An item's terms with their kind weight (before IDF), and how it writes its words. */
interface Analysed {
  terms: Map<string, number>;
  /** Term → how this item writes it (its base form), for the chips; null without an analyser. */
  displays: Map<string, string> | null;
  words: Set<string>;
}

/**
 * The terms of one item. With an analyser: content words by key, a concept word (or a
 * word the lexicon folds onto one) by its concept at `conceptWeight`, words every leak
 * enquiry shares at `genericWeight`. Without: segmenter words with their bigrams.
 */
function analyseItem(text: string, category: string | undefined, opts: Settings, ctx: ReadingContext | null, vocab: Vocabulary | null, prepared?: Prepared): Analysed {
  const terms = new Map<string, number>();
  const words = new Set<string>();
  const add = (term: string, weight: number, word: boolean): void => {
    // A term that is both a word and a bigram of the text counts once, at the larger weight.
    terms.set(term, Math.max(terms.get(term) ?? 0, weight));
    if (word) words.add(term);
  };
  // The vendor's category is a term no word can be (it starts with a control character);
  // it is not a word, so it never shows as a chip.
  const cat = categoryTerm(category);
  if (cat !== null && opts.categoryWeight > 0) add(cat, opts.categoryWeight, false);
  if (ctx === null || vocab === null) {
    const { words: ws, joins } = analyze(text);
    for (const w of ws) {
      const weight = isGenericWord(w) ? opts.genericWeight : 1;
      add(w, weight, true);
      // A word's bigrams share one word's worth of bigram weight, so a long katakana word
      // (seven bigrams) does not outweigh a short kanji word (one).
      const bigrams = opts.bigramWeight > 0 ? wordBigrams(w).filter((b) => b !== w) : [];
      for (const b of bigrams) add(b, (weight * opts.bigramWeight) / Math.sqrt(bigrams.length), false);
    }
    if (opts.joinWeight > 0) for (const b of joins) add(b, opts.joinWeight, false);
    return { terms, displays: null, words };
  }
  const { words: ws } = resolve(prepared ?? ctx.prepare(text), vocab, ctx);
  const displays = new Map<string, string>();
  for (const w of ws) {
    const concept = ctx.conceptOf(w.key);
    const key = concept ?? w.key;
    add(key, ctx.isGeneric(w.key) ? opts.genericWeight : concept !== undefined ? opts.conceptWeight : 1, true);
    // A chip shows the word as members wrote it (住所, not the concept 項目): shownAs picks the commonest.
    if (!displays.has(key)) displays.set(key, w.display);
  }
  return { terms, displays, words };
}

/**
 * Everything grouping knows, kept so new enquiries can be placed without regrouping:
 * the term table with document frequencies, each item's vector, the groups with their
 * term sums and an inverted index from terms to groups.
 */
class State {
  readonly items: GroupItem[] = [];
  readonly vectors: Vector[] = [];
  readonly displays: (Map<string, string> | null)[] = [];
  readonly termIds = new Map<string, number>();
  readonly termNames: string[] = [];
  readonly isWord: boolean[] = [];
  readonly df: number[] = [];
  clusters: Cluster[] = [];
  /** term id → (cluster index → that term's weight in the cluster's sum) */
  postings = new Map<number, Map<number, number>>();
  /** item index → cluster index */
  clusterOf: number[] = [];
  /** Each item's terms before IDF, kept so the groups can be recomputed without analysing again. */
  readonly analysed: Analysed[] = [];
  /** Materialised groups by cluster index, dropped when the cluster changes. */
  readonly shown = new Map<number, { group: Group; firstAt: string }>();

  constructor(
    readonly opts: Settings,
    readonly ctx: ReadingContext | null,
    readonly vocab: Vocabulary | null,
  ) {}

  termId(term: string, word: boolean): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      this.termIds.set(term, id);
      this.termNames.push(term);
      this.isWord.push(word);
      this.df.push(0);
    }
    if (word) this.isWord[id] = true;
    return id;
  }

  /** Counts the item's terms; its vector comes later, once the IDF is known. */
  count(item: GroupItem, a: Analysed): { ids: number[]; kinds: number[] } {
    const ids: number[] = [];
    const kinds: number[] = [];
    for (const [term, kind] of a.terms) {
      const id = this.termId(term, a.words.has(term));
      this.df[id]! += 1;
      ids.push(id);
      kinds.push(kind);
    }
    this.items.push(item);
    this.analysed.push(a);
    this.displays.push(a.displays);
    return { ids, kinds };
  }

  vector(ids: number[], kinds: number[]): Vector {
    const n = this.items.length;
    const weights = ids.map((id, i) => kinds[i]! * Math.log(1 + n / this.df[id]!));
    const norm = Math.hypot(...weights) || 1;
    return { terms: ids, weights: weights.map((w) => w / norm) };
  }

  /** The group `v` is most similar to on average (≥ threshold), or -1. */
  nearest(v: Vector, acc: Float64Array | number[]): number {
    const touched: number[] = [];
    for (let k = 0; k < v.terms.length; k++) {
      const list = this.postings.get(v.terms[k]!);
      if (!list) continue;
      const w = v.weights[k]!;
      for (const [c, s] of list) {
        if (!acc[c]) touched.push(c);
        acc[c] = (acc[c] ?? 0) + w * s;
      }
    }
    let best = -1;
    let bestCos = this.opts.threshold;
    for (const c of touched) {
      const cos = acc[c]! / this.clusters[c]!.members.length;
      acc[c] = 0;
      // Ties go to the older group so the result never depends on Map iteration order.
      if (cos > bestCos || (cos === bestCos && (best === -1 || c < best))) {
        best = c;
        bestCos = cos;
      }
    }
    return best;
  }

  /** Puts item `i` in cluster `c` (-1: a new one) and returns the cluster. */
  place(i: number, c: number): number {
    const v = this.vectors[i]!;
    if (c === -1) {
      c = this.clusters.length;
      this.clusters.push({ members: [], sum: new Map() });
    }
    const target = this.clusters[c]!;
    target.members.push(i);
    this.clusterOf[i] = c;
    for (let k = 0; k < v.terms.length; k++) {
      const term = v.terms[k]!;
      const next = (target.sum.get(term) ?? 0) + v.weights[k]!;
      target.sum.set(term, next);
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = new Map()));
      list.set(c, next);
    }
    this.shown.delete(c);
    return c;
  }

  /** Replaces the clusters (after refining or merging), rebuilding the index. */
  reset(clusters: Cluster[]): void {
    this.clusters = clusters;
    this.postings = new Map();
    this.shown.clear();
    clusters.forEach((cl, c) => {
      for (const m of cl.members) this.clusterOf[m] = c;
      for (const [term, weight] of cl.sum) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = new Map()));
        list.set(c, weight);
      }
    });
  }

  materialise(c: number): { group: Group; firstAt: string } {
    const hit = this.shown.get(c);
    if (hit) return hit;
    const cl = this.clusters[c]!;
    let central = cl.members[0]!;
    let bestDot = -Infinity;
    for (const m of cl.members) {
      const v = this.vectors[m]!;
      let dot = 0;
      for (let k = 0; k < v.terms.length; k++) dot += v.weights[k]! * (cl.sum.get(v.terms[k]!) ?? 0);
      if (dot > bestDot + 1e-12) {
        bestDot = dot;
        central = m;
      }
    }
    const ranked = [...cl.sum].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const words = ranked.filter(([t]) => this.isWord[t]);
    const terms = (words.length > 0 ? words : ranked.filter(([t]) => !this.termNames[t]!.startsWith('\u0001'))).slice(0, this.opts.maxTerms).map(([t]) => shownAs(this.termNames[t]!, cl.members, this.displays));
    const first = this.items[cl.members[0]!]!;
    const out = {
      group: { id: first.id, memberIds: cl.members.map((m) => this.items[m]!.id), label: this.items[central]!.text, labelId: this.items[central]!.id, terms },
      firstAt: first.at,
    };
    this.shown.set(c, out);
    return out;
  }

  groups(): Group[] {
    const out: { group: Group; firstAt: string }[] = [];
    for (let c = 0; c < this.clusters.length; c++) if (this.clusters[c]!.members.length > 0) out.push(this.materialise(c));
    out.sort((a, b) => b.group.memberIds.length - a.group.memberIds.length || (a.firstAt < b.firstAt ? -1 : a.firstAt > b.firstAt ? 1 : 0));
    return out.map((g) => g.group);
  }
}

/**
 * One pass of reassignment against the finished groups: a question that joined a group
 * early, before a better one existed, moves to the group it is now closest to. It takes
 * away most of the dependence on arrival order without giving up determinism.
 */
function refine(vectors: Vector[], clusters: Cluster[], threshold: number): Cluster[] {
  const postings = new Map<number, [number, number][]>();
  const label: number[] = [];
  clusters.forEach((c, ci) => {
    for (const m of c.members) label[m] = ci;
    for (const [term, weight] of c.sum) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push([ci, weight]);
    }
  });
  const acc = new Float64Array(clusters.length);
  const next: number[] = [];
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i]!;
    const touched: number[] = [];
    for (let k = 0; k < v.terms.length; k++) {
      for (const [c, s] of postings.get(v.terms[k]!) ?? []) {
        if (acc[c] === 0) touched.push(c);
        acc[c]! += v.weights[k]! * s;
      }
    }
    const own = label[i]!;
    const ownSize = clusters[own]!.members.length;
    // Against its own group a question is compared without itself (|v|² = 1).
    let best = own;
    let bestSim = ownSize > 1 ? (acc[own]! - 1) / (ownSize - 1) : threshold;
    for (const c of touched.sort((a, b) => a - b)) {
      const sim = c === own ? -Infinity : acc[c]! / clusters[c]!.members.length;
      if (sim > bestSim + 1e-12) {
        best = c;
        bestSim = sim;
      }
    }
    for (const c of touched) acc[c] = 0;
    next.push(best);
  }
  return rebuild(vectors, next);
}

/** Clusters from an item → cluster assignment, in order of their first member. */
function rebuild(vectors: Vector[], assignment: number[]): Cluster[] {
  const out = new Map<number, Cluster>();
  assignment.forEach((c, i) => {
    let target = out.get(c);
    if (!target) out.set(c, (target = { members: [], sum: new Map() }));
    target.members.push(i);
    const v = vectors[i]!;
    for (let k = 0; k < v.terms.length; k++) target.sum.set(v.terms[k]!, (target.sum.get(v.terms[k]!) ?? 0) + v.weights[k]!);
  });
  return [...out.values()].sort((a, b) => a.members[0]! - b.members[0]!);
}

/**
 * Small groups (a question asked once or twice in words nobody else used) join the
 * larger group whose centroid is nearest to theirs, when the centroids' cosine reaches
 * `threshold`: a big group's centroid holds all its wordings, so a rare wording that
 * matched no single member on average still finds its topic.
 */
function mergeSmall(vectors: Vector[], clusters: Cluster[], threshold: number, smallGroup: number): Cluster[] {
  if (threshold >= 1 || smallGroup <= 0) return clusters;
  const norms = clusters.map((c) => Math.hypot(...c.sum.values()) || 1);
  const postings = new Map<number, [number, number][]>();
  clusters.forEach((c, ci) => {
    if (c.members.length <= smallGroup) return;
    for (const [term, weight] of c.sum) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push([ci, weight / norms[ci]!]);
    }
  });
  const assignment: number[] = [];
  clusters.forEach((c, ci) => {
    let target = ci;
    if (c.members.length <= smallGroup) {
      const acc = new Map<number, number>();
      for (const [term, weight] of c.sum) for (const [other, w] of postings.get(term) ?? []) acc.set(other, (acc.get(other) ?? 0) + (weight / norms[ci]!) * w);
      let best = threshold;
      for (const [other, cos] of [...acc].sort((a, b) => a[0] - b[0])) if (cos > best + 1e-12) [target, best] = [other, cos];
    }
    for (const m of c.members) assignment[m] = target;
  });
  return rebuild(vectors, assignment);
}

function settingsOf(options: GroupingOptions): { opts: Settings; ctx: ReadingContext | null } {
  const { analyser, onProgress: _notASetting, ...rest } = options;
  const ctx = analyser ? readingContext(analyser) : null;
  return { opts: { ...(ctx ? READING_GROUPING : DEFAULT_GROUPING), ...rest }, ctx };
}

/** The groups of analysed items (in time order): IDF over all, first pass, refine, merge. */
function cluster(opts: Settings, ctx: ReadingContext | null, vocab: Vocabulary | null, sorted: readonly GroupItem[], analysed: readonly Analysed[]): State {
  const state = new State(opts, ctx, vocab);
  const counted = sorted.map((item, i) => state.count(item, analysed[i]!));
  for (const { ids, kinds } of counted) state.vectors.push(state.vector(ids, kinds));
  const acc = new Float64Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) state.place(i, state.nearest(state.vectors[i]!, acc));
  const refined = refine(state.vectors, state.clusters, opts.threshold);
  state.reset(mergeSmall(state.vectors, refined, opts.mergeThreshold, opts.smallGroup));
  return state;
}

/** How often (in texts analysed) a grouping reports its progress. */
const PROGRESS_EVERY = 500;

function build(items: readonly GroupItem[], options: GroupingOptions): State {
  const { opts, ctx } = settingsOf(options);
  const vocab = ctx ? new Vocabulary(ctx.lexicon) : null;
  const sorted = [...items].sort(byTime);
  // Each distinct text prepared and analysed once: a vendor's log repeats its wordings, and
  // enquiries with the same text share one analysis (it is never changed once made).
  const occurs = new Map<string, number>();
  for (const item of sorted) occurs.set(item.text, (occurs.get(item.text) ?? 0) + 1);
  const texts = [...occurs.keys()];
  const categories = new Map<string, GroupItem>();
  for (const item of sorted) categories.set(analysisKey(item), item);
  const total = (ctx ? texts.length : 0) + categories.size;
  let done = 0;
  const step = <T>(value: T): T => {
    if (++done % PROGRESS_EVERY === 0) options.onProgress?.(done, total);
    return value;
  };
  const prepared = ctx ? texts.map((text) => step(ctx.prepare(text))) : [];
  // Every kanji word of the day teaches its reading, so the same word in kana finds it
  // (as often as it was written: the commoner word wins a reading two words share).
  if (vocab) prepared.forEach((p, i) => learn(vocab, p, occurs.get(texts[i]!)!));
  const preparedOf = new Map(texts.map((text, i) => [text, prepared[i]]));
  const analysed = new Map([...categories].map(([key, item]) => [key, step(analyseItem(item.text, item.category, opts, ctx, vocab, preparedOf.get(item.text)))]));
  options.onProgress?.(total, total);
  return cluster(opts, ctx, vocab, sorted, sorted.map((item) => analysed.get(analysisKey(item))!));
}

export function groupQuestions(items: readonly GroupItem[], options: GroupingOptions = {}): Group[] {
  return build(items, options).groups();
}

/**
 * Groups that take new enquiries one at a time, for the enquiry log: built once by the
 * full grouping, then each new enquiry is analysed and placed in the group it is most
 * similar to on average (or a new one), as the full grouping's first pass places it —
 * without analysing or comparing anything else again.
 *
 * How it can differ from grouping everything again: the full grouping also (1) weighs
 * terms by how rare they are in the whole log (here: in the log as it was when the
 * enquiry came, plus the enquiries since), (2) moves each enquiry once more to the group
 * nearest to it when all are formed, and (3) merges small groups into near large ones.
 * So an enquiry placed here may later move when the screen regroups; `groups()` never
 * moves an enquiry already placed.
 */
export class IncrementalGrouping {
  private state: State;
  private readonly ids: Set<string>;
  private readonly acc: number[] = [];

  constructor(items: readonly GroupItem[] = [], options: GroupingOptions = {}) {
    this.state = build(items, options);
    this.ids = new Set(this.state.items.map((i) => i.id));
  }

  get size(): number {
    return this.state.items.length;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Places a new enquiry; returns the id of its group. An id already placed is kept where it is. */
  add(item: GroupItem): string {
    const s = this.state;
    if (this.ids.has(item.id)) return s.materialise(s.clusterOf[s.items.findIndex((i) => i.id === item.id)]!).group.id;
    this.ids.add(item.id);
    const prepared = s.ctx?.prepare(item.text);
    if (prepared && s.vocab) learn(s.vocab, prepared);
    const { ids, kinds } = s.count(item, analyseItem(item.text, item.category, s.opts, s.ctx, s.vocab, prepared));
    const i = s.vectors.length;
    s.vectors.push(s.vector(ids, kinds));
    const c = s.place(i, s.nearest(s.vectors[i]!, this.acc));
    return s.items[s.clusters[c]!.members[0]!]!.id;
  }

  groups(): Group[] {
    return this.state.groups();
  }

  /**
   * Groups everything again as groupQuestions would, from the analyses already made (no
   * enquiry is analysed twice): IDF over the whole log, the refining and merging passes.
   * What can differ from groupQuestions on the same items: an enquiry typed in kana was
   * cut against the readings known when it arrived, not those of enquiries after it.
   */
  regroup(): void {
    const s = this.state;
    const order = s.items.map((_, i) => i).sort((a, b) => byTime(s.items[a]!, s.items[b]!));
    this.state = cluster(s.opts, s.ctx, s.vocab, order.map((i) => s.items[i]!), order.map((i) => s.analysed[i]!));
  }
}

/**
 * A chip shows a word as the group's members most often write its base form (流出 if
 * most say 流出, カード not かーど); without an analyser, the term itself.
 */
function shownAs(key: string, members: number[], displays: (Map<string, string> | null)[]): string {
  const counts = new Map<string, number>();
  for (const m of members) {
    const d = displays[m]?.get(key);
    if (d !== undefined) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = key;
  let n = 0;
  for (const [d, c] of counts) if (c > n || (c === n && d < best)) [best, n] = [d, c];
  return best;
}

export interface GroupToday {
  group: Group;
  /** Members logged since the start of the day. */
  todayIds: string[];
  /** No member before today: a question nobody asked until today. */
  isNew: boolean;
}

/**
 * Groups with enquiries since `dayStart`, busiest first: what the morning briefing needs
 * ("today people started asking about …"). New questions come before growing ones.
 */
export function newToday(groups: readonly Group[], items: readonly GroupItem[], dayStart: string | number): GroupToday[] {
  const start = instantMs(dayStart);
  const today = new Set(items.filter((item) => instantMs(item.at) >= start).map((item) => item.id));
  const out: GroupToday[] = [];
  for (const group of groups) {
    const todayIds = group.memberIds.filter((id) => today.has(id));
    if (todayIds.length === 0) continue;
    out.push({ group, todayIds, isNew: todayIds.length === group.memberIds.length });
  }
  return out.sort((a, b) => Number(b.isNew) - Number(a.isNew) || b.todayIds.length - a.todayIds.length || (a.group.id < b.group.id ? -1 : 1));
}

/**
 * Groups that no FAQ answer covers yet: none of their enquiries was answered from an
 * entry nor attached to one as a variant. Largest first: each is a missing FAQ entry.
 */
export function unanswered(groups: readonly Group[], answeredIds: Iterable<string>): Group[] {
  const answered = answeredIds instanceof Set ? (answeredIds as Set<string>) : new Set(answeredIds);
  return groups
    .filter((g) => !g.memberIds.some((id) => answered.has(id)))
    .sort((a, b) => b.memberIds.length - a.memberIds.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
