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
import { learn, readingContext, resolve, type ReadingContext } from './morph';
import { Vocabulary } from './reading';
import { analyze, isGenericWord, wordBigrams } from './tokenize';

export interface GroupItem {
  id: string;
  text: string;
  /** ISO time or HLC; items are ordered by it (then by id). */
  at: string;
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
  /** How many terms each group lists. */
  maxTerms?: number;
  /**
   * The dictionary analyser (analyser.ts). With it, questions are compared by the base
   * forms and readings of their content words, so a question typed in kana or half-width
   * joins the same question in kanji; without it, by segmenter words and bigrams.
   */
  analyser?: JapaneseAnalyser | null;
}

type Settings = Required<Omit<GroupingOptions, 'analyser'>>;

export const DEFAULT_GROUPING: Settings = { threshold: 0.25, bigramWeight: 0.3, joinWeight: 0, genericWeight: 0.35, maxTerms: 5 };

/** Tuned on labelled-enquiries.fixture.ts with the IPADIC analyser. */
export const READING_GROUPING: Settings = { threshold: 0.25, bigramWeight: 0, joinWeight: 0, genericWeight: 0.35, maxTerms: 5 };

interface Vector {
  terms: number[];
  weights: number[];
}

interface Cluster {
  members: number[];
  /** Sum of member vectors, as term id → weight. */
  sum: Map<number, number>;
}

function byTime(a: GroupItem, b: GroupItem): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

interface ItemWords {
  words: string[];
  generic: (word: string) => boolean;
  /** Word key → how this item writes it (its base form), for the chips. */
  displays: Map<string, string> | null;
}

/** Content words of every item: reading-aware with an analyser, segmenter words without. */
function itemWords(items: GroupItem[], ctx: ReadingContext | null): ItemWords[] {
  if (ctx === null) return items.map((item) => ({ words: analyze(item.text).words, generic: isGenericWord, displays: null }));
  const prepared = items.map((item) => ctx.prepare(item.text));
  // Every kanji word of the day teaches its reading, so the same word in kana finds it.
  const vocab = new Vocabulary(ctx.lexicon);
  for (const p of prepared) learn(vocab, p);
  const generic = (w: string): boolean => ctx.isGeneric(w);
  return prepared.map((p) => {
    const { words } = resolve(p, vocab, ctx);
    return { words: words.map((w) => w.key), generic, displays: new Map(words.map((w) => [w.key, w.display])) };
  });
}

function vectorize(items: GroupItem[], opts: Settings, ctx: ReadingContext | null): { vectors: Vector[]; termNames: string[]; isWord: boolean[]; displays: (Map<string, string> | null)[] } {
  const analysed = itemWords(items, ctx);
  const termIds = new Map<string, number>();
  const termNames: string[] = [];
  const isWord: boolean[] = [];
  const df: number[] = [];
  const raw: { ids: number[]; kinds: number[] }[] = [];
  items.forEach((item, index) => {
    const { words, generic } = analysed[index]!;
    const joins = ctx === null ? analyze(item.text).joins : [];
    const seen = new Map<number, number>();
    const add = (term: string, weight: number, word: boolean): void => {
      let id = termIds.get(term);
      if (id === undefined) {
        id = termNames.length;
        termIds.set(term, id);
        termNames.push(term);
        isWord.push(word);
        df.push(0);
      }
      if (word) isWord[id] = true;
      // A term that is both a word and a bigram of the text counts once, at the word's weight.
      seen.set(id, Math.max(seen.get(id) ?? 0, weight));
    };
    for (const w of words) {
      const weight = generic(w) ? opts.genericWeight : 1;
      add(w, weight, true);
      // A word's bigrams share one word's worth of bigram weight, so a long katakana word
      // (seven bigrams) does not outweigh a short kanji word (one).
      const bigrams = opts.bigramWeight > 0 ? wordBigrams(w).filter((b) => b !== w) : [];
      for (const b of bigrams) add(b, (weight * opts.bigramWeight) / Math.sqrt(bigrams.length), false);
    }
    if (opts.joinWeight > 0) for (const b of joins) add(b, opts.joinWeight, false);
    for (const id of seen.keys()) df[id] = df[id]! + 1;
    raw.push({ ids: [...seen.keys()], kinds: [...seen.values()] });
  });
  const n = items.length;
  const vectors = raw.map(({ ids, kinds }) => {
    const weights = ids.map((id, i) => kinds[i]! * Math.log(1 + n / df[id]!));
    const norm = Math.hypot(...weights) || 1;
    return { terms: ids, weights: weights.map((w) => w / norm) };
  });
  return { vectors, termNames, isWord, displays: analysed.map((a) => a.displays) };
}

function cluster(vectors: Vector[], threshold: number): Cluster[] {
  const clusters: Cluster[] = [];
  /** term id → (cluster index → that term's weight in the cluster's sum) */
  const postings = new Map<number, Map<number, number>>();
  const acc: number[] = [];
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i]!;
    const touched: number[] = [];
    for (let k = 0; k < v.terms.length; k++) {
      const list = postings.get(v.terms[k]!);
      if (!list) continue;
      const w = v.weights[k]!;
      for (const [c, s] of list) {
        if (acc[c] === undefined || acc[c] === 0) touched.push(c);
        acc[c] = (acc[c] ?? 0) + w * s;
      }
    }
    let best = -1;
    let bestCos = threshold;
    for (const c of touched) {
      const dot = acc[c]!;
      acc[c] = 0;
      const cos = dot / clusters[c]!.members.length;
      // Ties go to the older group so the result never depends on Map iteration order.
      if (cos > bestCos || (cos === bestCos && (best === -1 || c < best))) {
        best = c;
        bestCos = cos;
      }
    }
    let target: Cluster;
    let index: number;
    if (best === -1) {
      index = clusters.length;
      target = { members: [], sum: new Map() };
      clusters.push(target);
    } else {
      index = best;
      target = clusters[best]!;
    }
    target.members.push(i);
    for (let k = 0; k < v.terms.length; k++) {
      const term = v.terms[k]!;
      const next = (target.sum.get(term) ?? 0) + v.weights[k]!;
      target.sum.set(term, next);
      let list = postings.get(term);
      if (!list) postings.set(term, (list = new Map()));
      list.set(index, next);
    }
  }
  return clusters;
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
  const out = new Map<number, Cluster>();
  next.forEach((c, i) => {
    let target = out.get(c);
    if (!target) out.set(c, (target = { members: [], sum: new Map() }));
    target.members.push(i);
    const v = vectors[i]!;
    for (let k = 0; k < v.terms.length; k++) target.sum.set(v.terms[k]!, (target.sum.get(v.terms[k]!) ?? 0) + v.weights[k]!);
  });
  return [...out.values()].sort((a, b) => a.members[0]! - b.members[0]!);
}

export function groupQuestions(items: readonly GroupItem[], options: GroupingOptions = {}): Group[] {
  const { analyser, ...rest } = options;
  const ctx = analyser ? readingContext(analyser) : null;
  const opts = { ...(ctx ? READING_GROUPING : DEFAULT_GROUPING), ...rest };
  const sorted = [...items].sort(byTime);
  const { vectors, termNames, isWord, displays } = vectorize(sorted, opts, ctx);
  const groups = refine(vectors, cluster(vectors, opts.threshold), opts.threshold).map((c) => {
    let central = c.members[0]!;
    let bestDot = -Infinity;
    for (const m of c.members) {
      const v = vectors[m]!;
      let dot = 0;
      for (let k = 0; k < v.terms.length; k++) dot += v.weights[k]! * (c.sum.get(v.terms[k]!) ?? 0);
      if (dot > bestDot + 1e-12) {
        bestDot = dot;
        central = m;
      }
    }
    const ranked = [...c.sum].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const words = ranked.filter(([t]) => isWord[t]);
    const terms = (words.length > 0 ? words : ranked).slice(0, opts.maxTerms).map(([t]) => shownAs(termNames[t]!, c.members, displays));
    const first = sorted[c.members[0]!]!;
    return {
      group: { id: first.id, memberIds: c.members.map((m) => sorted[m]!.id), label: sorted[central]!.text, labelId: sorted[central]!.id, terms },
      firstAt: first.at,
    };
  });
  groups.sort((a, b) => b.group.memberIds.length - a.group.memberIds.length || (a.firstAt < b.firstAt ? -1 : a.firstAt > b.firstAt ? 1 : 0));
  return groups.map((g) => g.group);
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
