/**
 * The laptops' side of the intake on the sync host (decision 019): a websocket at
 * INTAKE_WS_PATH, opened like the customer-list channel — the current epoch's room
 * credential and the name of its events room, which must carry its tag, exist and not be
 * frozen (a revoked laptop's old credential opens nothing). Then JSON requests:
 * `register` (the intake's public key, claimed by the SHA-256 of a secret only the team's
 * laptops hold), `fetch` (waiting boxes) and `ack` (remove those now recorded in the
 * workspace). Every request after the hello carries the secret; the host compares hashes.
 */
import type { WebSocket } from 'ws';
import { timingSafeEqual } from 'node:crypto';
import { credentialOf, parseRoomName, roomTag } from '../../shared/sync/room';
import { CLOSE } from '../../shared/sync/close-codes';
import { INTAKE_ID } from '../../shared/intake/report';
import { INTAKE_FETCH_MAX, type IntakeAnswer } from '../../shared/intake/wire';
import { TokenBucket } from '../limits';
import type { UpdateStore } from '../storage';
import { IntakeBook, ownerOf } from './records';

const HELLO_WITHIN_MS = 15_000;
const MAX_MESSAGE = 64 * 1024;
const PUBLIC_KEY = /^[A-Za-z0-9_-]{87}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function handleIntakeSocket(ws: WebSocket, store: UpdateStore, now: () => Date = () => new Date()): void {
  const book = store.intakeGet && store.intakePut && store.intakeList && store.intakeDel ? new IntakeBook(store as Required<UpdateStore>) : null;
  let room: string | undefined;
  const bucket = new TokenBucket(20, 100);
  const timer = setTimeout(() => room === undefined && ws.close(CLOSE.notMember, 'not a member'), HELLO_WITHIN_MS);
  ws.once('close', () => clearTimeout(timer));
  const answer = (a: IntakeAnswer) => ws.send(JSON.stringify(a));
  let queue = Promise.resolve();
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!bucket.take() || isBinary || data.byteLength > MAX_MESSAGE) {
      ws.close(isBinary || data.byteLength > MAX_MESSAGE ? CLOSE.refused : CLOSE.rate, 'refused');
      return;
    }
    let msg: Record<string, unknown> = {};
    try {
      msg = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
    } catch {
      // refused below
    }
    queue = queue
      .then(() => (room === undefined ? hello(msg) : request(msg)))
      .catch((err: unknown) => {
        console.error('sync-server: intake channel:', err instanceof Error ? err.message : err);
        ws.close(CLOSE.storage, 'storage failed; retry later');
      });
  });

  async function hello(msg: Record<string, unknown>): Promise<void> {
    const parsed = typeof msg.room === 'string' ? parseRoomName(msg.room) : undefined;
    const credential = typeof msg.token === 'string' ? credentialOf(msg.token) : undefined;
    if (msg.t !== 'hello' || !parsed || parsed.kind !== 'w' || parsed.sub !== 'events' || !credential || (await roomTag(credential)) !== parsed.tag) {
      ws.close(CLOSE.notMember, 'not a member');
      return;
    }
    const name = msg.room as string;
    if (!store.roomKnown || !(await store.roomKnown(name))) return void ws.close(CLOSE.notMember, 'not a member');
    if ((await store.meta(name))?.frozen) return void ws.close(CLOSE.frozen, 'room frozen');
    if (!book) return void answer({ t: 'error', error: 'no-intake' });
    room = name;
    answer({ t: 'ready' });
  }

  async function request(msg: Record<string, unknown>): Promise<void> {
    // The epoch may have ended since the hello.
    if ((await store.meta(room!))?.frozen) return void ws.close(CLOSE.frozen, 'room frozen');
    const intakeId = typeof msg.intakeId === 'string' && INTAKE_ID.test(msg.intakeId) ? msg.intakeId : null;
    const secret = typeof msg.secret === 'string' && SECRET.test(msg.secret) ? msg.secret : null;
    if (!intakeId || !secret || !book) return answer({ t: 'error', error: 'bad-request' });
    const reg = await book.registration(intakeId);
    const owner = ownerOf(secret);
    if (msg.t === 'register') {
      if (typeof msg.publicKey !== 'string' || !PUBLIC_KEY.test(msg.publicKey)) return answer({ t: 'error', error: 'bad-request' });
      // The first laptop claims the id; afterwards only a holder of the same secret may change its key.
      if (reg && !same(reg.owner, owner)) return answer({ t: 'error', error: 'not-owner' });
      if (!reg || reg.publicKey !== msg.publicKey) await book.register(intakeId, { publicKey: msg.publicKey, owner, registeredAt: now().toISOString() });
      return answer({ t: 'registered', intakeId });
    }
    if (!reg) return answer({ t: 'error', error: 'unknown-intake' });
    if (!same(reg.owner, owner)) return answer({ t: 'error', error: 'not-owner' });
    if (msg.t === 'fetch') return answer({ t: 'reports', intakeId, reports: await book.list(intakeId, INTAKE_FETCH_MAX) });
    if (msg.t === 'ack') {
      const ids = Array.isArray(msg.ids) ? msg.ids.filter((x): x is string => typeof x === 'string' && x.length <= 64).slice(0, INTAKE_FETCH_MAX) : [];
      await book.remove(intakeId, ids);
      return answer({ t: 'acked', intakeId, removed: ids.length });
    }
    answer({ t: 'error', error: 'bad-request' });
  }
}
