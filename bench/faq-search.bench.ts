/**
 * FAQ search and grouping at call-centre scale: per-keystroke search latency over 1,000
 * entries and grouping time for 10,000 enquiries, as JSON on stdout. Node 20 cannot run
 * TypeScript directly, so bundle it first:
 *
 *   npx esbuild bench/faq-search.bench.ts --bundle --platform=node --format=esm --log-level=warning | node --input-type=module
 */
import { benchFaq } from '../shared/faq/bench-fixture';

const sizes = { enquiries: Number(process.env.FAQ_ENQUIRIES ?? 10_000), entries: Number(process.env.FAQ_ENTRIES ?? 1_000) };
// The first run pays for JIT compilation and ICU segmenter start-up: report the second.
benchFaq({ enquiries: 500, entries: 100 });
process.stdout.write(`${JSON.stringify({ name: 'faq-search', ...benchFaq(sizes) }, null, 2)}\n`);
