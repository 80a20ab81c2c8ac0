/**
 * Japanese-aware tokens for grouping enquiries and searching the FAQ. Operators and
 * callers write the same thing in half- and full-width, katakana and hiragana, with or
 * without particles (「個人情報」「個人の情報」), so every text is reduced to word tokens
 * plus character bigrams of its CJK runs: the words carry meaning, the bigrams make
 * spelling variants and word-boundary disagreements still overlap. No reading dictionary:
 * a kanji word is not found by its kana reading unless a variant carries that reading.
 */

import { foldNameVariants } from '../contacts/normalize';

/** Spelling variants rewritten before segmenting, so the segmenter sees one form. */
const TEXT_VARIANTS: [RegExp, string][] = [
  [/問合せ|問い合せ|問合わせ/g, '問い合わせ'],
  // The segmenter cuts 「つながらない」 into 「つ|ながら|ない」; callers mean "cannot get through".
  [/(?:繋|つな)が(?:らない|りません|らず|りにくい|りづらい|らなかった|らなくて|らへん)/g, '不通'],
  [/お詫び|おわび/g, 'お詫び'],
  // "Has not arrived": the answer differs from "how do I get it", and the negation is lost
  // once the verb is reduced to its base form.
  [/(?:届|とど)(?:かない|かへん|かん|いていない|いてない|いてません|きません|かず|かなくて|いていません)|(?:来|き)て(?:い)?(?:ない|へん|ません)|(?<![ぁ-ん])こない/g, '未着'],
  // 「何|件」 reaches the synonyms as two words; the question is about the count either way.
  [/何件|何人|何名/g, '件数'],
];

/**
 * Domain synonyms folded onto one token (after katakana → hiragana). Small on purpose:
 * it covers the words callers use for the few things every leak enquiry is about, and is
 * applied identically to enquiries, FAQ entries and queries.
 */
const SYNONYM_GROUPS: string[][] = [
  ['漏えい', '漏洩', '漏れ', '漏れる', '漏れて', '流出', '漏出', '外部流出'],
  ['自分', '私', 'わたし', 'わたくし', '僕', '自身', '本人'],
  ['停止', '止め', '止める', '止めて', '利用停止'],
  ['補償', '賠償', '弁償'],
  ['お詫び', '謝罪'],
  ['原因', '理由', 'なぜ', 'どうして', '何故', 'なんで'],
  ['かーど', 'カード', 'クレジットカード', 'クレジット', 'クレカ'],
  ['件数', '人数', '規模'],
  ['対象', '該当', '対象者', '該当者'],
];

/**
 * Particles, auxiliaries and the inflection fragments the segmenter cuts verbs into
 * (「漏れ|てい|ます|か」). They say nothing about the topic of a question.
 */
const STOP_WORDS = new Set([
  ...'はがをにのでともへやかねよなわぞさてただしんら'.split(''),
  'から', 'まで', 'より', 'など', 'って', 'です', 'ます', 'でし', 'でした', 'ました', 'ません', 'まし', 'ませ', 'せん',
  'しま', 'した', 'する', 'して', 'しょう', 'でしょう', 'ので', 'のです', 'んです', 'ない', 'てい', 'いる', 'いま',
  'ある', 'あり', 'ありま', 'あります', 'すか', 'くだ', 'さい', 'ください', '下さい', 'でき', 'できる', 'ほうが',
  'いい', 'たい', 'ほしい', 'こと', 'もの', 'ため', 'よう', 'これ', 'それ', 'あれ', 'この', 'その', 'あの',
  'なり', 'なる', 'られ', 'れる', 'せる', 'させ', 'いただ', 'いただけ', 'ござい', 'おり', 'おります', 'けど',
  'けれど', 'ても', 'でも', 'には', 'では', 'とは', 'かって', 'くる', 'いう', 'という', 'について', 'べき', 'すべ',
  'ですが', 'かね', 'きた', 'いるか', 'もらえ', 'もらえる', 'まれ', 'たら', 'れば', 'なら',
]);

/**
 * Words nearly every enquiry after a leak contains ("information", "personal", "please
 * tell me", "I'm worried"): not stop words — an operator may search for them — but two
 * questions sharing only these are not the same question, so grouping weighs them low.
 * 漏えい is deliberately not here: it is what tells "was X leaked?" from "should I change X?".
 */
const GENERIC_WORDS = ['情報', '個人', '件', '教え', '知', '知り', '確認', '説明', 'お願い', '今回', '何', '来', '届', '必要', '心配'];

const KATAKANA = /[\u30a1-\u30f6\u30fd\u30fe]/g;
const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u3005';
const KANA = '\\u3041-\\u3096\\u309d\\u309e\\u30a1-\\u30fa\\u30fc-\\u30fe';
const CJK_CHAR = new RegExp(`[${HAN}${KANA}]`);
const KANA_ONLY = new RegExp(`^[${KANA}]+$`);
const HIRAGANA_ONLY = /^[\u3041-\u3096\u309d\u309e\u30fc]+$/;

function toHiragana(text: string): string {
  return text.replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** 「人々」→「人人」, 「いすゞ」→「いすず」: the marks are typed one way by some, spelled out by others. */
function expandIterationMarks(text: string): string {
  let out = '';
  for (const c of text) {
    const prev = out.at(-1);
    if (prev !== undefined && (c === '々' || c === 'ゝ' || c === 'ヽ')) out += prev;
    else if (prev !== undefined && (c === 'ゞ' || c === 'ヾ')) out += (prev.normalize('NFD')[0]! + '\u3099').normalize('NFC');
    else out += c;
  }
  return out;
}

/**
 * NFKC (half-width ｶﾀｶﾅ and full-width ＡＢＣ１２３ become one form), lower case, iteration
 * marks spelled out, dashes inside katakana read as the long-vowel mark. Katakana is kept:
 * the segmenter splits katakana words far better than the same word in hiragana.
 */
export function normalize(text: string): string {
  // Variant kanji of names and places (髙橋, 山﨑, 渡邊) as their everyday form, as the operators type them.
  let out = expandIterationMarks(foldNameVariants(text.normalize('NFKC')).toLowerCase());
  out = out.replace(/(?<=[\u30a1-\u30fc])[-\u2010-\u2015\u2212\uff70]/g, 'ー');
  // Matched on a hiragana view (one code unit per code unit), so ﾂﾅｶﾞﾗﾅｲ and トドカナイ count too.
  // The view is made again only after a rewrite changed the text: most texts need none.
  let view = toHiragana(out);
  for (const [pattern, replacement] of TEXT_VARIANTS) {
    pattern.lastIndex = 0;
    if (!pattern.test(view)) continue;
    // matchAll starts where test() stopped: from the beginning again.
    pattern.lastIndex = 0;
    let result = '';
    let last = 0;
    for (const m of view.matchAll(pattern)) {
      result += out.slice(last, m.index) + replacement;
      last = m.index + m[0].length;
    }
    out = result + out.slice(last);
    view = toHiragana(out);
  }
  return out;
}

/**
 * The MiniSearch `processTerm`: our tokens pass unchanged; a term from another tokenizer
 * gets the same width, case and kana folding.
 */
export function processTerm(term: string): string | null {
  const out = toHiragana(term.normalize('NFKC').toLowerCase()).trim();
  return out === '' ? null : out;
}

const SYNONYMS = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const canonical = processTerm(group[0]!)!;
  for (const word of group) SYNONYMS.set(processTerm(word)!, canonical);
}

/** 「サーバー」 and 「サーバ」 are the same word; a short word's final ー is part of it. */
function trimLongVowel(token: string): string {
  return token.length >= 4 && token.endsWith('ー') ? token.slice(0, -1) : token;
}

function surfaceToken(segment: string): string {
  return trimLongVowel(toHiragana(segment));
}

function isDropped(token: string): boolean {
  if (STOP_WORDS.has(token) || token === 'ー') return true;
  // A lone hiragana in a sentence is a particle or a verb fragment; a lone kanji is a word.
  return token.length === 1 && HIRAGANA_ONLY.test(token);
}

export interface Analysis {
  /** Content words, normalised, in order of first appearance. */
  words: string[];
  /** Character bigrams inside each word (and inside a run typed in hiragana). */
  bigrams: string[];
  /**
   * Bigrams across the boundary of two words once particles are gone (「個人の情報」→「人情」).
   * They let a phrase typed as the operator remembers it match however the segmenter cut
   * the entry, but say little about topic, so grouping leaves them out by default.
   */
  joins: string[];
  /**
   * Words as written where a synonym replaced them, with their bigrams: search indexes
   * them so 「くれじっと」 still finds 「クレジットカード」 (folded onto 「カード」);
   * grouping leaves them out.
   */
  aliases: string[];
}

interface Collector {
  words: Set<string>;
  bigrams: Set<string>;
  joins: Set<string>;
  aliases: Set<string>;
}

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

function bigramsOf(run: string, into: Set<string>): void {
  const chars = [...run];
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = chars[i]!;
    const b = chars[i + 1]!;
    if (CJK_CHAR.test(a) && CJK_CHAR.test(b)) into.add(a + b);
  }
}

/** The CJK bigrams inside one word (none for a Latin word or a single character). */
export function wordBigrams(word: string): string[] {
  const out = new Set<string>();
  bigramsOf(word, out);
  return [...out];
}

/**
 * A run is a stretch between punctuation. In a normal sentence the particles are dropped
 * and the rest joined, so 「個人の情報」 and 「個人情報」 give the same bigrams. A run
 * typed only in hiragana (an operator typing a reading) is kept whole: the segmenter cuts
 * it at random (「く|れ|じっと」) and its "particles" are usually pieces of a word.
 */
function analyzeRun(segments: string[], out: Collector): void {
  const whole = segments.join('');
  if (HIRAGANA_ONLY.test(whole)) {
    keepWhole(whole, out);
    return;
  }
  let run = '';
  for (const segment of segments) {
    const surface = surfaceToken(segment);
    const token = SYNONYMS.get(surface) ?? surface;
    if (isDropped(token)) continue;
    if (surface !== token) {
      out.aliases.add(surface);
      bigramsOf(surface, out.aliases);
    }
    out.words.add(token);
    bigramsOf(token, out.bigrams);
    run += token;
  }
  // Half a katakana word as it is being typed (「クレ」) is cut into lone kana, all dropped.
  if (run === '' && KANA_ONLY.test(whole)) {
    keepWhole(toHiragana(whole), out);
    return;
  }
  const all = new Set<string>();
  bigramsOf(run, all);
  for (const b of all) if (!out.bigrams.has(b)) out.joins.add(b);
}

function keepWhole(hiragana: string, out: Collector): void {
  if (!STOP_WORDS.has(hiragana) && hiragana !== 'ー') out.words.add(hiragana);
  bigramsOf(hiragana, out.bigrams);
}

export function analyze(text: string): Analysis {
  const out: Collector = { words: new Set(), bigrams: new Set(), joins: new Set(), aliases: new Set() };
  let run: string[] = [];
  for (const part of segmenter.segment(normalize(text))) {
    // A stray ー can come out as a non-word; it belongs to the word beside it.
    if (part.isWordLike || part.segment === 'ー') {
      run.push(part.segment);
      continue;
    }
    if (run.length > 0) analyzeRun(run, out);
    run = [];
  }
  if (run.length > 0) analyzeRun(run, out);
  // A join seen in one run may be a word's own bigram in another: count it once, as the latter.
  for (const b of out.bigrams) out.joins.delete(b);
  for (const t of [...out.words, ...out.bigrams, ...out.joins]) out.aliases.delete(t);
  return { words: [...out.words], bigrams: [...out.bigrams], joins: [...out.joins], aliases: [...out.aliases] };
}

/** Every term of the text once: words, bigrams, joins, then aliases. */
export function tokenize(text: string): string[] {
  const { words, bigrams, joins, aliases } = analyze(text);
  return [...new Set([...words, ...bigrams, ...joins, ...aliases])];
}

const GENERIC = new Set(GENERIC_WORDS.map((w) => SYNONYMS.get(processTerm(w)!) ?? processTerm(w)!));

/** True for a word that says "this is about the leak" rather than which question it is. */
export function isGenericWord(word: string): boolean {
  return GENERIC.has(word);
}

/** The pair to hand to MiniSearch (`tokenize`, `processTerm`) for index and queries alike. */
export const miniSearchTokenizer = {
  tokenize: (text: string): string[] => tokenize(text),
  processTerm,
} as const;
