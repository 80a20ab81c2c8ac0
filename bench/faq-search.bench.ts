/**
 * FAQ search and grouping at call-centre scale: per-keystroke search latency over 1,000
 * entries and grouping time for 10,000 enquiries, as JSON on stdout — without the
 * dictionary analyser (as before issue 10 item 14) and with it, plus the dictionary's
 * load time and the grouping quality on the labelled set beside each time. Node 20
 * cannot run TypeScript directly, so bench/faq.mjs bundles it first (part of `npm run bench`).
 */
import type { JapaneseAnalyser } from '../shared/faq/analyser';
import { benchFaq } from '../shared/faq/bench-fixture';
import { groupQuestions } from '../shared/faq/grouping';
import { LABELLED_ENQUIRIES, pairwiseScores } from '../shared/faq/labelled-enquiries.fixture';
import { nodeAnalyser } from '../test/faq/node-analyser';

const sizes = { enquiries: Number(process.env.FAQ_ENQUIRIES ?? 10_000), entries: Number(process.env.FAQ_ENTRIES ?? 1_000) };
const round2 = (n: number): number => Math.round(n * 100) / 100;

const { analyser, loadMs } = nodeAnalyser();
process.stdout.write(`${JSON.stringify({ bench: 'faq-dictionary', dictionary: 'lindera-wasm-ipadic', ms: round2(loadMs), node: process.version })}\n`);

/** A new wrapper has a new reading context, so nothing is cached from an earlier run. */
const fresh = (): JapaneseAnalyser => ({ analyse: (text) => analyser.analyse(text) });

for (const [mode, make] of [['segmenter', () => null], ['readings', fresh]] as const) {
  // The first run pays for JIT compilation and ICU segmenter start-up: report the second.
  benchFaq({ enquiries: 500, entries: 100 }, undefined, make());
  const r = benchFaq(sizes, undefined, make());
  const quality = pairwiseScores(groupQuestions(LABELLED_ENQUIRIES, { analyser: make() }), LABELLED_ENQUIRIES);
  const q = { precision: round2(quality.precision), recall: round2(quality.recall), f1: round2(quality.f1), groups: quality.groups, enquiries: LABELLED_ENQUIRIES.length };
  // One JSON object per line, like the other benches: search latency, then grouping.
  process.stdout.write(`${JSON.stringify({ bench: 'faq-search', mode, rows: sizes.enquiries, entries: sizes.entries, ms: r.keystrokeP95Ms, p50: r.keystrokeP50Ms, p95: r.keystrokeP95Ms, max: r.keystrokeMaxMs, keystrokes: r.keystrokes, indexBuildMs: r.indexBuildMs, node: process.version })}\n`);
  process.stdout.write(`${JSON.stringify({ bench: 'faq-grouping', mode, rows: sizes.enquiries, ms: r.groupingMs, regroupMs: r.regroupMs, groups: r.groups, labelled: q })}\n`);
}
