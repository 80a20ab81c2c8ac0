/**
 * The Japanese morphological analyser the FAQ search and grouping use, as an interface:
 * shared/ may not load a dictionary (that needs fetch or fs), so the renderer, the bench
 * and the tests each load one (lindera with IPADIC) and hand it in. Without one, search
 * and grouping fall back to the segmenter-and-bigram tokens of tokenize.ts.
 */

/** One morpheme as an IPADIC analyser gives it. */
export interface Morpheme {
  surface: string;
  /** Dictionary form: 漏れる for 漏れ, 盗む for 盗ま; the surface for an unknown word. */
  base: string;
  /** Reading of the surface in katakana; '' for an unknown word. */
  reading: string;
  /** Part of speech: 名詞, 動詞, 形容詞, 副詞, 助詞, 助動詞, 記号, 接頭詞 …; 'UNK' when unknown. */
  pos: string;
  /** First sub-category: 非自立, 接尾, 代名詞, 数, サ変接続, 自立 …; '' when none. */
  detail: string;
  /** Conjugation type for verbs and adjectives: 一段, 五段・マ行, 形容詞・イ段 …; '' when none. */
  conjugation: string;
  known: boolean;
}

export interface JapaneseAnalyser {
  analyse(text: string): Morpheme[];
}

const none = (v: string | undefined): string => (v === undefined || v === '*' ? '' : v);

/**
 * A morpheme from an IPADIC feature row (pos, pos1, pos2, pos3, conjugation type,
 * conjugation form, base, reading, pronunciation), as lindera and MeCab give it.
 */
export function morphemeFromIpadic(surface: string, details: readonly string[]): Morpheme {
  if (details.length < 7 || details[0] === 'UNK') {
    return { surface, base: surface, reading: '', pos: 'UNK', detail: '', conjugation: '', known: false };
  }
  const base = none(details[6]);
  return {
    surface,
    base: base === '' ? surface : base,
    reading: none(details[7]),
    pos: details[0]!,
    detail: none(details[1]),
    conjugation: none(details[4]),
    known: true,
  };
}

/**
 * Remembers the analysis of recent texts: an enquiry is analysed once however often the
 * groups are recomputed, and a query once per keystroke. Oldest entries go first.
 */
export function cachedAnalyser(inner: JapaneseAnalyser, limit = 50_000): JapaneseAnalyser {
  const cache = new Map<string, Morpheme[]>();
  return {
    analyse(text) {
      const hit = cache.get(text);
      if (hit !== undefined) return hit;
      const out = inner.analyse(text);
      if (cache.size >= limit) cache.delete(cache.keys().next().value!);
      cache.set(text, out);
      return out;
    },
  };
}
