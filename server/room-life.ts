/**
 * How rooms end, enforced by the server (stateless messages from a holder of the room's
 * credential; nothing here needs or sees a key):
 *
 * - `{ t: 'freeze', client?, clock? }` in a workspace room: its key epoch ended (with
 *   `client`/`clock`, only if the room holds that item). Stored durably, then every
 *   insert is refused (the store refuses atomically, even across processes sharing Redis)
 *   and every connection is told `{ t: 'frozen' }`; reading goes on.
 * - `{ t: 'open', ttlMs, owner }` in an invite room, the host's first message: the room
 *   lives at most `ttlMs` (capped at 24 h, counted on the server's clock); `owner` is the
 *   SHA-256 of a secret only the host holds. Nothing can be written before it is opened.
 *   Answered with `{ t: 'opened', expiresAt }`.
 * - `{ t: 'drop', secret }` in an invite room: the host withdraws it (used or cancelled).
 * - Expiry: a timer per opened room and a periodic sweep (for rooms opened before a
 *   restart) delete an expired room's records and close its connections. What remains is a
 *   marker refusing connections, removed a day after the expiry.
 */
import type { Connection, Document } from '@hocuspocus/server';
import * as Y from 'yjs';
import { fromBase64Url, toBase64Url } from '../shared/vault/bytes';
import type { RoomKind } from '../shared/sync/room';
import type { RoomMeta, UpdateStore } from './storage';

/** What the server keeps per loaded document that this file reads and changes. */
export interface Room {
  parsed: { kind: RoomKind };
  bytes: number;
  admitted: boolean;
  /** A workspace room whose epoch ended (as this process last saw it; the store has the final word). */
  frozen: boolean;
  /** Writes to one document happen one at a time, in arrival order. */
  queue: Promise<unknown>;
}

export const MAX_INVITE_TTL_MS = 24 * 60 * 60 * 1000;
const MIN_INVITE_TTL_MS = 1000;
/** How long a used or expired invite room keeps refusing connections after its expiry. */
const GONE_KEPT_MS = 24 * 60 * 60 * 1000;

export interface RoomLifeDeps {
  store: UpdateStore;
  documents: () => Map<string, Document>;
  rooms: (doc: Document) => Room | undefined;
  sweepMs?: number;
  now?: () => number;
}

const sha256 = async (bytes: Uint8Array<ArrayBuffer>) => toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));

/** A stateless message's JSON object, or null when it is not one. */
export function parseStateless(payload: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(payload);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export class RoomLife {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly sweeper: ReturnType<typeof setInterval>;
  private readonly now: () => number;
  private sweeping: Promise<void> | undefined;

  constructor(private readonly deps: RoomLifeDeps) {
    this.now = deps.now ?? Date.now;
    this.sweeper = setInterval(() => void this.sweep(), deps.sweepMs ?? 60_000);
    this.sweeper.unref?.();
  }

  stop(): void {
    clearInterval(this.sweeper);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** Whether an invite room refuses connections: used, withdrawn or expired. */
  async inviteClosed(doc: string): Promise<boolean> {
    const meta = await this.deps.store.meta(doc);
    if (!meta) return false;
    if (meta.gone) return true;
    if (meta.expiresAt !== undefined && meta.expiresAt <= this.now()) {
      await this.expire(doc, meta);
      return true;
    }
    return false;
  }

  /** Whether an invite room takes inserts: opened by its host, not closed. */
  async inviteOpen(doc: string): Promise<boolean> {
    const meta = await this.deps.store.meta(doc);
    return meta?.expiresAt !== undefined && !meta.gone && meta.expiresAt > this.now();
  }

  async onMessage(payload: string, doc: string, document: Document, room: Room, connection: Connection): Promise<void> {
    const msg = parseStateless(payload);
    if (!msg) return;
    if (room.parsed.kind === 'w' && msg.t === 'freeze') {
      // `client`/`clock`: freeze only once that item is stored (the epoch-started event the
      // sender pushed just before); if its push was refused, the room stays open.
      if (typeof msg.client === 'number' && typeof msg.clock === 'number' && !(Y.getState(document.store, msg.client) > msg.clock)) return;
      return this.freeze(doc, document, room);
    }
    if (room.parsed.kind !== 'i') return;
    if (msg.t === 'open' && typeof msg.ttlMs === 'number' && typeof msg.owner === 'string') return this.open(doc, msg.ttlMs, msg.owner, connection);
    if (msg.t === 'drop' && typeof msg.secret === 'string') return this.drop(doc, msg.secret, room);
  }

  private async freeze(doc: string, document: Document, room: Room): Promise<void> {
    const meta = (await this.deps.store.meta(doc)) ?? {};
    if (!meta.frozen) await this.deps.store.setMeta(doc, { ...meta, frozen: true });
    room.frozen = true;
    document.broadcastStateless(JSON.stringify({ t: 'frozen' }));
  }

  private async open(doc: string, ttlMs: number, owner: string, connection: Connection): Promise<void> {
    let meta = await this.deps.store.meta(doc);
    if (!meta) {
      if (!/^[A-Za-z0-9_-]{43}$/.test(owner) || !Number.isFinite(ttlMs)) return;
      const ttl = Math.min(Math.max(ttlMs, MIN_INVITE_TTL_MS), MAX_INVITE_TTL_MS);
      meta = { expiresAt: this.now() + ttl, owner };
      await this.deps.store.setMeta(doc, meta);
    } else if (meta.owner !== owner || meta.gone) return; // someone else's room (or over): no answer
    this.schedule(doc, meta.expiresAt!);
    connection.sendStateless(JSON.stringify({ t: 'opened', expiresAt: meta.expiresAt }));
  }

  private async drop(doc: string, secret: string, room: Room): Promise<void> {
    const meta = await this.deps.store.meta(doc);
    if (!meta?.owner || meta.gone) return;
    let hash: string;
    try {
      hash = await sha256(fromBase64Url(secret));
    } catch {
      return;
    }
    if (hash !== meta.owner) return;
    await this.close(doc, meta, 'invite withdrawn');
    room.bytes = 0;
    room.admitted = false;
  }

  private schedule(doc: string, expiresAt: number): void {
    if (this.timers.has(doc)) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(doc);
        void this.deps.store
          .meta(doc)
          .then((m) => (m && !m.gone ? this.expire(doc, m) : undefined))
          .catch((err: unknown) => console.error(`sync-server: expiring ${doc}:`, err instanceof Error ? err.message : err));
      },
      Math.max(0, expiresAt - this.now()),
    );
    timer.unref?.();
    this.timers.set(doc, timer);
  }

  private async expire(doc: string, meta: RoomMeta): Promise<void> {
    const document = this.deps.documents().get(doc);
    const room = document ? this.deps.rooms(document) : undefined;
    // In the room's queue when it is loaded, so no insert lands between the check and the delete.
    const run = async () => this.close(doc, meta, 'invite expired');
    if (room) {
      const p = room.queue.then(run);
      room.queue = p.catch(() => undefined);
      await p;
      room.bytes = 0;
      room.admitted = false;
    } else await run();
  }

  /** Deletes the room's records (the offer and requests), keeps a marker refusing connections, closes its connections. */
  private async close(doc: string, meta: RoomMeta, reason: string): Promise<void> {
    clearTimeout(this.timers.get(doc));
    this.timers.delete(doc);
    await this.deps.store.drop(doc);
    await this.deps.store.setMeta(doc, { gone: true, expiresAt: meta.expiresAt ?? this.now() });
    const document = this.deps.documents().get(doc);
    for (const c of document?.getConnections() ?? []) c.close({ code: 1000, reason });
  }

  /** Expires what a timer missed (a restart) and forgets markers of long-gone rooms. */
  private sweep(): Promise<void> {
    this.sweeping ??= (async () => {
      try {
        const now = this.now();
        for (const { doc, meta } of await this.deps.store.inviteMetas()) {
          if (meta.gone) {
            if ((meta.expiresAt ?? 0) + GONE_KEPT_MS < now) await this.deps.store.setMeta(doc, undefined);
          } else if (meta.expiresAt !== undefined && meta.expiresAt <= now) await this.expire(doc, meta);
        }
      } catch (err) {
        console.error('sync-server: invite sweep:', err instanceof Error ? err.message : err);
      } finally {
        this.sweeping = undefined;
      }
    })();
    return this.sweeping;
  }
}
