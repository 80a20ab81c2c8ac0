/**
 * The team sync server: Hocuspocus (an established Yjs websocket server) with three
 * checks of our own, and storage on LevelDB (default) or Redis (several processes).
 *
 * - Membership at the door (onAuthenticate): the token is the room credential, and the
 *   document name must carry its tag (shared/sync/room.ts); otherwise nothing is sent
 *   and the socket is closed.
 * - Append-only (beforeHandleMessage): every update is checked before it is applied
 *   (shared/sync/append-only.ts); deletes, replacements and garbage close the connection
 *   with a reason and change nothing.
 * - Durable before acknowledged: an accepted update is written (fsync'ed / in the AOF)
 *   BEFORE it is applied, relayed, or answered with Hocuspocus' sync-status reply and our
 *   own ack; a failed write refuses the message and the client keeps it pending.
 * - Rooms that close (room-life.ts): a workspace room is frozen when its key epoch ends;
 *   an invite room lives only as long as its host said (≤ 24 h), then it is deleted.
 *
 * It relays and stores envelopes — ciphertext signed by devices — and never holds a key.
 * Started by `npm run server`, by tests in-process, and by Electron main (host mode).
 */
import { ConnectionSlots, type Slot } from './connection-slots';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { Hocuspocus, type Connection, type Document, type Extension } from '@hocuspocus/server';
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import { Redis } from 'ioredis';
import { checkAppendOnly } from '../shared/sync/append-only';
import { credentialOf, parseRoomName, roomTag, type ParsedRoom } from '../shared/sync/room';
import { DEFAULT_LIMITS, TokenBucket, type SyncLimits } from './limits';
import { parseStateless, RoomLife, type Room as RoomState } from './room-life';
import { RoomFrozenError, type UpdateStore } from './storage';
import { CLOSE } from '../shared/sync/close-codes';
import { LIST_PATH } from '../shared/contacts/list-wire';
import { handleListSocket } from './list-channel';
import { AlertRunner } from './alerts/runner';
import { handleAlertRequest, handleAlertSocket } from './alerts/http';
import { ALERT_SOCKET_PATH } from '../shared/alerts/job';
import { smtpMailer, type Mailer, type SmtpConfig } from './alerts/delivery';
import { INTAKE_WS_PATH } from '../shared/intake/wire';
import { intakeRoutes, type IntakeLimits } from './intake/route';
import { handleIntakeSocket } from './intake/channel';

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/**
 * This machine as teammates reach it, for a server listening on every address: its first
 * IPv4 address on a network (not loopback), else its name. `alertsUrl` (smtp.json,
 * --alerts-url) names it exactly where neither is right (a proxy, a DNS name).
 */
export function reachableHost(interfaces = networkInterfaces(), name = hostname()): string {
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return name;
}

export interface SyncServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Loopback unless told otherwise: exposing the server on the LAN is a deliberate choice. */
  host?: string;
  /** LevelDB directory (the default store). Ignored with `redis`. */
  dataDir: string;
  /** redis://… : store in Redis and share rooms with other server processes on the same Redis. */
  redis?: string;
  tlsCert?: string;
  tlsKey?: string;
  limits?: Partial<SyncLimits>;
  /** Documents with more records than this are compacted when loaded. */
  compactAfter?: number;
  /** Tests: a store to use instead of opening one (e.g. a fault-injecting wrapper). */
  store?: UpdateStore;
  /** How often expired invite rooms are looked for (ms; each also has its own timer). */
  sweepMs?: number;
  /** The intake page's limits (server/intake/route.ts; tests make them small). */
  intakeLimits?: Partial<IntakeLimits>;
  /** Alerts the host sends for the team (decision 018); absent: no SMTP server, webhooks only. */
  alerts?: AlertHostOptions;
}

export interface AlertHostOptions {
  smtp?: SmtpConfig;
  /** Tests: a mailer instead of SMTP. */
  mailer?: Mailer;
  /** The address one-time links point at (default: this server's own http(s) address). */
  publicUrl?: string;
  now?: () => number;
  webhookTimeoutMs?: number;
  backoffMs?: number;
  /** Tick interval of the runner; false: tests tick it themselves. */
  tickMs?: number | false;
  /** Escalations a team may have running at once. */
  maxRunningPerTeam?: number;
  /** Reminder jobs (decision 024) a team may have waiting at once, counted apart from escalations. */
  maxRemindersPerTeam?: number;
  /** Post to webhooks on this machine's loopback (a relay here; tests). Off: a member cannot reach the host's local services. */
  localWebhooks?: boolean;
  /** How long finished jobs and used or expired one-time links are kept (default 7 days). */
  retentionMs?: number;
}

export interface SyncServer {
  /** ws:// or wss:// address clients connect to. */
  url: string;
  port: number;
  host: string;
  /** The escalation runner (undefined on a store that keeps no alert records, e.g. a test double). */
  alerts?: AlertRunner;
  close(): Promise<void>;
}

/** The one sub-room of each kind that laptops open (sync-client.ts `events`, lobby.ts `lobby`). */
const ROOM_SUB = { w: 'events', i: 'lobby' } as const;

/** The Yjs clients an `ack?` message asks about (at most 16), or null when it is not one. */
function ackAsked(payload: string): number[] | null {
  const msg = parseStateless(payload);
  if (msg?.t !== 'ack?' || !Array.isArray(msg.c)) return null;
  return msg.c.filter((x): x is number => Number.isSafeInteger(x) && x >= 0).slice(0, 16);
}

/** Tells a laptop what the room holds of its Yjs clients: the `ack` its pushes wait for. */
function sendAck(connection: Connection, doc: Document, clients: Iterable<number>): void {
  const sv: Record<string, number> = {};
  for (const client of clients) sv[client] = Y.getState(doc.store, client);
  connection.sendStateless(JSON.stringify({ t: 'ack', sv }));
}

/** y-protocols / Hocuspocus message types (first varUint after the document name). */
const MSG = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3, syncReply: 4, stateless: 5, broadcastStateless: 6, close: 7 } as const;
const SYNC_STEP1 = 0;

/** Close codes the client acts on (4000–4999 are the application's). */
export { CLOSE };

/** A refusal thrown from a hook: Hocuspocus closes the document connection with it, we close the socket. */
class Refused extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

interface Socket {
  ws: WebSocket;
  slot: Slot;
  bytes: TokenBucket;
  messages: TokenBucket;
  awareness: TokenBucket;
  authenticated: boolean;
  preAuthBytes: number;
}

interface Room extends RoomState {
  parsed: ParsedRoom;
}

/**
 * Hocuspocus' Redis extension as a relay only: it carries live updates and presence between
 * processes. Storing is ours (each process stores what its clients send, before applying),
 * so the extension's store-time lock has nothing to guard.
 */
class Relay extends RedisExtension {
  override async onStoreDocument(): Promise<void> {}
  override async afterStoreDocument(): Promise<void> {}
}

const PRE_AUTH_BYTES = 256 * 1024;
const AUTH_WITHIN_MS = 15_000;

export async function startSyncServer(options: SyncServerOptions): Promise<SyncServer> {
  const limits: SyncLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const compactAfter = options.compactAfter ?? 200;
  // Loaded on demand: the desktop app imports this module at start-up, and a native store
  // binding that fails to load must not take the app down with it (only hosting).
  const store: UpdateStore =
    options.store ??
    (options.redis
      ? await (await import('./redis-store')).RedisStore.open(options.redis)
      : await (await import('./storage')).LevelStore.open(options.dataDir));
  // Keyed by the document object: a room unloaded and loaded again is a new document, and the
  // old one's late unload must not touch the new one's state.
  const rooms = new WeakMap<Document, Room>();
  const loaded = new Set<Room>();
  const sockets = new Map<WebSocket, Socket>();
  const slots = new ConnectionSlots(limits.connectionsPerAddress, limits.memberConnectionsPerAddress);

  const life = new RoomLife({ store, documents: () => hocuspocus.documents, rooms: (doc) => rooms.get(doc), sweepMs: options.sweepMs });
  const refuse = (socket: Socket | undefined, code: number, reason: string): never => {
    // After Hocuspocus has told the document's provider why, the socket goes: the client reconnects with backoff.
    if (socket) setImmediate(() => socket.ws.close(code, reason.slice(0, 120)));
    throw new Refused(code, reason);
  };

  async function accept(doc: Document, connection: Connection, socket: Socket, update: Uint8Array): Promise<void> {
    const room = rooms.get(doc);
    if (!room) return refuse(socket, CLOSE.refused, 'room not loaded');
    const check = checkAppendOnly(update, room.parsed.kind, { maxEnvelopeBytes: limits.maxEnvelopeBytes, maxSealedChars: 16 * 1024 });
    if (!check.ok) return refuse(socket, check.reason === 'too-large' ? CLOSE.tooLarge : CLOSE.refused, `refused: ${check.reason} (${check.detail})`);
    // Only what the room lacks is stored: a reconnecting client re-offers what it has. The
    // clock spans the check found say so without decoding the update again: nothing new
    // (every span ends within the room's state), all new (every span starts at or past it:
    // stored as it came, what a diff would give), or some of each (diffed).
    let news = false;
    let old = false;
    for (const [client, span] of check.spans) {
      const have = Y.getState(doc.store, client);
      if (span.to > have) news = true;
      if (span.from < have) old = true;
    }
    if (news) {
      const fresh = old ? Y.diffUpdate(update, Y.encodeStateVector(doc)) : update;
      if (room.frozen) refuse(socket, CLOSE.frozen, 'room frozen');
      if (room.parsed.kind === 'i' && !(await life.inviteOpen(doc.name))) refuse(socket, CLOSE.gone, 'invite closed');
      if (room.bytes + fresh.byteLength > limits.roomQuotaBytes) refuse(socket, CLOSE.tooLarge, 'refused: room quota reached');
      if (!room.admitted) {
        const admission = await store.admitRoom(doc.name, `${room.parsed.kind}.${room.parsed.tag}.`, limits);
        if (admission !== 'ok') refuse(socket, CLOSE.tooMany, `refused: ${admission}`);
        room.admitted = true;
      }
      try {
        await store.append(doc.name, fresh);
      } catch (err) {
        if (err instanceof RoomFrozenError) {
          room.frozen = true;
          refuse(socket, CLOSE.frozen, 'room frozen');
        }
        console.error(`sync-server: could not store an update of ${doc.name}:`, err instanceof Error ? err.message : err);
        refuse(socket, CLOSE.storage, 'storage failed; retry later');
      }
      room.bytes += fresh.byteLength;
      // Applied here, inside the room's queue, so the next message is diffed against it.
      // Hocuspocus then applies the original (a no-op) and sends its sync-status reply.
      Y.applyUpdate(doc, fresh, connection);
    }
    sendAck(connection, doc, check.clients);
  }

  const honbu: Extension = {
    async onAuthenticate({ token, documentName, context }) {
      const socket = (context as { socket?: Socket }).socket;
      const parsed = parseRoomName(documentName);
      const credential = credentialOf(token);
      if (!parsed || !credential || (await roomTag(credential)) !== parsed.tag) return refuse(socket, CLOSE.notMember, 'not a member');
      // Laptops use one room per epoch and one lobby per invite; any other name under a
      // credential (which a revoked laptop still holds) would be a room no freeze ever closes.
      if (parsed.sub !== ROOM_SUB[parsed.kind]) return refuse(socket, CLOSE.refused, 'refused: no such room');
      // An invite room that was used, withdrawn or has expired is gone for good.
      if (parsed.kind === 'i' && (await life.inviteClosed(documentName))) return refuse(socket, CLOSE.gone, 'invite closed');
      // A member's socket moves to its address's larger count of members' places (an office behind one address).
      if (socket && !slots.promote(socket.slot)) return refuse(socket, CLOSE.tooMany, 'too many connections from this address');
      if (socket) socket.authenticated = true;
    },

    /** A laptop opening an ended epoch's room learns at once that it is frozen (it then reads it and moves on). */
    async connected({ connection, documentName }) {
      const doc = hocuspocus.documents.get(documentName);
      const room = doc ? rooms.get(doc) : undefined;
      if (room?.frozen) connection.sendStateless(JSON.stringify({ t: 'frozen' }));
    },

    async onLoadDocument({ documentName, document }) {
      const parsed = parseRoomName(documentName)!;
      const records = await store.load(documentName);
      let bytes = 0;
      for (const r of records) bytes += r.byteLength;
      if (records.length > 0) {
        const merged = records.length === 1 ? records[0]! : Y.mergeUpdates(records);
        Y.applyUpdate(document, merged);
        if (records.length > compactAfter) {
          await store.compact(documentName, records.length, merged).catch((err: unknown) => console.error(`sync-server: compaction of ${documentName} failed:`, err));
          bytes = merged.byteLength;
        }
      }
      const frozen = parsed.kind === 'w' && (await store.meta(documentName))?.frozen === true;
      const room: Room = { parsed, bytes, admitted: records.length > 0, frozen, queue: Promise.resolve() };
      rooms.set(document, room);
      loaded.add(room);
    },

    async beforeUnloadDocument({ document }) {
      const room = rooms.get(document);
      if (room) loaded.delete(room);
    },

    async beforeHandleMessage({ update: data, document, connection }) {
      const socket = sockets.get(connection.webSocket);
      const decoder = decoding.createDecoder(data);
      decoding.readVarString(decoder);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MSG.sync:
        case MSG.syncReply: {
          const step = decoding.readVarUint(decoder);
          if (step === SYNC_STEP1) return;
          const update = decoding.readVarUint8Array(decoder);
          const room = rooms.get(document);
          if (!room || !socket) return refuse(socket, CLOSE.refused, 'room not loaded');
          const run = room.queue.then(() => accept(document, connection, socket, update));
          room.queue = run.catch(() => undefined);
          await run;
          return;
        }
        case MSG.awareness:
          if (data.byteLength > limits.awarenessBytes || (socket && !socket.awareness.take())) refuse(socket, CLOSE.rate, 'presence too large or too frequent');
          return;
        case MSG.auth:
        case MSG.queryAwareness:
        case MSG.close:
          return;
        case MSG.stateless:
          if (data.byteLength > 1024) refuse(socket, CLOSE.tooLarge, 'stateless message too large');
          return;
        default:
          return refuse(socket, CLOSE.refused, `refused: message type ${type}`);
      }
    },

    /**
     * Messages that close rooms (room-life.ts): `freeze` (a workspace room whose epoch
     * ended), `open` and `drop` (an invite room's host). Handled in the room's queue, so
     * an insert accepted before is stored and one after is refused.
     */
    async onStateless({ payload, document, documentName, connection }) {
      const room = rooms.get(document);
      if (!room) return;
      const asked = ackAsked(payload);
      // What the room holds of a laptop's Yjs clients, after what is queued before (stored, as
      // every update the document holds is): the ack a dropped connection lost.
      const run = room.queue.then(() => (asked ? sendAck(connection, document, asked) : life.onMessage(payload, documentName, document, room, connection)));
      room.queue = run.catch(() => undefined);
      await run.catch((err: unknown) => console.error(`sync-server: ${documentName}:`, err instanceof Error ? err.message : err));
    },
  };

  const extensions: Extension[] = [honbu];
  if (options.redis) {
    const url = options.redis;
    // The relay's own connections (publish and subscribe), separate from the store's.
    const createClient = () => new Redis(url).on('error', (err: Error) => console.error('sync-server: redis relay:', err.message));
    extensions.unshift(new Relay({ createClient, prefix: 'honbu-relay' }));
  }
  // (The constructor runs the extensions' onConfigure, which hands them this instance.)
  const hocuspocus = new Hocuspocus({ name: 'honbu', quiet: true, extensions, timeout: 30_000, debounce: 5000, maxDebounce: 30_000 });

  const host = options.host ?? '127.0.0.1';
  const tls = options.tlsCert && options.tlsKey;
  // The intake page (decision 019) and the one-time alert links (decision 018) are served over plain HTTP(S) requests.
  const intake = intakeRoutes(store, { limits: options.intakeLimits });
  let alerts: AlertRunner | undefined;
  let mailer: Mailer | undefined;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (intake.handle(req, res)) return;
    const plain = () => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('honbu sync\n');
    if (!alerts) return plain();
    handleAlertRequest(req, res, alerts, store).then(
      (handled) => handled || plain(),
      (err: unknown) => {
        console.error('sync-server: alerts:', err instanceof Error ? err.message : err);
        if (!res.headersSent) res.writeHead(500).end();
      },
    );
  };
  const http: Server = tls
    ? createHttpsServer({ cert: readFileSync(options.tlsCert!), key: readFileSync(options.tlsKey!) }, onRequest)
    : createHttpServer(onRequest);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  // Customer lists go over their own socket at /lists (decision 012); everything else is a room.
  const lists = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes + 64 });
  const intakeSockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  // The alert API for laptops (decision 018) at /alerts.
  const alertSockets = new WebSocketServer({ noServer: true, maxPayload: 128 * 1024 });
  http.on('upgrade', (req, sock, head) => {
    const path = (req.url ?? '/').split('?')[0];
    const target = path === LIST_PATH ? lists : path === INTAKE_WS_PATH ? intakeSockets : path === ALERT_SOCKET_PATH && alerts ? alertSockets : wss;
    target.handleUpgrade(req, sock, head, (ws) => target.emit('connection', ws, req));
  });
  /** Counts a socket against its address's cap of unproven sockets until it shows a member's credential (connection-slots.ts); null: refused and closed. */
  const admit = (ws: WebSocket, req: IncomingMessage): Slot | null => {
    const slot = slots.admit(req.socket.remoteAddress ?? '?');
    if (!slot) ws.close(CLOSE.tooMany, 'too many connections from this address');
    return slot;
  };
  const release = (slot: Slot) => slots.release(slot);
  lists.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    ws.on('error', (err) => console.error('sync-server: list socket error:', err.message));
    const slot = admit(ws, req);
    if (slot === null) return;
    ws.once('close', () => release(slot));
    handleListSocket(ws, store, limits, () => slots.promote(slot));
  });
  alertSockets.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    ws.on('error', (err) => console.error('sync-server: alert socket error:', err.message));
    const slot = admit(ws, req);
    if (slot === null) return;
    ws.once('close', () => release(slot));
    handleAlertSocket(ws, alerts!, store);
  });
  intakeSockets.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    ws.on('error', (err) => console.error('sync-server: intake socket error:', err.message));
    const slot = admit(ws, req);
    if (slot === null) return;
    ws.once('close', () => release(slot));
    handleIntakeSocket(ws, store);
  });
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    ws.on('error', (err) => console.error('sync-server: websocket error:', err.message));
    const slot = admit(ws, req);
    if (slot === null) return;
    const socket: Socket = {
      ws,
      slot,
      bytes: new TokenBucket(limits.bytesPerSecond, limits.burstBytes),
      messages: new TokenBucket(limits.messagesPerSecond, limits.burstMessages),
      awareness: new TokenBucket(limits.awarenessPerSecond, limits.awarenessPerSecond * 5),
      authenticated: false,
      preAuthBytes: 0,
    };
    sockets.set(ws, socket);
    // Registered before Hocuspocus' own listener, so it sees every message first.
    ws.on('message', (data: Buffer) => {
      if (!socket.bytes.take(data.byteLength) || !socket.messages.take()) {
        ws.close(CLOSE.rate, 'rate limit; retry later');
        return;
      }
      if (!socket.authenticated && (socket.preAuthBytes += data.byteLength) > PRE_AUTH_BYTES) ws.close(CLOSE.notMember, 'not a member');
    });
    const authTimer = setTimeout(() => {
      if (!socket.authenticated) ws.close(CLOSE.notMember, 'not a member');
    }, AUTH_WITHIN_MS);
    ws.once('close', () => {
      clearTimeout(authTimer);
      sockets.delete(ws);
      release(slot);
    });
    hocuspocus.handleConnection(ws, req, { socket });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port, host, () => resolve());
    });
  } catch (err) {
    life.stop();
    await store.close();
    throw err;
  }
  const port = (http.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  // A mailed acknowledge link must name an address people can open: listening on every address
  // (0.0.0.0, the desktop host's default), the link named 0.0.0.0, which opens nothing.
  const linkHost = WILDCARD_HOSTS.has(host) ? reachableHost() : shownHost;
  if (store.alertGet && store.alertPut && store.alertList && store.alertDel) {
    const a = options.alerts ?? {};
    alerts = await AlertRunner.open({
      store: { alertGet: store.alertGet.bind(store), alertPut: store.alertPut.bind(store), alertList: store.alertList.bind(store), alertDel: store.alertDel.bind(store), ...(store.alertExclusive ? { alertExclusive: store.alertExclusive.bind(store) } : {}) },
      mailer: (mailer = a.mailer ?? (a.smtp ? smtpMailer(a.smtp) : undefined)),
      publicUrl: a.publicUrl ?? `${tls ? 'https' : 'http'}://${linkHost}:${port}`,
      now: a.now,
      webhookTimeoutMs: a.webhookTimeoutMs,
      backoffMs: a.backoffMs,
      maxRunningPerTeam: a.maxRunningPerTeam,
      maxRemindersPerTeam: a.maxRemindersPerTeam,
      localWebhooks: a.localWebhooks,
      retentionMs: a.retentionMs,
    });
    if (a.tickMs !== false) alerts.start(a.tickMs ?? 5000);
  }

  let closed: Promise<void> | undefined;
  return {
    url: `${tls ? 'wss' : 'ws'}://${shownHost}:${port}`,
    port,
    host,
    alerts,
    close() {
      closed ??= (async () => {
        life.stop();
        await alerts?.idle();
        mailer?.close();
        for (const c of [...wss.clients, ...lists.clients, ...intakeSockets.clients, ...alertSockets.clients]) c.terminate();
        await new Promise<void>((r) => alertSockets.close(() => r()));
        await new Promise<void>((r) => wss.close(() => r()));
        await new Promise<void>((r) => lists.close(() => r()));
        await new Promise<void>((r) => intakeSockets.close(() => r()));
        await new Promise<void>((r) => http.close(() => r()));
        // Every accepted write is already stored; let queued ones finish before the store goes.
        await Promise.all([...loaded].map((r) => r.queue));
        for (const doc of hocuspocus.documents.values()) doc.destroy();
        hocuspocus.documents.clear();
        await hocuspocus.hooks('onDestroy', { instance: hocuspocus }).catch(() => undefined);
        if (!options.store) await store.close();
      })();
      return closed;
    },
  };
}
