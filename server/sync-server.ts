/**
 * The standalone sync server: the standard Yjs websocket server (@y/websocket-server's
 * connection handler, the y-websocket protocol) with durable per-document update logs.
 * It relays and stores envelopes — ciphertext signed by devices — and never holds a key.
 * Started by `npm run server`, by tests in-process, and later by Electron main ("host
 * this incident on the LAN").
 */
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { docs, setPersistence, setupWSConnection, type WSSharedDoc } from '@y/websocket-server/utils';
import { UpdateLog } from './update-log';

export interface SyncServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Loopback unless told otherwise: exposing the server on the LAN is a deliberate choice. */
  host?: string;
  dataDir: string;
  tlsCert?: string;
  tlsKey?: string;
  /** Logs with more records than this are compacted when a document is loaded or unloaded. */
  compactAfter?: number;
}

export interface SyncServer {
  /** ws:// or wss:// address clients connect to (the room name goes after it). */
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

/** Room names are random ids; anything else is refused before a document is created. */
const ROOM = /^\/([A-Za-z0-9_-]{1,100})(?:\?.*)?$/;
/** Origin of updates replayed from disk, so they are not appended to the log a second time. */
const FROM_DISK = Symbol('from-disk');

let running = false;

function bindPersistence(log: UpdateLog, compactAfter: number) {
  const fds = new Map<WSSharedDoc, number>();
  setPersistence({
    provider: log,
    bindState: (name, doc) => {
      // Synchronous on purpose: the stored state is in the document before the handler
      // sends its first sync message to the client that caused the load.
      const records = log.load(name);
      Y.transact(doc, () => {
        for (const r of records) {
          try {
            Y.applyUpdate(doc, r);
          } catch (err) {
            console.error(`sync-server: skipped a damaged record of ${name}:`, err);
          }
        }
      }, FROM_DISK);
      if (records.length > compactAfter) log.compact(name, Y.encodeStateAsUpdate(doc));
      const fd = log.open(name);
      fds.set(doc, fd);
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== FROM_DISK && fds.has(doc)) log.append(fd, update);
      });
    },
    writeState: async (name, doc) => {
      const fd = fds.get(doc);
      if (fd === undefined) return;
      fds.delete(doc);
      log.close(fd);
      if (log.load(name).length > compactAfter) log.compact(name, Y.encodeStateAsUpdate(doc));
    },
  });
  return fds;
}

export async function startSyncServer(options: SyncServerOptions): Promise<SyncServer> {
  // The websocket handler keeps its documents and persistence in module state, so one
  // process hosts one server at a time.
  if (running) throw new Error('sync-server: a server is already running in this process');
  running = true;
  const host = options.host ?? '127.0.0.1';
  const tls = options.tlsCert && options.tlsKey;
  const log = new UpdateLog(options.dataDir);
  const fds = bindPersistence(log, options.compactAfter ?? 500);

  const onRequest = (_req: IncomingMessage, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('honbu sync\n');
  };
  const http: Server = tls
    ? createHttpsServer({ cert: readFileSync(options.tlsCert!), key: readFileSync(options.tlsKey!) }, onRequest)
    : createHttpServer(onRequest);
  // Large enough for a first sync of a busy incident (tens of thousands of envelopes).
  const wss = new WebSocketServer({ server: http, maxPayload: 256 * 1024 * 1024 });
  wss.on('connection', (conn: WebSocket, req: IncomingMessage) => {
    const room = ROOM.exec(req.url ?? '')?.[1];
    if (!room) {
      conn.close(1008, 'bad room');
      return;
    }
    setupWSConnection(conn, req, { docName: room });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port, host, () => resolve());
    });
  } catch (err) {
    running = false;
    setPersistence(null);
    throw err;
  }
  const port = (http.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  let closed: Promise<void> | undefined;
  return {
    url: `${tls ? 'wss' : 'ws'}://${shownHost}:${port}`,
    port,
    host,
    close() {
      closed ??= (async () => {
        for (const c of wss.clients) c.terminate();
        await new Promise<void>((r) => wss.close(() => r()));
        await new Promise<void>((r) => http.close(() => r()));
        // Documents whose last connection has not reported its close yet.
        for (const [name, doc] of docs) {
          const fd = fds.get(doc);
          if (fd !== undefined) {
            fds.delete(doc);
            log.close(fd);
          }
          doc.destroy();
          docs.delete(name);
        }
        setPersistence(null);
        running = false;
      })();
      return closed;
    },
  };
}
