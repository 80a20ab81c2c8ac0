/**
 * The page's thread while the enquiry log is grouped (issue 15 item 2, decision 030
 * addendum 3): bundles faq-grouping-screen.page.ts and its worker, serves them with the
 * IPADIC wasm to headless Chromium, and returns the page's long tasks with the grouping in
 * the worker (as the screens do now) and on the page's thread (as they did before).
 * Used by bench/faq-grouping.ts (`faq-grouping-screen` line) and e2e/faq-grouping-worker.e2e.ts.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import type { Browser } from 'playwright-core';
import { newPage } from '../e2e/harness';

/** `…?url` imports (Vite's) stand for the bench's dictionary URL. */
const urlImports: Plugin = {
  name: 'url-imports',
  setup(b) {
    b.onResolve({ filter: /\?url$/ }, (args) => ({ path: args.path, namespace: 'url-import' }));
    b.onLoad({ filter: /.*/, namespace: 'url-import' }, () => ({ contents: 'export default "/lindera.wasm";', loader: 'js' }));
  },
};

async function bundle(entry: string): Promise<Uint8Array> {
  const out = await build({
    entryPoints: [join(import.meta.dirname, entry)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'chrome130',
    logLevel: 'error',
    define: { __APP_VERSION__: '"bench"', 'import.meta.env.DEV': 'false', 'import.meta.env.PROD': 'true', 'import.meta.env.MODE': '"production"' },
    plugins: [urlImports],
  });
  return out.outputFiles[0]!.contents;
}

export interface ScreenFigures {
  worker: Record<string, unknown>;
  inPlace: Record<string, unknown> | null;
}

/** Groups `rows` varied enquiries (then `adds` more) in the worker and, with `before`, on the page's thread. */
export async function groupingScreen(browser: Browser, rows: number, adds: number, before: boolean): Promise<ScreenFigures> {
  const [page, worker] = await Promise.all([bundle('faq-grouping-screen.page.ts'), bundle('faq-grouping-screen.worker.ts')]);
  const wasm = await readFile(createRequire(import.meta.url).resolve('lindera-wasm-ipadic/lindera_wasm_bg.wasm'));
  const origin = 'http://faq-screen-bench.invalid';
  const { context, page: tab } = await newPage(browser);
  try {
    await tab.route(`${origin}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>' });
      if (path === '/page.js') return route.fulfill({ contentType: 'text/javascript', body: Buffer.from(page) });
      if (path === '/worker.js') return route.fulfill({ contentType: 'text/javascript', body: Buffer.from(worker) });
      if (path === '/lindera.wasm') return route.fulfill({ contentType: 'application/wasm', body: wasm });
      return route.fulfill({ status: 404, body: '' });
    });
    tab.setDefaultTimeout(0);
    await tab.goto(`${origin}/`);
    await tab.waitForFunction(() => '__groupingScreen' in window);
    const inWorker = await tab.evaluate(([r, a]) => window.__groupingScreen.worker(r!, a!, '/worker.js'), [rows, adds]);
    const inPlace = before ? await tab.evaluate(([r, a]) => window.__groupingScreen.inPlace(r!, a!), [rows, adds]) : null;
    return { worker: inWorker, inPlace };
  } finally {
    await context.close();
  }
}
