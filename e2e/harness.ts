/**
 * End-to-end harness: serves the built renderer (dist/renderer) on 127.0.0.1 under the
 * app's Content-Security-Policy and drives Debian's Chromium with playwright-core.
 * Never a downloaded browser: CHROMIUM_PATH or /usr/bin/chromium.
 */
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../shared/security/csp';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist', 'renderer');
export const SCREENSHOTS = join(ROOT, 'e2e', 'screenshots');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(): Promise<StaticServer> {
  await stat(join(DIST, 'index.html')).catch(() => {
    throw new Error('e2e: dist/renderer is missing; run "npm run build:renderer" first (npm run test:e2e does)');
  });
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(DIST, path === '/' ? 'index.html' : path));
    if (!file.startsWith(DIST + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('e2e: server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

const VIEWPORT = { width: 1280, height: 800 };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/**
 * `expectedPageError`: a test that injects a fault on purpose names the page errors it
 * expects (the fault it caused); every other page error still fails the test.
 */
export async function newPage(browser: Browser, options: { expectedPageError?: RegExp } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  watchConsole(page, options.expectedPageError);
  keepStateOnClose(context);
  return { context, page };
}

/** A browser with a profile on disk, so a test can look at what Chromium wrote there. */
export async function launchPersistent(userDataDir: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: VIEWPORT,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  watchConsole(page);
  keepStateOnClose(context);
  return { context, page };
}

/**
 * What each page of the test showed when its context was closed (in the test's `finally`), and
 * the contexts still open: e2e/setup.ts writes the states out when the test failed (reading and
 * closing the contexts left open first), so a wait that timed out on CI says what was on the
 * screen instead of only what it waited for.
 */
export const pagesAtClose: string[] = [];
export const openContexts = new Set<BrowserContext>();
const closeNow = new WeakMap<BrowserContext, () => Promise<void>>();

function keepStateOnClose(context: BrowserContext): void {
  const close = context.close.bind(context);
  openContexts.add(context);
  closeNow.set(context, () => {
    openContexts.delete(context);
    return close();
  });
  context.close = async (...args) => {
    openContexts.delete(context);
    pagesAtClose.push(...(await statesOf(context)));
    return close(...args);
  };
}

/** Closes the context without reading its pages first: a test that kills the browser mid-write must not give it time. */
export function closeAtOnce(context: BrowserContext): Promise<void> {
  return (closeNow.get(context) ?? (() => context.close()))();
}

/** Each open page's state (see pageState). */
export async function statesOf(context: BrowserContext): Promise<string[]> {
  return Promise.all(context.pages().filter((p) => !p.isClosed()).map(pageState));
}

/** The page's address, focus, dialogs, alerts, statuses and text, briefly; never waits long on a page that hangs. */
async function pageState(page: Page): Promise<string> {
  const state = page.evaluate(() => {
    const shown = (el: Element) => el.getClientRects().length > 0;
    const flat = (el: Element, max: number) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim().slice(0, max);
    const texts = (selector: string) => [...document.querySelectorAll(selector)].filter(shown).map((el) => flat(el, 300));
    const focus = document.activeElement;
    return [
      `address: ${location.pathname}${location.hash}`,
      `focus: ${!focus || focus === document.body ? 'none' : `${focus.tagName.toLowerCase()}${focus.id ? `#${focus.id}` : ''} ${flat(focus, 60)}`}`,
      ...texts('[role=dialog], dialog[open]').map((t) => `dialog: ${t}`),
      ...texts('[role=alert]').map((t) => `alert: ${t}`),
      ...texts('[role=status]').map((t) => `status: ${t}`),
      `text: ${document.body.innerText.replace(/\n\s*\n/g, '\n').slice(0, 3000)}`,
    ].join('\n');
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<string>((ok) => (timer = setTimeout(() => ok('(the page did not answer within 5 s)'), 5_000)));
  try {
    return await Promise.race([state.catch((err: Error) => `(the page could not be read: ${err.message})`), late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function tempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const base = join(ROOT, 'e2e', '.profiles');
  await mkdir(base, { recursive: true });
  const path = await mkdtemp(join(base, prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Fails the test on any page error or CSP violation: they are bugs, not noise. */
function watchConsole(page: Page, expected?: RegExp): void {
  page.on('pageerror', (err) => {
    if (expected?.test(`${err.name}: ${err.message}`)) return;
    throw new Error(`page error: ${err.message}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text())) {
      throw new Error(`CSP violation: ${msg.text()}`);
    }
  });
}

/**
 * A full-page PNG for a person to look at (nothing asserts on it). Each costs a few hundred
 * milliseconds of CPU; CI, where nobody looks, turns them off with HONBU_E2E_SCREENSHOTS=0.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.HONBU_E2E_SCREENSHOTS === '0') return;
  await mkdir(SCREENSHOTS, { recursive: true });
  // A sticky header would be painted mid-page in a full-page capture; pin it to the top meanwhile.
  const unstick = () =>
    document.querySelectorAll<HTMLElement>('.incident-header').forEach((el) => {
      el.style.position = el.style.position === 'static' ? '' : 'static';
    });
  await page.evaluate(unstick);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  await page.evaluate(unstick);
}

export { tmpdir };

/**
 * One static server and one browser for a test file, started before its tests and closed
 * after them: `const env = useBrowserAndServer();` then `env.browser`, `env.server`.
 */
export function useBrowserAndServer(): { readonly server: StaticServer; readonly browser: Browser } {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('e2e: server not started');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('e2e: browser not started');
      return browser;
    },
  };
}
