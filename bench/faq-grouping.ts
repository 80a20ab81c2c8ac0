/**
 * Part of `npm run bench`: FAQ grouping in headless Chromium (issue 15 item 2). Lines:
 *   faq-grouping-dictionary   loading the IPADIC wasm in the page
 *   faq-grouping-labelled     each labelled set (original, B, C held out — never tuned on):
 *                             pairwise precision, recall, F1, group count, and the time
 *   faq-grouping-varied       --rows (100,000) varied enquiries over 300 topics: coldMs
 *                             (every text analysed, then grouped), regroupMs (grouped again
 *                             from the analyses kept: what the screen pays), the pairwise
 *                             scores against the fixture's topics, then --adds (1,000) new
 *                             enquiries placed one at a time (addP50/P95/P99/max ms each);
 *                             `analyses` is how many texts the dictionary analysed (each
 *                             distinct clause once), coldWithin5s / regroupWithin5s /
 *                             addP99Within10ms say whether issue 15's targets held
 *   faq-grouping-screen       the page's thread while --rows varied enquiries are grouped
 *                             (faq-grouping-screen.ts): in the grouping worker as the screens
 *                             do now (worker: time to groups, the page's longest task and
 *                             total blocking time, requests sent on a revisit) and on the
 *                             page's thread as they did before (inPlace), and whether both
 *                             gave the same groups
 * Options: --rows N  --adds N  --quick (10,000 rows, 200 adds)  --screen-only (that line alone)
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { launchBrowser, newPage } from '../e2e/harness';
import { groupingScreen } from './faq-grouping-screen';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const ROWS = option('--rows', quick ? 10_000 : 100_000);
const ADDS = option('--adds', quick ? 200 : 1_000);
const SCREEN_ONLY = args.includes('--screen-only');
const loadNow = () => loadavg().map((l) => Math.round(l * 100) / 100);
const emit = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function screen() {
  const browser = await launchBrowser();
  try {
    const load = loadNow();
    const { worker, inPlace } = await groupingScreen(browser, ROWS, Math.min(ADDS, 100), true);
    emit({ bench: 'faq-grouping-screen', ms: worker.coldMs, chromium: browser.version(), cores: cpus().length, worker, inPlace, load, loadAtEnd: loadNow() });
  } finally {
    await browser.close();
  }
}

async function main() {
  if (SCREEN_ONLY) return screen();
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, 'faq-grouping.page.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'chrome130',
    logLevel: 'warning',
  });
  const js = bundle.outputFiles[0]!.contents;
  const wasm = await readFile(createRequire(import.meta.url).resolve('lindera-wasm-ipadic/lindera_wasm_bg.wasm'));
  const origin = 'http://faq-bench.invalid';
  const browser = await launchBrowser();
  try {
    const { page } = await newPage(browser);
    await page.route(`${origin}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><script type="module" src="/bench.js"></script>' });
      if (path === '/bench.js') return route.fulfill({ contentType: 'text/javascript', body: Buffer.from(js) });
      if (path === '/lindera.wasm') return route.fulfill({ contentType: 'application/wasm', body: wasm });
      return route.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => '__faqGrouping' in window);
    const chromium = browser.version();
    const loadMs = await page.evaluate((url) => window.__faqGrouping.load(url), `${origin}/lindera.wasm`);
    emit({ bench: 'faq-grouping-dictionary', ms: Math.round(loadMs), chromium, cores: cpus().length, load: loadavg().map((l) => Math.round(l * 100) / 100) });
    for (const line of await page.evaluate(() => window.__faqGrouping.labelled())) emit({ bench: 'faq-grouping-labelled', ...line });
    page.setDefaultTimeout(0);
    const varied = await page.evaluate(([rows, adds]) => window.__faqGrouping.varied(rows!, adds!), [ROWS, ADDS]);
    emit({ bench: 'faq-grouping-varied', ms: varied.regroupMs, ...varied, load: loadavg().map((l) => Math.round(l * 100) / 100) });
  } finally {
    await browser.close();
  }
  await screen();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
