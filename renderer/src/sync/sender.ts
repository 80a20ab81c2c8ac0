/**
 * The sending half of the sync client: this laptop's own events, sealed under the current
 * epoch's key and signed in chunks (one signature per few hundred events), pushed into the
 * current room a few at a time,
 * so no message (nor a resync after a dropped connection) outgrows the server's size
 * limit. An own event is `pending` until the server acknowledges it is on disk; a frozen
 * room or a new epoch sends what it did not acknowledge again, into the next room.
 * Sealing happens at push time: one seal and one signature per chunk cost less than the
 * per-event sealing done while offline before chunks. An event too large for one record even
 * packed goes in parts, one per message, before anything after it (decision 069); one too
 * large even for that is set aside and reported, never pushed: it would be refused with every
 * reconnect and hold back everything after it (decision 064).
 */
import type { HonbuEvent } from '../../../shared/events/event';
import type { DeviceKey } from '../../../shared/sync/device-key';
import { packedPayload, sealChunk, sealChunkBytes } from '../../../shared/sync/chunk';
import { DEFAULT_APPEND_LIMITS } from '../../../shared/sync/append-only';
import type { EpochKeys } from '../../../shared/sync/epoch';
import { isChainEvent } from '../../../shared/sync/epoch-chain';
import { cutIntoParts, MAX_EVENT_PARTS, PART_BYTES, partName } from '../../../shared/sync/parts';
import type { EventStore } from '../data/event-store';
import type { RoomLink } from './room-link';

/**
 * Events looked at per update message, and their JSON per message (in characters, at most
 * three bytes each in UTF-8): far below the server's 4 MB limit.
 */
const CHUNK_EVENTS = 2000;
const MESSAGE_BYTES = 1024 * 1024;
/**
 * One signed chunk (shared/sync/chunk.ts): at most this many events and characters of
 * JSON (≤ 768 KB in UTF-8), within the server's 1 MB per record, so a chunk never outgrows
 * it (a single larger event goes alone, as it did in its own envelope).
 */
const CHUNK_MAX_EVENTS = 500;
const CHUNK_MAX_BYTES = 256 * 1024;
/** Bytes pushed and not yet acknowledged: bounds what a resync after a dropped connection re-sends. */
const IN_FLIGHT_BYTES = 2 * 1024 * 1024;
/**
 * The server refuses a record whose ciphertext is over this (shared/sync/append-only.ts), and
 * closes the connection (`refused: too-large`); a record pushed into the room's document goes
 * again with every reconnect, so one refused record would hold back everything behind it.
 * A chunk's ciphertext is its events' JSON in UTF-8, with `[`, `]` and commas, plus 29 bytes
 * (a version byte, the 12-byte IV, the 16-byte tag).
 */
const RECORD_LIMIT = DEFAULT_APPEND_LIMITS.maxEnvelopeBytes;
const SEAL_BYTES = 1 + 12 + 16;

/**
 * An own event too large for the sync server to store, even alone (decision 064). It is set
 * aside — kept on this laptop, not sent — so what follows it still reaches the team; the
 * app's one handler records this and shows its calm notice. Names the event's kind and size,
 * never its content.
 */
export class EventTooLargeError extends Error {
  constructor(
    readonly eventId: string,
    readonly eventType: string,
    readonly bytes: number,
  ) {
    super(`sync: a ${eventType} event of ${bytes} bytes is over the sync server's ${RECORD_LIMIT} bytes per record: kept on this laptop, not sent; the events after it are sent`);
    this.name = 'EventTooLargeError';
  }
}

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
  /** Largest packed event sent in parts (tests ask for less); beyond it an event is set aside. */
  maxEventBytes?: number;
}

/** An own event going in parts: the parts sealed as they go, pushed in order, one per message. */
interface InParts {
  ids: string[];
  plaintexts: Uint8Array<ArrayBuffer>[];
  next: number;
  /** The room its parts so far went to: a teammate joins only the parts of one room. */
  link?: RoomLink;
}

export class Sender {
  /** Own events not yet acknowledged by the server; `Sent` once pushed into a room. */
  private readonly pending = new Map<string, Sent | null>();
  /** Own events waiting to be pushed, in order (null: to be read back from the store). */
  private readonly outbox = new Map<string, HonbuEvent | null>();
  /** Own events too large for the server (EventTooLargeError): never pushed, not counted as pending. */
  private readonly tooLarge = new Set<string>();
  /** Own events going in parts (decision 069), and their parts pushed and not acknowledged yet. */
  private readonly inParts = new Map<string, InParts>();
  private readonly partsSent = new Map<string, Sent>();
  /**
   * Own events over one record as JSON, packed once (decision 066): one waiting behind others in
   * a full message was stringified and packed again at every look (a list of 500,000 rows: tens
   * of milliseconds each, per pump). Only while it waits.
   */
  private readonly packedOf = new WeakMap<HonbuEvent, Uint8Array<ArrayBuffer>>();
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

  /** Own events set aside as too large for the server, for as long as this client runs. */
  setAside(): string[] {
    return [...this.tooLarge];
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
    if (this.deps.present.has(e.id) || this.pending.has(e.id) || this.tooLarge.has(e.id)) return;
    this.pending.set(e.id, null);
    this.outbox.set(e.id, e);
  }

  /** Own events found missing from every room: send them again. */
  resend(ids: string[]): void {
    for (const id of ids) {
      if (this.deps.present.has(id) || this.outbox.has(id) || this.tooLarge.has(id)) continue;
      const sent = this.pending.get(id);
      if (sent) this.inFlight -= sent.bytes;
      this.pending.set(id, null);
      this.outbox.set(id, null);
    }
    this.pump();
  }

  /**
   * What was pushed into `link` (every room when null) and not acknowledged goes out again
   * later: the room was frozen, or the epoch changed. 
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
    // An event whose parts went into that room unacknowledged goes again whole, in new parts.
    for (const [id, sent] of this.partsSent) {
      if (link && sent.link !== link) continue;
      this.partsSent.delete(id);
      this.inFlight -= sent.bytes;
      const eventId = partName(id)?.eventId;
      if (!eventId || this.tooLarge.has(eventId)) continue;
      this.inParts.delete(eventId);
      this.deps.present.delete(eventId);
      if (this.outbox.has(eventId)) continue;
      n++;
      this.pending.set(eventId, null);
      this.outbox.set(eventId, null);
    }
    if (!link) this.inFlight = 0;
    return n;
  }

  /** The Yjs clients (of this laptop's connections to `link`) whose pushed items wait for their acknowledgement. */
  awaitingClients(link: RoomLink): number[] {
    const out = new Set<number>();
    for (const s of this.pending.values()) if (s?.link === link) out.add(s.client);
    for (const s of this.partsSent.values()) if (s.link === link) out.add(s.client);
    return [...out];
  }

  /** Whether anything pushed into `link` waits for its acknowledgement. */
  awaits(link: RoomLink): boolean {
    return [...this.pending.values(), ...this.partsSent.values()].some((s) => s?.link === link);
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
    for (const [id, sent] of this.partsSent) {
      if (sent.link !== link) continue;
      const upTo = sv[String(sent.client)];
      if (typeof upTo === 'number' && sent.clock < upTo) {
        this.partsSent.delete(id);
        this.inFlight -= sent.bytes;
        any = true;
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
    // Cut into signed chunks (one signature and one seal per chunk) within the message's
    // byte budget; the rest stays in the outbox for the next message.
    // A group with `packed` is one event too large for a record as JSON, sent packed (decision 066).
    // A group with `partOf` is one part of an event too large for a record even packed (decision 069).
    const groups: { ids: string[]; json: string[]; bytes: number; packed?: Uint8Array<ArrayBuffer>; partOf?: string }[] = [];
    let group: (typeof groups)[number] | undefined;
    let total = 0;
    const nextPart = (eventId: string, p: InParts) => ({ ids: [p.ids[p.next]!], json: [], bytes: p.plaintexts[p.next]!.byteLength, packed: p.plaintexts[p.next]!, partOf: eventId });
    for (const e of events) {
      if (present.has(e.id)) {
        this.outbox.delete(e.id);
        this.pending.delete(e.id);
        this.packedOf.delete(e);
        continue;
      }
      // An event going in parts: its next part, in a message of its own; what follows it waits.
      const going = this.inParts.get(e.id);
      if (going) {
        // Its first parts went to a room this laptop no longer writes to (a new epoch, even with
        // them all acknowledged there): all its parts go again, into this one.
        if (going.next > 0 && going.link !== this.deps.link()) going.next = 0;
        if (groups.length === 0) groups.push(nextPart(e.id, going));
        break;
      }
      const known = this.packedOf.get(e);
      const json = known ? '' : JSON.stringify(e);
      if (known || this.overLimit(json)) {
        // Its long lists of rows packed as integers and the rest deflated: a post batch of
        // everyone at 20M customers is a few hundred bytes so. Too large even then: in parts.
        const packed = known ?? packedPayload([e]);
        // Kept only while it waits for the next message; once pushed or cut, not held twice.
        this.packedOf.delete(e);
        if (packed.byteLength + SEAL_BYTES > RECORD_LIMIT) {
          if (!this.fitsInParts(e.id, packed.byteLength)) {
            this.setAsideTooLarge(e, packed.byteLength);
            continue;
          }
          if (groups.length > 0) {
            this.packedOf.set(e, packed);
            break;
          }
          const p = { ...(await cutIntoParts(e.id, packed)), next: 0 };
          this.inParts.set(e.id, p);
          groups.push(nextPart(e.id, p));
          break;
        }
        if (total > 0 && total + packed.byteLength > MESSAGE_BYTES) {
          this.packedOf.set(e, packed);
          break;
        }
        groups.push({ ids: [e.id], json: [], bytes: packed.byteLength, packed });
        group = undefined;
        total += packed.byteLength;
        continue;
      }
      if (total > 0 && total + json.length > MESSAGE_BYTES) break;
      if (!group || group.ids.length >= CHUNK_MAX_EVENTS || group.bytes + json.length > CHUNK_MAX_BYTES) {
        group = { ids: [], json: [], bytes: 0 };
        groups.push(group);
      }
      group.ids.push(e.id);
      group.json.push(json);
      group.bytes += json.length;
      total += json.length;
    }
    if (groups.length === 0) return;
    const chunks = await Promise.all(groups.map((g) => (g.packed ? sealChunkBytes(g.ids, g.packed, epoch, device) : sealChunk(g.ids, g.json, epoch, device))));
    const link = this.deps.link();
    if (!link?.live || link.epoch !== epoch) return;
    const { client, base } = link.push(chunks);
    const starts = new Set(this.deps.candidates(epoch.epoch));
    let startsNext = -1;
    groups.forEach((g, i) => {
      if (g.partOf) {
        this.partPushed(g.partOf, g.ids[0]!, { link, client, clock: base + i, bytes: g.bytes + 64 });
        return;
      }
      g.ids.forEach((id, j) => {
        this.outbox.delete(id);
        present.add(id);
        const size = (g.packed ? g.packed.byteLength : g.json[j]!.length) + 64;
        this.pending.set(id, { link, client, clock: base + i, bytes: size });
        this.inFlight += size;
        if (starts.has(id)) startsNext = i;
      });
    });
    // This laptop starts the next epoch: freeze the room right behind it (and behind the
    // revocations pushed with it), so the revoked laptop has no time to answer in it.
    if (startsNext >= 0) link.freeze({ client, clock: base + groups.length - 1 });
    this.deps.changed();
  }

  /** A part pushed: counted in flight until acknowledged; the event is pushed once its last part is. */
  private partPushed(eventId: string, id: string, sent: Sent): void {
    const p = this.inParts.get(eventId);
    if (!p) return;
    this.partsSent.set(id, sent);
    this.inFlight += sent.bytes;
    p.link = sent.link;
    p.next++;
    if (p.next < p.ids.length) return;
    this.inParts.delete(eventId);
    this.outbox.delete(eventId);
    this.deps.present.add(eventId);
    // Acknowledged with its last part: the server stores a laptop's pushes in order.
    this.pending.set(eventId, { ...sent, bytes: 0 });
  }

  /** Whether a packed event of `bytes` can go in parts (within the bound, and its id leaves room for the part's). */
  private fitsInParts(eventId: string, bytes: number): boolean {
    const max = this.deps.maxEventBytes ?? MAX_EVENT_PARTS * PART_BYTES;
    return bytes <= max && partName(`${eventId}:part:0:2:00000000`) !== undefined;
  }

  /** Whether an event alone would make a record the server refuses (counted in UTF-8 only when it might). */
  private overLimit(json: string): boolean {
    if (json.length * 3 + 2 + SEAL_BYTES <= RECORD_LIMIT) return false;
    // At least a byte a character: over without encoding 170 MB to count it.
    if (json.length + 2 + SEAL_BYTES > RECORD_LIMIT) return true;
    return utf8Bytes(json) + 2 + SEAL_BYTES > RECORD_LIMIT;
  }

  /** Keeps the event on this laptop, out of every message, and says so once through the app's one handler. */
  private setAsideTooLarge(e: HonbuEvent, bytes: number): void {
    this.outbox.delete(e.id);
    this.pending.delete(e.id);
    this.tooLarge.add(e.id);
    this.deps.fault(new EventTooLargeError(e.id, e.type, bytes));
    this.deps.changed();
  }
}

const encoder = new TextEncoder();
const utf8Bytes = (s: string): number => encoder.encode(s).byteLength;
