/**
 * The alert endpoints the sync host serves beside its rooms (decision 018):
 *
 *   GET  /alerts/status            member: can the host send mail, the last error, its public key
 *   POST /alerts/jobs              member: hand over a sealed job (kept once per id)
 *   GET  /alerts/jobs/<id>         holder of the job's secret: its progress
 *   POST /alerts/jobs/<id>/ack     holder of the job's secret: acknowledged in the app
 *   GET  /alerts/ack/<token>       a page with one button (mail scanners that open links acknowledge nothing)
 *   POST /alerts/ack/<token>       the one-time link: acknowledges, once, before it expires
 *
 * The app reaches the JSON endpoints over a websocket at /alerts (its Content-Security-Policy
 * allows ws: and wss: only, so a renderer can reach no webhook or other web address); the
 * HTTP form serves the links in mails and tools like curl.
 *
 * A member is whoever presents the room credential of the epoch's events room, which must
 * exist and not be frozen — the same door as the customer-list channel, so a revoked
 * laptop cannot make the host send mail.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebSocket } from 'ws';
import { credentialOf, parseRoomName, roomTag } from '../../shared/sync/room';
import { ALERT_PATHS, type JobHandOver } from '../../shared/alerts/job';
import type { UpdateStore } from '../storage';
import type { AckResult, AlertRunner } from './runner';

const MAX_BODY = 64 * 1024;
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'authorization, content-type, x-honbu-room, x-honbu-job',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
};

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...CORS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  let size = 0;
  const parts: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_BODY) return undefined;
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** The member's room tag, or undefined (not a member, a frozen epoch, a room never written to). */
async function memberTag(headers: Record<string, string | undefined>, store: UpdateStore): Promise<string | undefined> {
  const auth = headers.authorization ?? '';
  const room = headers['x-honbu-room'] ?? '';
  const parsed = parseRoomName(room);
  const credential = credentialOf(auth.replace(/^Bearer\s+/i, ''));
  if (!parsed || parsed.kind !== 'w' || parsed.sub !== 'events' || !credential || (await roomTag(credential)) !== parsed.tag) return undefined;
  if (!store.roomKnown || !(await store.roomKnown(room))) return undefined;
  if ((await store.meta(room))?.frozen) return undefined;
  return parsed.tag;
}

const isHandOver = (b: unknown): b is JobHandOver => {
  const h = b as Partial<JobHandOver> | null;
  return !!h && typeof h.jobId === 'string' && typeof h.secretHash === 'string' && typeof h.epk === 'string' && typeof h.box === 'string' && h.box.length < 48 * 1024;
};

const PAGE: Record<AckResult | 'ask' | 'busy', { ja: string; en: string }> = {
  ask: { ja: '本部からの呼び出しを受け取ったことを知らせます。', en: 'Tell Honbu you have received the alert.' },
  acknowledged: { ja: '確認を本部に伝えました。アプリを開いて対応を始めてください。', en: 'Honbu knows you have it. Please open the app.' },
  already: { ja: 'この呼び出しはすでに確認されています。', en: 'This alert was already acknowledged.' },
  used: { ja: 'このリンクはすでに使われました。アプリで確認してください。', en: 'This link was already used. Please acknowledge in the app.' },
  expired: { ja: 'このリンクは期限切れです。アプリで確認してください。', en: 'This link has expired. Please acknowledge in the app.' },
  unknown: { ja: 'このリンクは無効です。アプリで確認してください。', en: 'This link is not valid. Please acknowledge in the app.' },
  busy: { ja: '本部のサーバーが今は応答できません。確認はまだ伝わっていません。少し待ってからもう一度押すか、アプリで確認してください。', en: 'The Honbu server cannot answer right now; your acknowledgement has not reached it yet. Please try again in a minute, or acknowledge in the app.' },
};

function page(res: ServerResponse, status: number, key: keyof typeof PAGE, form: boolean): void {
  const t = PAGE[key];
  const button = form ? '<form method="post"><button type="submit" style="font-size:1.3em;padding:.6em 1.2em">確認しました / Acknowledge</button></form>' : '';
  res
    .writeHead(status, { ...(status === 503 ? { 'Retry-After': '60' } : {}), 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" })
    .end(`<!doctype html><html lang="ja"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>本部 / Honbu</title><body style="font-family:sans-serif;max-width:32em;margin:3em auto;line-height:1.6"><p>${t.ja}</p><p lang="en">${t.en}</p>${button}</body></html>`);
}

/** A request to the alert API, from HTTP or from the /alerts websocket (what the app uses: its CSP allows ws only). */
export interface AlertCall {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  body?: string;
}

export interface AlertAnswer {
  status: number;
  body: unknown;
}

/** The JSON endpoints (status, jobs, acknowledgements from the app). */
export async function alertApi(call: AlertCall, runner: AlertRunner, store: UpdateStore): Promise<AlertAnswer> {
  const { method, path, headers } = call;
  if (path === ALERT_PATHS.status && method === 'GET') {
    const tag = await memberTag(headers, store);
    if (!tag) return { status: 403, body: { error: 'not a member' } };
    return { status: 200, body: runner.status(tag) };
  }
  if (path === ALERT_PATHS.jobs && method === 'POST') {
    const tag = await memberTag(headers, store);
    if (!tag) return { status: 403, body: { error: 'not a member' } };
    let body: unknown;
    try {
      body = call.body === undefined || call.body.length > MAX_BODY ? undefined : JSON.parse(call.body);
    } catch {
      body = undefined;
    }
    if (!isHandOver(body)) return { status: 400, body: { error: 'not a job' } };
    const result = await runner.accept(tag, body);
    return { status: result === 'bad' ? 400 : result === 'full' ? 429 : result === 'created' ? 201 : 200, body: { result } };
  }
  const m = /^\/alerts\/jobs\/([A-Za-z0-9_-]{8,64})(\/ack)?$/.exec(path);
  if (m) {
    const secret = headers['x-honbu-job'] ?? '';
    if (m[2] && method === 'POST') {
      let personId: string | null = null;
      try {
        const p = (JSON.parse(call.body ?? '{}') as { personId?: unknown }).personId;
        if (typeof p === 'string' && p.length < 200) personId = p;
      } catch {
        // no person named: acknowledged by the team
      }
      const result = await runner.acknowledge(m[1]!, secret, personId);
      return { status: result === 'unknown' ? 404 : 200, body: { result } };
    }
    if (!m[2] && method === 'GET') {
      const report = await runner.report(m[1]!, secret);
      return report ? { status: 200, body: report } : { status: 404, body: { error: 'no such job' } };
    }
  }
  return { status: 404, body: { error: 'not found' } };
}

const headerMap = (req: IncomingMessage): Record<string, string | undefined> => {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) out[k] = Array.isArray(v) ? v[0] : v;
  return out;
};

/** Handles the request when it is one of ours; false for any other path. */
export async function handleAlertRequest(req: IncomingMessage, res: ServerResponse, runner: AlertRunner, store: UpdateStore): Promise<boolean> {
  const path = (req.url ?? '/').split('?')[0]!;
  if (!path.startsWith('/alerts/')) return false;
  if (req.method === 'OPTIONS') {
    res.writeHead(204, CORS).end();
    return true;
  }
  if (path.startsWith(ALERT_PATHS.ackLink)) {
    const token = path.slice(ALERT_PATHS.ackLink.length);
    // Only the button's POST acknowledges: link checkers in mail systems also send HEAD (and worse).
    if (req.method === 'GET' || req.method === 'HEAD') page(res, 200, 'ask', true);
    else if (req.method !== 'POST') res.writeHead(405, { Allow: 'GET, HEAD, POST', 'Cache-Control': 'no-store' }).end();
    else {
      // The store unreachable (Redis restarting) or the lock held too long: words and the button again, not an empty 500.
      const result = await runner.acknowledgeLink(token).catch((err: unknown) => {
        console.error('sync-server: alerts: a link could not be acknowledged:', err instanceof Error ? err.message : err);
        return 'busy' as const;
      });
      page(res, result === 'acknowledged' || result === 'already' ? 200 : result === 'busy' ? 503 : 410, result, result === 'busy');
    }
    return true;
  }
  const body = req.method === 'POST' ? ((await readBody(req)) ?? 'x'.repeat(MAX_BODY + 1)) : undefined;
  const answer = await alertApi({ method: req.method ?? 'GET', path, headers: headerMap(req), body }, runner, store);
  json(res, answer.status, answer.body);
  return true;
}

/**
 * The same API over a websocket at /alerts: frames `{ id, method, path, headers, body }`
 * answered by `{ id, status, body }`, one at a time in order.
 */
export function handleAlertSocket(ws: WebSocket, runner: AlertRunner, store: UpdateStore): void {
  let queue = Promise.resolve();
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    queue = queue.then(async () => {
      let msg: { id?: unknown; method?: unknown; path?: unknown; headers?: unknown; body?: unknown };
      try {
        if (isBinary || data.byteLength > MAX_BODY + 4096) throw new Error('too large');
        msg = JSON.parse(data.toString('utf8')) as typeof msg;
      } catch {
        ws.close(1009, 'not an alert request');
        return;
      }
      const path = typeof msg.path === 'string' ? msg.path : '';
      const call: AlertCall = {
        method: typeof msg.method === 'string' ? msg.method : 'GET',
        path: path.startsWith(ALERT_PATHS.ackLink) ? '/' : path,
        headers: typeof msg.headers === 'object' && msg.headers !== null ? (msg.headers as Record<string, string>) : {},
        body: typeof msg.body === 'string' ? msg.body : undefined,
      };
      const answer = await alertApi(call, runner, store).catch(() => ({ status: 500, body: { error: 'host error' } }));
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: msg.id, ...answer }));
    });
  });
}
