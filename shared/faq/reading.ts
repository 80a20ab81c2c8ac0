/**
 * Readings: how a word written in kana finds the same word written in kanji.
 *
 * A dictionary analyser reads kanji text well (漏れていますか → 漏れる, reading モレ) but
 * is lost in text typed all in kana (こじんじょうほう → こじる + じ + …): kana has no
 * word boundaries to go by. So a kana stretch is cut instead against a vocabulary of
 * readings: the readings of the words the same corpus (the FAQ, the day's enquiries)
 * and the domain lexicon write in kanji, with the inflected stems of their verbs. The
 * cut covering the most text with the longest words wins; what no reading covers is
 * left to the analyser.
 */

const KATAKANA = /[\u30a1-\u30f6\u30fd\u30fe]/g;
const KANA_ONLY = /^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe]+$/;

export function toHiragana(text: string): string {
  return text.replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

export function isKanaOnly(text: string): boolean {
  return KANA_ONLY.test(text);
}

/** Width, case and kana folded, a long word's final ー dropped (サーバー = サーバ). */
export function fold(text: string): string {
  const out = toHiragana(text.normalize('NFKC').toLowerCase());
  return out.length >= 4 && out.endsWith('ー') ? out.slice(0, -1) : out;
}

/** Row of the godan conjugation by the base form's last kana, with the euphonic stem. */
const GODAN: Record<string, string> = {
  く: 'かきくけこい', ぐ: 'がぎぐげごい', す: 'さしすせそ', つ: 'たちつてとっ', ぬ: 'なにぬねのん',
  ぶ: 'ばびぶべぼん', む: 'まみむめもん', る: 'らりるれろっ', う: 'わいうえおっ',
};

/**
 * The readings an inflected word can start with, from its base reading: 盗む (ぬすむ) →
 * ぬすま ぬすみ ぬすむ ぬすめ ぬすも ぬすん; 漏れる (もれる) → もれ もれる; 怪しい → あやし
 * あやしい. A kana text cut against them finds ぬすまれた and もれました.
 */
export function inflectedStems(baseReading: string, conjugation: string): string[] {
  const stem = baseReading.slice(0, -1);
  const last = baseReading.slice(-1);
  const out = new Set([baseReading]);
  if (conjugation.startsWith('五段') && GODAN[last] !== undefined) for (const k of GODAN[last]) out.add(stem + k);
  else if (conjugation.startsWith('一段') || conjugation.startsWith('形容詞')) out.add(stem);
  return [...out].filter((r) => r.length >= 2);
}

export interface VocabEntry {
  /** Word keys the reading stands for: one, or the parts of a compound (個人 + 情報). */
  keys: string[];
  /** How each key is shown (漏れる, カード). */
  displays: string[];
}

/**
 * Readings (hiragana) → words, counted: a reading shared by two words (きかん: 期間, 機関)
 * goes to the one the corpus writes more often. A vocabulary may extend a parent (the
 * corpus over the domain lexicon) without copying it.
 */
export class Vocabulary {
  private readonly counts = new Map<string, Map<string, { entry: VocabEntry; n: number }>>();
  private sorted: string[] | null = null;
  maxLength: number;

  constructor(private readonly parent: Vocabulary | null = null) {
    this.maxLength = parent?.maxLength ?? 0;
  }

  add(reading: string, entry: VocabEntry, n = 1): void {
    if (reading.length < 2 || entry.keys.length === 0) return;
    let byWord = this.counts.get(reading);
    if (!byWord) this.counts.set(reading, (byWord = new Map()));
    const id = entry.keys.join('\u0000');
    const had = byWord.get(id);
    if (had) had.n += n;
    else byWord.set(id, { entry, n });
    this.maxLength = Math.max(this.maxLength, reading.length);
    this.sorted = null;
  }

  get(reading: string): VocabEntry | undefined {
    let best: { entry: VocabEntry; n: number } | undefined;
    for (const c of this.counts.get(reading)?.values() ?? []) if (!best || c.n > best.n) best = c;
    return best?.entry ?? this.parent?.get(reading);
  }

  /** Readings that start with `prefix` (a word half typed), shortest first. */
  withPrefix(prefix: string, limit: number): string[] {
    this.sorted ??= [...this.counts.keys()].sort();
    const out = new Set<string>();
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sorted.length && this.sorted[i]!.startsWith(prefix); i++) out.add(this.sorted[i]!);
    for (const r of this.parent?.withPrefix(prefix, limit) ?? []) out.add(r);
    return [...out].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, limit);
  }
}

export interface KanaCut {
  start: number;
  end: number;
  reading: string;
  entry: VocabEntry;
}

/**
 * The best cut of a kana stretch (hiragana) into vocabulary readings: most covered text,
 * longer words preferred (a word of n kana scores n²), uncovered kana allowed (particles,
 * endings). Dynamic programming over positions; stretches are short.
 */
export function cutKana(text: string, vocab: Vocabulary): KanaCut[] {
  const n = text.length;
  const score = new Float64Array(n + 1).fill(-1);
  const from: (KanaCut | null)[] = new Array(n + 1).fill(null);
  const prev = new Int32Array(n + 1).fill(-1);
  score[0] = 0;
  for (let i = 0; i < n; i++) {
    if (score[i]! < 0) continue;
    if (score[i]! > score[i + 1]!) {
      score[i + 1] = score[i]!;
      prev[i + 1] = i;
      from[i + 1] = null;
    }
    const longest = Math.min(vocab.maxLength, n - i);
    for (let len = 2; len <= longest; len++) {
      const reading = text.slice(i, i + len);
      const entry = vocab.get(reading);
      if (!entry) continue;
      const s = score[i]! + len * len;
      if (s > score[i + len]!) {
        score[i + len] = s;
        prev[i + len] = i;
        from[i + len] = { start: i, end: i + len, reading, entry };
      }
    }
  }
  const cuts: KanaCut[] = [];
  for (let at = n; at > 0; at = prev[at]!) if (from[at]) cuts.push(from[at]!);
  return cuts.reverse();
}
