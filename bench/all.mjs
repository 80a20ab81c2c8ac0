// `npm run bench`: the contact-tracker bench (its options, e.g. --quick or --rows N, are
// passed on), then FAQ search/grouping, FAQ grouping in Chromium (100k varied enquiries,
// the labelled sets' quality, incremental placement; --quick makes it 10k), sync
// convergence, a customer list reaching a second
// laptop (1M rows; --quick makes it 50k), and the workspace at scale (100k events, 1M
// customers; --quick makes it 20k and 50k). Each prints JSON lines. `--only faq-grouping`
// (or run, faq, sync, lists, workspace) runs that part alone.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick') ? ['--quick'] : [];
const listRows = quick.length > 0 ? ['--rows', '50000'] : [];
// --only NAME runs one part (e.g. `npm run bench -- --only faq-grouping`).
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const rest = only === null ? args : args.filter((a, i) => a !== '--only' && args[i - 1] !== '--only');
for (const [script, pass] of [['run.mjs', rest], ['faq.mjs', []], ['faq-grouping.mjs', quick], ['sync.mjs', []], ['lists.mjs', listRows], ['workspace.mjs', quick]]) {
  if (only !== null && script !== `${only}.mjs`) continue;
  const r = spawnSync(process.execPath, [join(here, script), ...pass], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
