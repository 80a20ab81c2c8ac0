/**
 * Reading-aware analysis of enquiries and FAQ text with a dictionary analyser: content
 * words (nouns, verbs, adjectives, question adverbs) by base form, synonyms folded on
 * base forms and phrases, and kana stretches cut against the readings of the corpus
 * (reading.ts) — so 「もれた」, 「ﾓﾚﾏｼﾀｶ」 and 「漏洩」 all give the word 漏えい, and
 * 「こじんじょうほう」 gives 個人 + 情報 like 「個人情報」.
 *
 * Two stages: prepare() analyses one text on its own (cached per text: an enquiry is
 * analysed once) and lists the readings its kanji words teach; resolve() cuts its kana
 * stretches against a vocabulary built from the whole corpus.
 */
import type { JapaneseAnalyser, Morpheme } from './analyser';
import { CONCEPT_GROUPS, CONTENT_ADVERBS, GENERIC_WORDS, NO_READING, STOP_BASES, SYNONYM_GROUPS } from './lexicon';
import { cutKana, fold, inflectedStems, isKanaOnly, toHiragana, Vocabulary, type VocabEntry } from './reading';
import { normalize } from './tokenize';

export interface Word {
  /** Synonyms folded, width and kana folded: what grouping compares. */
  key: string;
  /** The base form as written (漏れる, カード): what a chip shows. */
  display: string;
}

export interface ReadingAnalysis {
  /** Content words in order of first appearance, one per key. */
  words: Word[];
  /** Every other form worth indexing for search: surfaces, base forms, readings, compounds. */
  forms: string[];
}

type Role = 'word' | 'prefix' | 'suffix' | 'function';

interface WordPiece {
  kind: 'word';
  word: Word;
  forms: string[];
}
interface KanaPiece {
  kind: 'kana';
  /** The stretch in hiragana. */
  text: string;
  /** As written (after width folding): katakana the readings leave uncovered gets a second look. */
  original: string;
  /** The analyser's own content words in it, with their place, for what no reading covers. */
  fallback: { start: number; end: number; piece: WordPiece }[];
}
type Piece = WordPiece | KanaPiece;

export interface Prepared {
  pieces: Piece[];
  /** Readings this text teaches: (reading, words) from its kanji and katakana words. */
  teaches: [string, VocabEntry][];
}

interface Phrase {
  keys: string[];
  word: Word;
}

export interface ReadingContext {
  readonly analyser: JapaneseAnalyser;
  /** The domain lexicon's readings; a corpus vocabulary extends it. */
  readonly lexicon: Vocabulary;
  /** prepare() with this context's synonyms, cached per text. */
  prepare(text: string): Prepared;
  /** Folds a phrase synonym found in a word sequence (お詫び + 品 → 金券). */
  readonly phrases: readonly Phrase[];
  /**
   * Dictionary words in a piece of katakana no reading covered: the analyser takes a
   * katakana run as one unknown word (パスワードヘンコウシタ…), but given the piece alone
   * it finds パスワード. Only known words of three kana or more: shorter ones are noise.
   */
  katakanaWords(katakana: string): { word: Word; forms: string[] }[];
  isGeneric(key: string): boolean;
  /**
   * The concept a word key stands for in grouping (lexicon.ts CONCEPT_GROUPS, or a
   * synonym group's first word), undefined for an ordinary word.
   */
  conceptOf(key: string): string | undefined;
}

function roleOf(m: Morpheme): Role {
  if (!m.known) return /[\p{L}]/u.test(m.surface) ? 'word' : 'function';
  switch (m.pos) {
    case '名詞':
      if (m.detail === '接尾') return 'suffix';
      if (m.detail === '非自立' || m.detail === '数' || m.detail === '特殊' || STOP_BASES.has(m.base)) return 'function';
      return 'word';
    case '接頭詞':
      return 'prefix';
    case '動詞':
    case '形容詞':
      return m.detail === '自立' && !STOP_BASES.has(m.base) ? 'word' : 'function';
    case '副詞':
      return CONTENT_ADVERBS.has(m.base) ? 'word' : 'function';
    default:
      return 'function';
  }
}

const LETTER = /[\p{L}\p{N}]/u;
/**
 * Where one clause ends and the next begins, after normalize() (NFKC: ！→!, …→...):
 * punctuation, brackets, white space. Not a lone full stop, which may sit inside a number.
 */
const CLAUSE_BREAK = /[\s、。,!?:;・「」『』()【】〔〕［］[\]]+|\.{2,}/u;
const KATAKANA_ONLY = /^[\u30a1-\u30fa\u30fc]+$/;

interface Tables {
  single: Map<string, string>;
  displays: Map<string, string>;
}

class Preparer {
  private readonly baseReadings = new Map<string, string>();
  private trusted = false;
  /** Clause → its analysis (see prepare). */
  private readonly clauses = new Map<string, Prepared>();
  constructor(
    private readonly analyser: JapaneseAnalyser,
    private readonly tables: Tables,
    private readonly clauseLimit = 50_000,
  ) {}

  private keyOf(raw: string): string {
    return this.tables.single.get(raw) ?? raw;
  }

  /** Reading of a verb's or adjective's base form: 盗む → ぬすむ (the analyser reads the surface 盗ま). */
  private baseReading(base: string): string {
    if (isKanaOnly(base)) return toHiragana(base);
    let r = this.baseReadings.get(base);
    if (r === undefined) {
      const ms = this.analyser.analyse(base);
      r = ms.every((m) => m.reading !== '') ? toHiragana(ms.map((m) => m.reading).join('')) : '';
      this.baseReadings.set(base, r);
    }
    return r;
  }

  private wordPiece(m: Morpheme, learning: [string, VocabEntry][] | null): WordPiece {
    // A one-kanji word's reading (件 けん, 母 はは) turns up inside any kana text by chance:
    // only the lexicon's teach theirs.
    const teaches = NO_READING.has(m.base) || ([...m.base].length === 1 && !this.trusted) ? null : learning;
    const raw = fold(m.base);
    const key = this.keyOf(raw);
    const word = { key, display: m.base.normalize('NFKC') };
    const forms = [raw, fold(m.surface)];
    const reading = fold(m.reading);
    if (reading !== '') forms.push(reading);
    if (m.pos === '動詞' || m.pos === '形容詞') {
      const baseReading = this.baseReading(m.base);
      if (baseReading !== '') {
        forms.push(baseReading);
        if (teaches) for (const stem of inflectedStems(baseReading, m.conjugation)) teaches.push([stem, { keys: [key], displays: [word.display] }]);
      }
    } else if (teaches && reading !== '') teaches.push([reading, { keys: [key], displays: [word.display] }]);
    return { kind: 'word', word, forms: [...new Set(forms)].filter((f) => f !== '') };
  }

  /**
   * @param trustKana the text is from the lexicon: its kana words teach their readings too
   *   (in ordinary text an all-kana word may be the analyser's guess: こじんじょうほう → こじる).
   */
  prepare(text: string, trustKana = false): Prepared {
    const normal = normalize(text);
    if (trustKana) return this.prepareNormal(normal, true);
    // Each clause is analysed once however many enquiries share it: a vendor's log repeats
    // openings (「お客様より：」「すみません、」) and whole questions in endless combinations,
    // and the dictionary analysis is nearly all of a cold grouping's time. A clause boundary
    // ends every word, compound and kana stretch anyway, so the result is the same as for
    // the whole text.
    const clauses = normal.split(CLAUSE_BREAK).filter((c) => c !== '');
    if (clauses.length === 1) return this.clause(clauses[0]!);
    const pieces: Piece[] = [];
    const teaches: [string, VocabEntry][] = [];
    for (const c of clauses) {
      const p = this.clause(c);
      pieces.push(...p.pieces);
      teaches.push(...p.teaches);
    }
    return { pieces, teaches };
  }

  private clause(text: string): Prepared {
    let hit = this.clauses.get(text);
    if (hit === undefined) {
      hit = this.prepareNormal(text, false);
      if (this.clauses.size >= this.clauseLimit) this.clauses.delete(this.clauses.keys().next().value!);
      this.clauses.set(text, hit);
    }
    return hit;
  }

  private prepareNormal(normal: string, trustKana: boolean): Prepared {
    this.trusted = trustKana;
    const morphemes = this.analyser.analyse(normal);
    const pieces: Piece[] = [];
    const teaches: [string, VocabEntry][] = [];
    // Consecutive nouns (with prefixes and suffixes) form a compound: 個人 + 情報.
    let compound: { m: Morpheme; role: Role; piece: WordPiece | null }[] = [];
    const flush = (): void => {
      const parts = compound;
      compound = [];
      if (parts.length === 0) return;
      const words = parts.filter((p) => p.piece !== null).map((p) => p.piece!);
      if (parts.length > 1) {
        const joined = fold(parts.map((p) => p.m.surface).join(''));
        const reading = parts.every((p) => p.m.reading !== '') ? fold(parts.map((p) => p.m.reading).join('')) : '';
        const synonym = this.tables.single.get(joined);
        if (synonym !== undefined) {
          // A compound the lexicon knows (利用停止, 損害賠償) is one word, not its parts.
          const word = { key: synonym, display: parts.map((p) => p.m.surface).join('') };
          pieces.push({ kind: 'word', word, forms: [joined, reading].filter((f) => f !== '') });
          if (reading !== '') teaches.push([reading, { keys: [synonym], displays: [word.display] }]);
          return;
        }
        if (words.length > 0) {
          words[0] = { ...words[0]!, forms: [...words[0]!.forms, joined, ...(reading === '' ? [] : [reading])] };
          if (reading !== '') teaches.push([reading, { keys: words.map((w) => w.word.key), displays: words.map((w) => w.word.display) }]);
        }
      }
      pieces.push(...words);
    };
    for (let i = 0; i < morphemes.length; ) {
      const m = morphemes[i]!;
      if (isKanaOnly(m.surface) && !(trustKana && m.known)) {
        // A kana stretch: kept whole when it holds a word, to be cut against the readings.
        let j = i;
        while (j < morphemes.length && isKanaOnly(morphemes[j]!.surface)) j++;
        const stretch = morphemes.slice(i, j);
        const roles = stretch.map(roleOf);
        if (roles.some((r) => r === 'word')) {
          flush();
          const fallback: KanaPiece['fallback'] = [];
          let at = 0;
          stretch.forEach((s, k) => {
            if (roles[k] === 'word') fallback.push({ start: at, end: at + s.surface.length, piece: this.wordPiece(s, null) });
            at += s.surface.length;
          });
          const original = stretch.map((s) => s.surface).join('');
          pieces.push({ kind: 'kana', text: toHiragana(original), original, fallback });
          // Katakana words the dictionary knows (カード, パスワード) teach their reading.
          for (const s of stretch) if (s.known && roleOf(s) === 'word' && /[\u30a1-\u30fa]/.test(s.surface)) this.wordPiece(s, teaches);
          i = j;
          continue;
        }
      }
      const role = roleOf(m);
      if (role === 'function') flush();
      else if (m.pos === '名詞' || role === 'prefix' || role === 'suffix' || m.pos === 'UNK') {
        compound.push({ m, role, piece: role === 'word' && LETTER.test(m.surface) ? this.wordPiece(m, teaches) : null });
      } else {
        flush();
        pieces.push(this.wordPiece(m, teaches));
      }
      i++;
    }
    flush();
    return { pieces, teaches };
  }
}

/** Adds what a prepared text teaches to a vocabulary (`times`: the text occurs that often). */
export function learn(vocab: Vocabulary, prepared: Prepared, times = 1): void {
  for (const [reading, entry] of prepared.teaches) vocab.add(reading, entry, times);
}

/**
 * The text's words, its kana stretches cut against `vocab` (the corpus's readings over
 * the lexicon's). Kana the vocabulary does not cover keeps the analyser's own words.
 */
export function resolve(prepared: Prepared, vocab: Vocabulary, ctx: Pick<ReadingContext, 'phrases' | 'katakanaWords'>): ReadingAnalysis {
  const words: Word[] = [];
  const forms: string[] = [];
  for (const piece of prepared.pieces) {
    if (piece.kind === 'word') {
      words.push(piece.word);
      forms.push(...piece.forms);
      continue;
    }
    const cuts = cutKana(piece.text, vocab);
    const placed: { start: number; words: Word[] }[] = [];
    for (const cut of cuts) {
      placed.push({ start: cut.start, words: cut.entry.keys.map((key, k) => ({ key, display: cut.entry.displays[k]! })) });
      forms.push(cut.reading);
    }
    for (const f of piece.fallback) {
      if (cuts.some((c) => c.start < f.end && f.start < c.end)) continue;
      placed.push({ start: f.start, words: [f.piece.word] });
      forms.push(...f.piece.forms);
    }
    if (cuts.length > 0) {
      let from = 0;
      for (const gap of [...cuts.map((c) => [from, (from = c.end, c.start)] as const), [from, piece.text.length] as const]) {
        const text = piece.original.slice(gap[0], gap[1]);
        if (text.length < 3 || !KATAKANA_ONLY.test(text)) continue;
        const found = ctx.katakanaWords(text);
        if (found.length > 0) placed.push({ start: gap[0], words: found.map((f) => f.word) });
        for (const f of found) forms.push(...f.forms);
      }
    }
    placed.sort((a, b) => a.start - b.start);
    for (const p of placed) words.push(...p.words);
  }
  return { words: foldPhrases(words, ctx.phrases), forms: [...new Set(forms)] };
}

function foldPhrases(words: Word[], phrases: readonly Phrase[]): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; ) {
    const phrase = phrases.find((p) => p.keys.every((k, n) => words[i + n]?.key === k));
    if (phrase) {
      out.push(phrase.word);
      i += phrase.keys.length;
    } else out.push(words[i++]!);
  }
  const seen = new Set<string>();
  return out.filter((w) => (seen.has(w.key) ? false : (seen.add(w.key), true)));
}

const contexts = new WeakMap<JapaneseAnalyser, ReadingContext>();

/**
 * The lexicon analysed with this analyser: synonyms on base forms, phrases, and the
 * readings of every lexicon word. Built once per analyser (a few ms).
 */
export function readingContext(analyser: JapaneseAnalyser, cacheLimit = 50_000): ReadingContext {
  const known = contexts.get(analyser);
  if (known) return known;
  const tables: Tables = { single: new Map(), displays: new Map() };
  const raw = new Preparer(analyser, { single: new Map(), displays: new Map() });
  const keysOf = (text: string): string[] =>
    raw.prepare(text, true).pieces.flatMap((p) => (p.kind === 'word' ? [p.word.key] : p.fallback.map((f) => f.piece.word.key)));
  const phrases: Phrase[] = [];
  for (const group of SYNONYM_GROUPS) {
    const first = keysOf(group[0]!);
    const canonical = first.length === 1 ? first[0]! : fold(group[0]!);
    tables.displays.set(canonical, group[0]!);
    for (const member of group) {
      tables.single.set(fold(member), canonical);
      const keys = keysOf(member);
      if (keys.length === 1) tables.single.set(keys[0]!, canonical);
      else if (keys.length > 1) phrases.push({ keys, word: { key: canonical, display: group[0]! } });
    }
  }
  // Phrase parts are matched after single synonyms are applied.
  for (const p of phrases) p.keys = p.keys.map((k) => tables.single.get(k) ?? k);
  phrases.sort((a, b) => b.keys.length - a.keys.length);
  const preparer = new Preparer(analyser, tables, cacheLimit);
  const lexicon = new Vocabulary();
  // Concepts: each member's keys (after synonyms) → the concept; a synonym group's first
  // word is a concept of its own. Compound members (電話番号) become one word on the way.
  const concepts = new Map<string, string>();
  for (const group of SYNONYM_GROUPS) {
    const key = tables.single.get(fold(group[0]!));
    if (key !== undefined) concepts.set(key, key);
  }
  for (const group of CONCEPT_GROUPS) {
    const head = keysOf(group[0]!).map((k) => tables.single.get(k) ?? k);
    const concept = head.length === 1 ? head[0]! : fold(group[0]!);
    for (const member of group) {
      const keys = keysOf(member).map((k) => tables.single.get(k) ?? k);
      // One word (or its synonym): that word is the concept. Otherwise the member is a
      // compound whose parts mean other things (非通知 is not 通知).
      const direct = keys.length === 1 && (keys[0] === fold(member) || keys[0] === tables.single.get(fold(member)));
      if (direct) concepts.set(keys[0]!, concepts.get(concept) ?? concept);
      else if (keys.length > 0 && !tables.single.has(fold(member))) {
        // A compound stays one word (電話番号, not 電話 + 番号) for search too.
        tables.single.set(fold(member), fold(member));
        concepts.set(fold(member), concepts.get(concept) ?? concept);
      }
    }
  }
  for (const text of [...SYNONYM_GROUPS.flat(), ...CONCEPT_GROUPS.flat(), ...GENERIC_WORDS]) {
    const prepared = preparer.prepare(text, true);
    learn(lexicon, prepared);
    // A lexicon word written in kana (わたし, やめる) is its own reading.
    for (const p of prepared.pieces) if (p.kind === 'word' && isKanaOnly(p.word.display)) lexicon.add(fold(p.word.display), { keys: [p.word.key], displays: [p.word.display] });
  }
  const generic = new Set(GENERIC_WORDS.map((w) => keysOf(w)).filter((k) => k.length === 1).map((k) => tables.single.get(k[0]!) ?? k[0]!));
  const cache = new Map<string, Prepared>();
  const katakana = new Map<string, { word: Word; forms: string[] }[]>();
  const ctx: ReadingContext = {
    analyser,
    lexicon,
    phrases,
    prepare(text) {
      const hit = cache.get(text);
      if (hit) return hit;
      const out = preparer.prepare(text);
      if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
      cache.set(text, out);
      return out;
    },
    isGeneric: (key) => generic.has(key),
    conceptOf: (key) => concepts.get(key),
    katakanaWords(text) {
      let found = katakana.get(text);
      if (!found) {
        found = preparer
          .prepare(text, true)
          .pieces.filter((p): p is WordPiece => p.kind === 'word' && p.word.display.length >= 3 && KATAKANA_ONLY.test(p.word.display))
          .map((p) => ({ word: p.word, forms: p.forms }));
        if (katakana.size >= cacheLimit) katakana.delete(katakana.keys().next().value!);
        katakana.set(text, found);
      }
      return found;
    },
  };
  contexts.set(analyser, ctx);
  return ctx;
}

/** One text on its own: its own readings over the lexicon's (a query, a test). */
export function analyseReading(ctx: ReadingContext, text: string, vocab: Vocabulary = ctx.lexicon): ReadingAnalysis {
  const prepared = ctx.prepare(text);
  const own = new Vocabulary(vocab);
  learn(own, prepared);
  return resolve(prepared, own, ctx);
}
