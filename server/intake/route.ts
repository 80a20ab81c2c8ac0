/**
 * The intake page's HTTP side on the sync host (decision 019): the page and its assets, and
 * submissions. A submission is refused, with a clear error and nothing stored, when it is
 * too large, not JSON, not one sealed box, for an intake the host does not know, or one too
 * many from its address; otherwise it is on disk (synced) before the reporter is told so.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkBox, INTAKE_ID, INTAKE_MAX_BODY } from '../../shared/intake/report';
import { INTAKE_PATH, receiptOf, type IntakeError } from '../../shared/intake/wire';
import { TokenBucket } from '../limits';
import type { UpdateStore } from '../storage';
import { ASSETS, intakePage, notFoundPage, PAGE_CSS } from './page';
import { pageScript } from './page-script';
import { IntakeBook } from './records';
import type { PageLang } from './words';
import { rateKey } from './address';

export interface IntakeLimits {
  /** Submissions one address (IPv4) or /64 (IPv6) may make in a burst, and how many per hour after it. */
  perAddressBurst: number;
  perAddressPerHour: number;
  /** Submissions waiting per intake; beyond it the page says the inbox is full. */
  maxWaiting: number;
}

export const DEFAULT_INTAKE_LIMITS: IntakeLimits = { perAddressBurst: 5, perAddressPerHour: 30, maxWaiting: 2000 };

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
const STATUS: Record<IntakeError, number> = { 'too-large': 413, 'content-type': 415, malformed: 400, shape: 400, rate: 429, 'unknown-intake': 404, full: 507, storage: 503, 'not-found': 404 };
/** Addresses remembered for the rate limit at most; the oldest are forgotten beyond it. */
const MAX_ADDRESSES = 10_000;

export interface IntakeRoutes {
  /** Answers the request if it is the intake's; false leaves it to the caller. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

export function intakeRoutes(store: UpdateStore, options: { limits?: Partial<IntakeLimits>; now?: () => Date } = {}): IntakeRoutes {
  const limits = { ...DEFAULT_INTAKE_LIMITS, ...options.limits };
  const now = options.now ?? (() => new Date());
  const book = store.intakeGet && store.intakePut && store.intakeList && store.intakeDel && store.intakeAddUnder ? new IntakeBook(store as Required<UpdateStore>) : null;
  const buckets = new Map<string, TokenBucket>();
  const script = pageScript();

  const headers = (type: string) => ({
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
  });
  const json = (res: ServerResponse, status: number, body: object): void => void res.writeHead(status, headers('application/json; charset=utf-8')).end(JSON.stringify(body));
  const fail = (res: ServerResponse, error: IntakeError, detail?: string): void => json(res, STATUS[error], { ok: false, error, ...(detail ? { detail } : {}) });

  const allowedHere = (address: string): boolean => {
    let b = buckets.get(address);
    if (!b) {
      if (buckets.size >= MAX_ADDRESSES) buckets.delete(buckets.keys().next().value!);
      b = new TokenBucket(limits.perAddressPerHour / 3600, limits.perAddressBurst);
      buckets.set(address, b);
    }
    return b.take();
  };
  /** On Redis the bucket is shared by every process behind the page's address; if Redis does not answer, this process counts alone. */
  const allowed = async (address: string): Promise<boolean> => {
    if (!store.rateTake) return allowedHere(address);
    try {
      return await store.rateTake(`intake:${address}`, limits.perAddressPerHour / 3600, limits.perAddressBurst);
    } catch (err) {
      console.error('sync-server: intake rate limit:', err instanceof Error ? err.message : err);
      return allowedHere(address);
    }
  };

  async function submit(req: IncomingMessage, res: ServerResponse, intakeId: string): Promise<void> {
    // Counted by IPv4 address or IPv6 /64 (one machine may hold a whole /64).
    const address = rateKey(req.socket.remoteAddress ?? '?');
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const declared = Number(req.headers['content-length'] ?? NaN);
    // Refused before the body is read: the connection is closed after the answer, so an unread body costs nothing.
    const early = (error: IntakeError, detail?: string) => {
      res.setHeader('Connection', 'close');
      fail(res, error, detail);
      req.resume();
    };
    if (!(await allowed(address))) return early('rate');
    if (type !== 'application/json') return early('content-type', `expected application/json, got ${type || 'nothing'}`);
    if (Number.isFinite(declared) && declared > INTAKE_MAX_BODY) return early('too-large', `at most ${INTAKE_MAX_BODY} bytes`);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    await new Promise<void>((resolve, reject) => {
      req.on('data', (c: Buffer) => {
        size += c.byteLength;
        if (size > INTAKE_MAX_BODY) {
          over = true;
          req.removeAllListeners('data');
          resolve();
        } else chunks.push(c);
      });
      req.on('end', () => resolve());
      req.on('error', reject);
    });
    if (over) return early('too-large', `at most ${INTAKE_MAX_BODY} bytes`);
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
    } catch {
      return fail(res, 'malformed', 'the body is not JSON');
    }
    const checked = checkBox(body);
    if (!checked.ok) return fail(res, 'shape', checked.reason);
    if (!book) return fail(res, 'unknown-intake');
    if (!(await book.registration(intakeId))) return fail(res, 'unknown-intake');
    // Counted and stored in one step (records.ts): a burst from many addresses at once stays within the cap.
    let added: Awaited<ReturnType<IntakeBook['add']>>;
    try {
      added = await book.add(intakeId, checked.box, now(), limits.maxWaiting);
    } catch (err) {
      console.error('sync-server: intake: could not store a report:', err instanceof Error ? err.message : err);
      return fail(res, 'storage');
    }
    if (added === 'full') return fail(res, 'full');
    // The receipt the reporter sees: the last characters of the report's id (the inbox shows the same).
    json(res, 201, { ok: true, receipt: receiptOf(added.reportId) });
  }

  async function page(res: ServerResponse, intakeId: string, lang: PageLang): Promise<void> {
    const reg = INTAKE_ID.test(intakeId) && book ? await book.registration(intakeId) : undefined;
    if (!reg) return void res.writeHead(404, headers('text/html; charset=utf-8')).end(notFoundPage(lang));
    res.writeHead(200, headers('text/html; charset=utf-8')).end(intakePage(lang, intakeId, reg.publicKey));
  }

  return {
    handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://host');
      const path = url.pathname;
      if (path !== INTAKE_PATH && !path.startsWith(`${INTAKE_PATH}/`)) return false;
      const lang: PageLang = url.searchParams.get('lang') === 'en' ? 'en' : 'ja';
      const run = (work: Promise<void>) =>
        void work.catch((err: unknown) => {
          console.error('sync-server: intake:', err instanceof Error ? err.message : err);
          if (!res.headersSent) fail(res, 'storage');
        });
      if (req.method === 'GET' && path === `${ASSETS}/page.js`) {
        res.writeHead(200, headers('text/javascript; charset=utf-8')).end(script);
        return true;
      }
      if (req.method === 'GET' && path === `${ASSETS}/page.css`) {
        res.writeHead(200, headers('text/css; charset=utf-8')).end(PAGE_CSS);
        return true;
      }
      const m = /^\/intake\/([A-Za-z0-9_-]{1,64})(\/reports)?\/?$/.exec(path);
      if (m && !m[2] && (req.method === 'GET' || req.method === 'HEAD')) {
        run(page(res, m[1]!, lang));
        return true;
      }
      if (m && m[2] && req.method === 'POST') {
        if (!INTAKE_ID.test(m[1]!)) {
          res.setHeader('Connection', 'close');
          fail(res, 'unknown-intake');
          req.resume();
          return true;
        }
        run(submit(req, res, m[1]!));
        return true;
      }
      res.writeHead(404, headers('text/html; charset=utf-8')).end(notFoundPage(lang));
      return true;
    },
  };
}
