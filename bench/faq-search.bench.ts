/**
 * FAQ search and grouping at call-centre scale: per-keystroke search latency over 1,000
 * entries and grouping time for 10,000 enquiries, as JSON on stdout. Node 20 cannot run
 * TypeScript directly, so bench/faq.mjs bundles it first (part of `npm run bench`).
 */
import { benchFaq } from '../shared/faq/bench-fixture';

const sizes = { enquiries: Number(process.env.FAQ_ENQUIRIES ?? 10_000), entries: Number(process.env.FAQ_ENTRIES ?? 1_000) };
// The first run pays for JIT compilation and ICU segmenter start-up: report the second.
benchFaq({ enquiries: 500, entries: 100 });
const r = benchFaq(sizes);
// One JSON object per line, like the other benches: search latency, then grouping.
process.stdout.write(`${JSON.stringify({ bench: 'faq-search', rows: sizes.enquiries, entries: sizes.entries, ms: r.keystrokeP95Ms, p50: r.keystrokeP50Ms, p95: r.keystrokeP95Ms, max: r.keystrokeMaxMs, keystrokes: r.keystrokes, indexBuildMs: r.indexBuildMs, node: process.version })}\n`);
process.stdout.write(`${JSON.stringify({ bench: 'faq-grouping', rows: sizes.enquiries, ms: r.groupingMs, groups: r.groups })}\n`);
