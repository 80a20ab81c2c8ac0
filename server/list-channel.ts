/**
 * The customer-list channel (decision 012): a websocket at `/lists` beside the sync rooms,
 * through which laptops put and get sealed list packs by SHA-256, and a list's manifest
 * by a write-once slot name. Same door as the rooms: the first message carries the room
 * credential and the name of the epoch's events room, which must carry its tag, exist and
 * must not be frozen (an ended epoch: a revoked laptop's credential opens nothing here).
 * Blobs are namespaced by tag, within a byte quota per tag; a pack whose bytes do not hash
 * to its name is refused on the way in and dropped if found damaged on the way out.
 * Manifest slots are kept apart from packs: a pack request never reads, drops or fills a slot.
 * The room is checked again before every request, so a socket opened before its epoch
 * ended (a laptop revoked meanwhile) is closed like a new one. Bytes sent are paced to
 * the socket's rate as bytes received are limited by it, and a client that does not read
 * its answers is closed instead of making the server hold them.
 *
 * Frames after the hello are binary:
 *   request  op u8 | id u32 | key (43 chars, base64url) | body
 *   response status u8 | id u32 | body
 */
import type { WebSocket } from 'ws';
import { createHash } from 'node:crypto';
import { credentialOf, parseRoomName, roomTag } from '../shared/sync/room';
import { CLOSE } from '../shared/sync/close-codes';
import { LIST_OP, LIST_STATUS } from '../shared/contacts/list-wire';
import { TokenBucket, type SyncLimits } from './limits';
import type { UpdateStore } from './storage';

const KEY = /^[A-Za-z0-9_-]{43}$/;
const HELLO_WITHIN_MS = 15_000;
/** The sub-room every laptop syncs an epoch's events in (sync-client.ts), frozen when the epoch ends. */
const EPOCH_ROOM = 'events';
/** Answers waiting to be read by the client beyond this close the socket (an honest laptop asks a few packs ahead). */
const UNREAD_BYTES = 32 * 1024 * 1024;
/** Slots live beside packs in the tag's namespace, under a prefix no pack name (43 base64url characters) has. */
const slotKey = (key: string) => `s~${key}`;

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('base64url');

/** `onMember` hears that the socket said hello with a member's credential; false: no member's place is left, the socket is closed. */
export function handleListSocket(ws: WebSocket, store: UpdateStore, limits: SyncLimits, onMember: () => boolean = () => true): void {
  let tag: string | undefined;
  let room: string | undefined;
  const bucket = new TokenBucket(limits.listBytesPerSecond, limits.listBurstBytes);
  // Its own bucket: answers paced to the rate must not leave none for the asker's next request.
  const answers = new TokenBucket(limits.listBytesPerSecond, limits.listBurstBytes);
  const timer = setTimeout(() => tag === undefined && ws.close(CLOSE.notMember, 'not a member'), HELLO_WITHIN_MS);
  // A member's socket that asks nothing for a while is closed, so idle sockets do not hold
  // the address's connection slots; the clock runs only while no request is being answered.
  let idle: ReturnType<typeof setTimeout> | undefined;
  let pending = 0;
  const armIdle = () => {
    clearTimeout(idle);
    if (pending === 0 && tag !== undefined) idle = setTimeout(() => ws.close(CLOSE.idle, 'idle'), limits.listIdleMs);
  };
  ws.once('close', () => {
    clearTimeout(timer);
    clearTimeout(idle);
  });
  // One message at a time, in order: a put is durable before its answer, and answers keep the order of requests.
  let queue = Promise.resolve();
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!bucket.take(data.byteLength)) {
      ws.close(CLOSE.rate, 'rate limit; retry later');
      return;
    }
    pending++;
    clearTimeout(idle);
    queue = queue
      .then(() => (tag === undefined ? hello(data, isBinary) : request(data, isBinary)))
      .catch((err: unknown) => {
        console.error('sync-server: list channel:', err instanceof Error ? err.message : err);
        ws.close(CLOSE.storage, 'storage failed; retry later');
      })
      .finally(() => {
        pending--;
        armIdle();
      });
  });

  async function hello(data: Buffer, isBinary: boolean): Promise<void> {
    let msg: { t?: unknown; token?: unknown; room?: unknown } = {};
    try {
      if (!isBinary && data.byteLength < 1024) msg = JSON.parse(data.toString('utf8')) as typeof msg;
    } catch {
      // refused below
    }
    const parsed = typeof msg.room === 'string' ? parseRoomName(msg.room) : undefined;
    const credential = typeof msg.token === 'string' ? credentialOf(msg.token) : undefined;
    // Only the epoch's own room opens the door: its freeze ends the epoch, while other rooms
    // under the same credential (which a revoked laptop can still create) are never frozen.
    if (msg.t !== 'hello' || !parsed || parsed.kind !== 'w' || parsed.sub !== EPOCH_ROOM || !credential || (await roomTag(credential)) !== parsed.tag) {
      ws.close(CLOSE.notMember, 'not a member');
      return;
    }
    if (!store.roomKnown || !store.getBlob) {
      ws.close(CLOSE.refused, 'this server keeps no lists');
      return;
    }
    const name = msg.room as string;
    if (!(await store.roomKnown(name))) {
      ws.close(CLOSE.notMember, 'not a member');
      return;
    }
    if ((await store.meta(name))?.frozen) {
      ws.close(CLOSE.frozen, 'room frozen');
      return;
    }
    if (!onMember()) {
      ws.close(CLOSE.tooMany, 'too many connections from this address');
      return;
    }
    room = name;
    tag = parsed.tag;
    ws.send(JSON.stringify({ t: 'ready' }));
  }

  async function request(data: Buffer, isBinary: boolean): Promise<void> {
    if (!isBinary || data.byteLength < 48) {
      ws.close(CLOSE.refused, 'refused: not a list request');
      return;
    }
    const op = data.readUInt8(0);
    const id = data.readUInt32LE(1);
    const key = data.subarray(5, 48).toString('latin1');
    const body = new Uint8Array(data.buffer, data.byteOffset + 48, data.byteLength - 48);
    const answer = (status: number, bytes?: Uint8Array) => {
      const head = Buffer.alloc(5);
      head.writeUInt8(status, 0);
      head.writeUInt32LE(id, 1);
      ws.send(bytes ? Buffer.concat([head, bytes]) : head);
    };
    if (!KEY.test(key)) return answer(LIST_STATUS.bad);
    // The epoch may have ended since the hello: a revoked laptop's open socket goes too.
    if ((await store.meta(room!))?.frozen) {
      ws.close(CLOSE.frozen, 'room frozen');
      return;
    }
    const ns = tag!;
    // Answers are paced to the socket's rate (requests are handled one at a time, so this
    // slows the asker down instead of cutting off a large list); unread answers close it.
    const sent = async (found: Uint8Array): Promise<boolean> => {
      for (;;) {
        if (ws.bufferedAmount > UNREAD_BYTES) {
          ws.close(CLOSE.rate, 'answers not read; retry later');
          return false;
        }
        if (ws.readyState !== ws.OPEN) return false;
        if (found.byteLength > limits.listBurstBytes || answers.take(found.byteLength)) return true;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    switch (op) {
      case LIST_OP.get: {
        const found = await store.getBlob!(ns, key);
        if (!found) return answer(LIST_STATUS.missing);
        // A pack damaged on disk is dropped, so the laptop that has the list puts it again.
        if (sha(found) !== key) {
          await store.dropBlob!(ns, key);
          return answer(LIST_STATUS.missing);
        }
        if (await sent(found)) answer(LIST_STATUS.ok, found);
        return;
      }
      case LIST_OP.getSlot: {
        const found = await store.getBlob!(ns, slotKey(key));
        if (!found) return answer(LIST_STATUS.missing);
        if (await sent(found)) answer(LIST_STATUS.ok, found);
        return;
      }
      case LIST_OP.put:
      case LIST_OP.putSlot: {
        if (body.byteLength === 0 || body.byteLength > limits.maxMessageBytes) return answer(LIST_STATUS.bad);
        if (op === LIST_OP.put && sha(body) !== key) return answer(LIST_STATUS.bad);
        const at = op === LIST_OP.put ? key : slotKey(key);
        const done = await store.putBlob!(ns, at, body, limits.listQuotaBytes);
        if (done === 'quota') return answer(LIST_STATUS.quota);
        if (done === 'exists' && op === LIST_OP.putSlot) {
          // Write-once: the first manifest stays; the laptop is shown what is there.
          const there = (await store.getBlob!(ns, at))!;
          if (await sent(there)) answer(LIST_STATUS.taken, there);
          return;
        }
        return answer(LIST_STATUS.ok);
      }
      default:
        ws.close(CLOSE.refused, `refused: list op ${op}`);
    }
  }
}
