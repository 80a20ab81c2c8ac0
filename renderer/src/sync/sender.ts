/**
 * The sending half of the sync client: this laptop's own events, sealed under the current
 * epoch's key and signed, pushed into the current room in bounded chunks, a few at a time,
 * so no message (nor a resync after a dropped connection) outgrows the server's size
 * limit. An own event is `pending` until the server acknowledges it is on disk; a frozen
 * room or a new epoch sends what it did not acknowledge again, into the next room.
 */
import type { HonbuEvent } from '../../../shared/events/event';
import type { DeviceKey } from '../../../shared/sync/device-key';
import { sealEnvelope, type Envelope } from '../../../shared/sync/envelope';
import type { EpochKeys } from '../../../shared/sync/epoch';
import { isChainEvent } from '../../../shared/sync/epoch-chain';
import type { EventStore } from '../data/event-store';
import type { RoomLink } from './room-link';

/** Envelopes per update message, and ciphertext bytes per message: far below the server's 4 MB limit. */
const CHUNK_EVENTS = 2000;
const CHUNK_BYTES = 1024 * 1024;
/** Bytes pushed and not yet acknowledged: bounds what a resync after a dropped connection re-sends. */
const IN_FLIGHT_BYTES = 2 * 1024 * 1024;
const MAX_PRESEALED = 20_000;

interface Sent {
  link: RoomLink;
  client: number;
  clock: number;
  bytes: number;
}

export interface SenderDeps {
  store: EventStore;
  device: DeviceKey;
  /** Own ids with a verified copy in some room (the receiver's). */
  present: Set<string>;
  /** The room written to now, if any. */
  link: () => RoomLink | undefined;
  epoch: () => EpochKeys;
  /** Ids of the events that start the epoch after `epoch` (known so far). */
  candidates: (epoch: number) => string[];
  changed: () => void;
  fault: (err: unknown) => void;
}

export class Sender {
  /** Own events not yet acknowledged by the server; `Sent` once pushed into a room. */
  private readonly pending = new Map<string, Sent | null>();
  /** Own events waiting to be pushed, in order (null: to be read back from the store). */
  private readonly outbox = new Map<string, HonbuEvent | null>();
  /**
   * Envelopes sealed and signed as own events are made (while offline too), so a reconnect
   * after a long offline stretch only sends; bounded, beyond it sealing waits for the push.
   */
  private readonly sealed = new Map<string, Promise<Envelope>>();
  private inFlight = 0;
  private pumping = false;
  /** Sending has its own queue: a long catch-up being received must not hold back what this laptop sends. */
  private sending: Promise<void> = Promise.resolve();
  stopped = false;

  constructor(private readonly deps: SenderDeps) {}

  get size(): number {
    return this.pending.size;
  }

  ids(): string[] {
    return [...this.pending.keys()];
  }

  has(id: string): boolean {
    return this.pending.has(id);
  }

  /** The sending work queued so far (a new promise whenever more is queued). */
  get work(): Promise<void> {
    return this.sending;
  }

  /** A new own event: to be sent unless a copy is already in a room. */
  add(e: HonbuEvent): void {
    if (this.deps.present.has(e.id) || this.pending.has(e.id)) return;
    this.pending.set(e.id, null);
    this.outbox.set(e.id, e);
    if (this.sealed.size < MAX_PRESEALED) this.sealed.set(e.id, sealEnvelope(e, this.deps.epoch(), this.deps.device));
  }

  /** Own events found missing from every room: send them again. */
  resend(ids: string[]): void {
    for (const id of ids) {
      if (this.deps.present.has(id) || this.outbox.has(id)) continue;
      const sent = this.pending.get(id);
      if (sent) this.inFlight -= sent.bytes;
      this.pending.set(id, null);
      this.outbox.set(id, null);
    }
    this.pump();
  }

  /**
   * What was pushed into `link` (every room when null) and not acknowledged goes out again
   * later: the room was frozen, or the epoch changed. Presealed envelopes of an old epoch go.
   */
  requeue(link: RoomLink | null): number {
    let n = 0;
    for (const [id, sent] of this.pending) {
      if (!sent || (link && sent.link !== link)) continue;
      this.deps.present.delete(id);
      this.pending.set(id, null);
      this.outbox.set(id, null);
      this.inFlight -= sent.bytes;
      n++;
    }
    if (!link) {
      this.sealed.clear();
      this.inFlight = 0;
    }
    return n;
  }

  /** Whether anything pushed into `link` waits for its acknowledgement. */
  awaits(link: RoomLink): boolean {
    return [...this.pending.values()].some((s) => s?.link === link);
  }

  /**
   * The server's acknowledgement in `link`: its state for the clients of an update it
   * stored. Says whether it acknowledged anything, and whether that included an event
   * starting the next epoch.
   */
  acked(link: RoomLink, sv: Record<string, unknown>): { any: boolean; chain: boolean } {
    let any = false;
    let chain = false;
    const starts = this.deps.candidates(link.epoch.epoch);
    for (const [id, sent] of this.pending) {
      if (!sent || sent.link !== link) continue;
      const upTo = sv[String(sent.client)];
      if (typeof upTo === 'number' && sent.clock < upTo) {
        this.pending.delete(id);
        this.inFlight -= sent.bytes;
        any = true;
        if (starts.includes(id)) chain = true;
      }
    }
    if (any) this.pump();
    return { any, chain };
  }

  /** Pushes own events in chunks while the current room is live and not too much is unacknowledged. */
  pump(): void {
    if (this.pumping || this.stopped) return;
    this.pumping = true;
    this.sending = this.sending.then(async () => {
      try {
        while (this.deps.link()?.live && this.outbox.size > 0 && this.inFlight < IN_FLIGHT_BYTES) {
          if ([...this.outbox.values()].includes(null)) await this.readBack();
          // Once a next epoch is on its way, only the events that start it (and the
          // revocations beside them) still go to this room: the rest waits for the next
          // one, which the revoked laptop cannot read.
          const hold = this.deps.candidates(this.deps.epoch().epoch).length > 0;
          const chunk: HonbuEvent[] = [];
          for (const e of this.outbox.values()) {
            if (chunk.length >= CHUNK_EVENTS) break;
            if (e && (!hold || isChainEvent(e))) chunk.push(e);
          }
          if (chunk.length === 0) break;
          await this.pushChunk(chunk);
        }
      } catch (err) {
        this.deps.fault(err);
      } finally {
        this.pumping = false;
      }
    });
  }

  /** Own events to re-send that are not in memory: one read of the store fills them all in. */
  private async readBack(): Promise<void> {
    const byId = new Map((await this.deps.store.readEvents()).map((e) => [e.id, e]));
    for (const [id, e] of this.outbox) {
      const found = e ?? byId.get(id);
      if (found) this.outbox.set(id, found);
      else {
        this.outbox.delete(id);
        this.pending.delete(id);
      }
    }
  }

  private async pushChunk(events: HonbuEvent[]): Promise<void> {
    const { device, present } = this.deps;
    const epoch = this.deps.epoch();
    const fresh = events.filter((e) => {
      if (!present.has(e.id)) return true;
      this.outbox.delete(e.id);
      this.sealed.delete(e.id);
      this.pending.delete(e.id);
      return false;
    });
    const sealed = await Promise.all(
      fresh.map(async (e) => {
        const pre = await this.sealed.get(e.id);
        // Sealed before an epoch change: seal again under the key of the room it goes to.
        return pre && pre.e === epoch.epoch ? pre : sealEnvelope(e, epoch, device);
      }),
    );
    // Cut at the byte budget; the rest stays in the outbox for the next chunk.
    const envelopes: Envelope[] = [];
    let bytes = 0;
    for (const env of sealed) {
      if (envelopes.length > 0 && bytes + env.ct.byteLength > CHUNK_BYTES) break;
      envelopes.push(env);
      bytes += env.ct.byteLength + 200;
    }
    const link = this.deps.link();
    if (envelopes.length === 0 || !link?.live || link.epoch !== epoch) return;
    const { client, base } = link.push(envelopes);
    const starts = this.deps.candidates(epoch.epoch);
    let startsNext = false;
    envelopes.forEach((env, i) => {
      this.outbox.delete(env.id);
      this.sealed.delete(env.id);
      present.add(env.id);
      const size = env.ct.byteLength + 200;
      this.pending.set(env.id, { link, client, clock: base + i, bytes: size });
      this.inFlight += size;
      if (starts.includes(env.id)) startsNext = true;
    });
    // This laptop starts the next epoch: freeze the room right behind it (and behind the
    // revocations pushed with it), so the revoked laptop has no time to answer in it.
    if (startsNext) link.freeze({ client, clock: base + envelopes.length - 1 });
    this.deps.changed();
  }
}
