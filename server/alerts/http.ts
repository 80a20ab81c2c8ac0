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
 * A member is whoever presents the room credential of the epoch's events room, which must
 * exist and not be frozen — the same door as the customer-list channel, so a revoked
 * laptop cannot make the host send mail.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
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
async function memberTag(req: IncomingMessage, store: UpdateStore): Promise<string | undefined> {
  const auth = req.headers.authorization ?? '';
  const room = String(req.headers['x-honbu-room'] ?? '');
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

const PAGE: Record<AckResult | 'ask', { ja: string; en: string }> = {
  ask: { ja: '本部からの呼び出しを受け取ったことを知らせます。', en: 'Tell Honbu you have received the alert.' },
  acknowledged: { ja: '確認を本部に伝えました。アプリを開いて対応を始めてください。', en: 'Honbu knows you have it. Please open the app.' },
  already: { ja: 'この呼び出しはすでに確認されています。', en: 'This alert was already acknowledged.' },
  used: { ja: 'このリンクはすでに使われました。アプリで確認してください。', en: 'This link was already used. Please acknowledge in the app.' },
  expired: { ja: 'このリンクは期限切れです。アプリで確認してください。', en: 'This link has expired. Please acknowledge in the app.' },
  unknown: { ja: 'このリンクは無効です。アプリで確認してください。', en: 'This link is not valid. Please acknowledge in the app.' },
};

function page(res: ServerResponse, status: number, key: keyof typeof PAGE, form: boolean): void {
  const t = PAGE[key];
  const button = form ? '<form method="post"><button type="submit" style="font-size:1.3em;padding:.6em 1.2em">確認しました / Acknowledge</button></form>' : '';
  res
    .writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'" })
    .end(`<!doctype html><html lang="ja"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>本部 / Honbu</title><body style="font-family:sans-serif;max-width:32em;margin:3em auto;line-height:1.6"><p>${t.ja}</p><p lang="en">${t.en}</p>${button}</body></html>`);
}

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
    if (req.method === 'GET') page(res, 200, 'ask', true);
    else {
      const result = await runner.acknowledgeLink(token);
      page(res, result === 'acknowledged' || result === 'already' ? 200 : 410, result, false);
    }
    return true;
  }
  if (path === ALERT_PATHS.status && req.method === 'GET') {
    if (!(await memberTag(req, store))) json(res, 403, { error: 'not a member' });
    else json(res, 200, runner.status());
    return true;
  }
  if (path === ALERT_PATHS.jobs && req.method === 'POST') {
    const tag = await memberTag(req, store);
    if (!tag) return json(res, 403, { error: 'not a member' }), true;
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw === undefined ? undefined : JSON.parse(raw);
    } catch {
      body = undefined;
    }
    if (!isHandOver(body)) return json(res, 400, { error: 'not a job' }), true;
    const result = await runner.accept(tag, body);
    json(res, result === 'bad' ? 400 : result === 'created' ? 201 : 200, { result });
    return true;
  }
  const m = /^\/alerts\/jobs\/([A-Za-z0-9_-]{8,64})(\/ack)?$/.exec(path);
  if (m) {
    const secret = String(req.headers['x-honbu-job'] ?? '');
    if (m[2] && req.method === 'POST') {
      const raw = (await readBody(req)) ?? '{}';
      let personId: string | null = null;
      try {
        const p = (JSON.parse(raw) as { personId?: unknown }).personId;
        if (typeof p === 'string' && p.length < 200) personId = p;
      } catch {
        // no person named: acknowledged by the team
      }
      const result = await runner.acknowledge(m[1]!, secret, personId);
      json(res, result === 'unknown' ? 404 : 200, { result });
      return true;
    }
    if (!m[2] && req.method === 'GET') {
      const report = await runner.report(m[1]!, secret);
      if (report) json(res, 200, report);
      else json(res, 404, { error: 'no such job' });
      return true;
    }
  }
  json(res, 404, { error: 'not found' });
  return true;
}
