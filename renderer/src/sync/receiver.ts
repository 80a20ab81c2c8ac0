/**
 * The receiving half of the sync client: whatever lands in (or leaves) an epoch's room is
 * checked here, one batch at a time on one work queue. Chunks of others (and single-event
 * envelopes written before chunks) are verified against the roster — one signature per
 * chunk — and opened with the key of the room they were found in, then folded into the
 * store a batch of chunks per transaction; this laptop's own chunks are only checked for
 * its signature, and make their ids "present" (sent, no need to re-send) only when that
 * check passes: a chunk counts whole or not at all. A deleted or
 * forged copy of an own event leaves it missing, and the client sends it again.
 */
import { parseEvent, type AnyEvent } from '../../../shared/events/registry';
import { isProfileOfAnother } from '../../../shared/people/profile';
import { isSignedItem, itemDevice, itemIds, itemPart, openAssembled, openItem, type OpenedItem } from '../../../shared/sync/chunk';
import { PartAssembler, partId, type OpenedPart } from '../../../shared/sync/parts';
import { importVerifyKey, type DeviceKey } from '../../../shared/sync/device-key';
import type { EpochSeal, RejectReason } from '../../../shared/sync/envelope';
import { isRosterEvent, type Roster, type RosterRefusal } from '../../../shared/sync/roster';
import { RoleBook } from '../../../shared/roles/book';
import type { AccessRole } from '../../../shared/roles/model';
import type { EventStore } from '../data/event-store';

export interface Rejection {
  /**
   * 'invalid-event': opened and signed, but not an event this version accepts (see detail).
   * 'profile-of-another': a profile event whose person is not its author's. 'refused-device':
   * signed by a laptop whose addition the roster refused (named as another person's); held, not applied.
   */
  reason: RejectReason | RosterRefusal | 'invalid-event' | 'role-refused' | 'profile-of-another' | 'refused-device';
  id?: string;
  /** A refused chunk: every event id it claimed (none of them was stored). */
  ids?: string[];
  device?: string;
  /** What was wrong, naming the field (for 'invalid-event'). Never a payload value. */
  detail?: string;
  /** For 'role-refused': the kind of event, who wrote it (person id) and the roles that may. */
  kind?: string;
  person?: string;
  needs?: AccessRole[];
  at: number;
}

/**
 * Remote events are folded a batch at a time (whole chunks, about this many events) so one
 * huge catch-up does not hold one giant transaction, nor one transaction per chunk.
 */
const APPLY_EVENTS = 2000;
const MAX_REJECTIONS = 1000;
/** Envelopes from unknown devices kept for a roster event still on its way; beyond this, a flood. */
const MAX_HELD = 20_000;

export interface ReceiverDeps {
  store: EventStore;
  roster: Roster;
  device: DeviceKey;
  /** Ids in the local store (shared with the client, which adds its own). */
  known: Set<string>;
  now: () => number;
  changed: () => void;
  /** Own events found missing from the shared log (a copy deleted, or a forged one seen). */
  ownMissing: (ids: string[]) => void;
  /** Events accepted from the room of `epoch` (after they are stored). */
  accepted?: (events: AnyEvent[], epoch: number) => void;
  /** A fault while receiving (not a refused envelope: those are rejections). */
  onError?: (error: unknown) => void;
  /** Who holds which role: an event its author's role did not allow is refused (held, and judged again when roles change). */
  roles?: RoleBook;
}

/** An item (a chunk, or a single-event envelope of before) and the room (epoch) it was found in. */
interface Found {
  v: unknown;
  room: EpochSeal;
}

/**
 * An event joined from its parts, kept as opened (held for its author's role, it is judged
 * again as it is; its parts are no longer held). A symbol: nothing from the network has one.
 */
const WHOLE = Symbol('whole event');
type Whole = { [WHOLE]: OpenedItem };
const isWhole = (v: unknown): v is Whole => typeof v === 'object' && v !== null && WHOLE in v;
/** Ids claimed by the parts of events not yet whole: at most this many (beyond, a flood). */
const MAX_CLAIMS = 10_000;


/** Without a handler (tests, tools), a fault is at least printed. */
// eslint-disable-next-line no-console -- a receiver without the app's handler (tests, tools) still prints its faults
const logError = (err: unknown) => console.error('sync: ', err);

export class Receiver {
  /** Own event ids with a copy signed by this device in the shared array. */
  readonly present = new Set<string>();
  private readonly held = new Map<string, Found>();
  /** Envelopes refused because their author lacked the role: judged again when a role event arrives. */
  private readonly roleHeld = new Map<string, Found>();
  /** Held items of a device whose addition the roster refused, already listed as refused. */
  private readonly listedRefused = new Set<string>();
  private readonly rejections: Rejection[] = [];
  private readonly rejectionListeners = new Set<(r: Rejection) => void>();
  private rejectedCount = 0;
  private receiving = 0;
  private incoming: Found[] = [];
  private ownIncoming: Found[] = [];
  private work: Promise<void> = Promise.resolve();
  private ownKey: Promise<CryptoKey> | undefined;
  /** Parts of others' events too large for one record, held until each event is whole (decision 069). */
  private readonly parts = new PartAssembler();
  /**
   * Which laptop's parts first named an event id not stored yet. A part shows its event's id
   * before the event is whole: another member reading it there may not sign an event (or parts)
   * of its own under that id, to take its place or to make the real one's parts be let go.
   */
  private readonly claims = new Map<string, string>();
  /** Own parts verified in a room, per event and fragmentation: the event is present once all are. */
  private readonly ownParts = new Map<string, Set<number>>();
  /** `<epoch>/<event id>` of own events whose parts are all verified in that epoch's room. */
  private readonly ownWhole = new Set<string>();

  constructor(private readonly deps: ReceiverDeps) {
    // A role given later (by clock, before the held event) makes it count: look again.
    deps.roles?.subscribe(() => {
      if (this.roleHeld.size === 0) return;
      this.incoming.push(...this.roleHeld.values());
      this.roleHeld.clear();
      this.enqueue(() => this.drain());
    });
  }

  enqueue(task: () => Promise<void>): void {
    this.work = this.work.then(task).catch((err: unknown) => (this.deps.onError ?? logError)(err));
  }

  async idle(): Promise<void> {
    for (;;) {
      const w = this.work;
      await w;
      if (w === this.work && this.incoming.length === 0 && this.ownIncoming.length === 0) return;
    }
  }

  counts() {
    return { held: this.held.size, receiving: this.receiving + this.incoming.length, rejected: this.rejectedCount };
  }

  rejected(): Rejection[] {
    return [...this.rejections];
  }

  onRejected(listener: (r: Rejection) => void): () => void {
    this.rejectionListeners.add(listener);
    return () => this.rejectionListeners.delete(listener);
  }

  /** Whether every part of an own event in parts is verified in the room of `epoch` (a room's cache counts it present only then). */
  ownWholeIn(epoch: number, eventId: string): boolean {
    return this.ownWhole.has(`${epoch}/${eventId}`);
  }

  /** An own roster event this laptop's roster refused: listed like any refusal, and not sent. */
  refusedOwn(id: string, reason: RosterRefusal): void {
    this.reject({ reason, id, device: this.deps.device.deviceId });
  }

  /** An own roster event held as from a device not trusted yet (this one) that now applies: no longer listed. */
  acceptedOwn(id: string): void {
    this.unreject(id, 'untrusted-signer');
  }

  /** The roster grew: envelopes held for an unknown device may now be checked. */
  rosterChanged(): void {
    if (this.held.size > 0) this.enqueue(() => this.drain());
  }

  /** What a remote change inserted into (and deleted from) the room of `room`; `snapshot` reads that room as it is now. */
  receive(added: unknown[], removed: unknown[], snapshot: () => unknown[], room: EpochSeal): void {
    const me = this.deps.device.deviceId;
    for (const v of added) {
      if (itemDevice(v) === me) this.ownIncoming.push({ v, room });
      else if (!this.allKnown(v)) this.incoming.push({ v, room });
    }
    const lost = new Set<string>();
    for (const v of removed) {
      if (itemDevice(v) !== me) continue;
      for (const id of itemIds(v)) if (this.present.delete(id)) lost.add(id);
    }
    if (lost.size > 0) {
      // Another copy may still be there: look before sending again.
      for (const v of snapshot()) if (itemDevice(v) === me && itemIds(v).some((id) => lost.has(id))) this.ownIncoming.push({ v, room });
      this.enqueue(async () => {
        await this.checkOwn();
        this.deps.ownMissing([...lost].filter((id) => !this.present.has(id)));
      });
    }
    if (this.incoming.length > 0 || this.ownIncoming.length > 0) this.enqueue(() => this.drain());
  }

  /**
   * What this laptop's cache of the room held (room-cache.ts): items of others with events
   * not in the store yet are checked as if just received; own events count as present only
   * if the cache says they were verified and acknowledged (`present`), the rest is sent again.
   */
  receiveCached(items: unknown[], present: ReadonlySet<string>, room: EpochSeal): void {
    const me = this.deps.device.deviceId;
    for (const v of items) {
      if (itemDevice(v) === me) {
        for (const id of itemIds(v)) if (present.has(id)) this.present.add(id);
      } else if (!this.allKnown(v)) this.incoming.push({ v, room });
    }
    if (this.incoming.length > 0) this.enqueue(() => this.drain());
  }

  /** Every event the item claims is in the store already (nothing to check; a malformed item claims none). */
  private allKnown(v: unknown): boolean {
    const ids = itemIds(v);
    return ids.length > 0 && ids.every((id) => this.deps.known.has(id));
  }

  private async checkOwn(): Promise<void> {
    if (this.ownIncoming.length === 0) return;
    const { device } = this.deps;
    this.ownKey ??= importVerifyKey(device.publicKey);
    const key = await this.ownKey;
    const batch = this.ownIncoming.splice(0);
    const ok = await Promise.all(batch.map((f) => isSignedItem(f.v, f.room.epoch, device.deviceId, key)));
    const forged: string[] = [];
    batch.forEach((f, i) => {
      const ids = itemIds(f.v);
      const part = itemPart(f.v);
      // One signature for the whole chunk: every id in it is present, or none is. An event in
      // parts is present once every one of its parts is.
      if (ok[i] && part) {
        // All its parts in one room: a laptop that reads only that room can join them.
        const key = `${f.room.epoch}/${part.eventId}/${part.count}/${part.tag}`;
        const seen = this.ownParts.get(key) ?? new Set<number>();
        this.ownParts.set(key, seen);
        seen.add(part.index);
        if (seen.size === part.count) {
          this.present.add(part.eventId);
          this.ownWhole.add(`${f.room.epoch}/${part.eventId}`);
          this.ownParts.delete(key);
        }
      } else if (ok[i]) for (const id of ids) this.present.add(id);
      else {
        this.reject({ reason: 'bad-signature', id: ids[0], ...(ids.length > 1 ? { ids } : {}), device: device.deviceId });
        forged.push(...ids);
      }
    });
    // A forged copy under one of our ids: ours must be in the log too, or it goes again.
    const missing = forged.filter((id) => !this.present.has(id) && this.deps.known.has(id));
    if (missing.length > 0) this.deps.ownMissing(missing);
  }

  /** Verifies, opens and applies everything received; retries held items as the roster grows. */
  private async drain(): Promise<void> {
    await this.checkOwn();
    if (this.incoming.length === 0 && this.held.size === 0) return;
    const { store, roster, known } = this.deps;
    let todo: Found[] = [...this.held.values(), ...this.incoming.splice(0)];
    this.held.clear();
    for (;;) {
      const retry: Found[] = [];
      let rosterGrew = false;
      // Batch by batch: memory stays bounded on a big catch-up and the UI sees progress
      // (in events still to check, whatever chunks they came in).
      const claims = todo.map((f) => Math.max(1, itemIds(f.v).length));
      let left = claims.reduce((a, b) => a + b, 0);
      for (let i = 0; i < todo.length; ) {
        const batch: Found[] = [];
        let claimed = 0;
        this.receiving = left;
        while (i < todo.length && (batch.length === 0 || claimed < APPLY_EVENTS)) {
          claimed += claims[i]!;
          batch.push(todo[i++]!);
        }
        left -= claimed;
        const opened = await Promise.all(batch.map((f) => (isWhole(f.v) ? f.v[WHOLE] : openItem(f.v, f.room, roster))));
        // In the room's order: parts of an event too large for one record are held until it is
        // whole. An id first named by one laptop's parts is not taken by another laptop's event or
        // parts meanwhile (that one event is refused, not the chunk it came in).
        const squatted = new Set<string>();
        const wholes = new Map<string, string>();
        for (let j = 0; j < opened.length; j++) {
          const r = opened[j]!;
          if (!r.ok) continue;
          if (!r.part) {
            for (const e of r.events) {
              const claim = typeof e?.id === 'string' ? this.claims.get(e.id) : undefined;
              if (claim !== undefined && claim !== r.device) squatted.add(`${r.device}/${e.id}`);
            }
            continue;
          }
          const { eventId } = r.part;
          const claim = this.claims.get(eventId);
          if (claim !== undefined && claim !== r.device) {
            opened[j] = { ok: false, reason: 'id-mismatch', ids: [partId(r.part)], device: r.device };
            continue;
          }
          // A copy of a part of an event just joined in this batch: nothing more to hold.
          if (wholes.get(eventId) === r.device) {
            opened[j] = { ok: true, events: [], device: r.device };
            continue;
          }
          // Beyond the bound (a flood) an id is simply not claimed: parts are never refused for it.
          if (claim === undefined && !known.has(eventId) && this.claims.size < MAX_CLAIMS) this.claims.set(eventId, r.device);
          const whole = await this.assemble(r.part, r.device, batch[j]!.room);
          opened[j] = whole;
          // Its own parts joined to no event of that id (a member who guessed one): the id is free again.
          if (!whole.ok && this.claims.get(eventId) === r.device) this.claims.delete(eventId);
          if (whole.ok && whole.events.length > 0) {
            batch[j] = { v: { [WHOLE]: whole }, room: batch[j]!.room };
            wholes.set(eventId, r.device);
          }
        }
        const accepted = new Map<string, { event: AnyEvent; epoch: number }>();
        const signed: { event: AnyEvent; device: string; found: Found }[] = [];
        const seen = new Set<string>();
        opened.forEach((r, j) => {
          if (!r.ok) {
            if (r.reason === 'unknown-device') retry.push(batch[j]!);
            else this.reject({ reason: r.reason, id: r.ids[0], ...(r.ids.length > 1 ? { ids: r.ids } : {}), device: r.device });
            return;
          }
          for (const event of r.events) {
            if (known.has(event.id) || seen.has(event.id)) continue;
            if (squatted.has(`${r.device}/${event.id}`)) {
              this.reject({ reason: 'id-mismatch', id: event.id, device: r.device });
              continue;
            }
            seen.add(event.id);
            // Signed by a member is not enough: the event must be one this version can fold.
            const parsed = parseEvent(event);
            if (!parsed.ok) {
              this.reject({ reason: 'invalid-event', id: event.id, device: r.device, detail: parsed.reason });
              continue;
            }
            // A profile saves its author's own details: one about another person is refused (014, 063).
            if (isProfileOfAnother(parsed.event)) {
              this.reject({ reason: 'profile-of-another', id: event.id, device: r.device, kind: parsed.event.type });
              continue;
            }
            const refusal = roster.apply(parsed.event, r.device);
            if (refusal) {
              this.reject({ reason: refusal, id: event.id, device: r.device });
              continue;
            }
            if (isRosterEvent(parsed.event)) rosterGrew = true;
            signed.push({ event: parsed.event, device: r.device, found: batch[j]! });
          }
        });
        // Judged by role: the role events first, in clock order, so each counts for those after it.
        for (const s of rolesFirst(signed)) {
          const author = roster.device(s.device)?.personId ?? '';
          const refusal = this.deps.roles?.judge(s.event, author) ?? null;
          if (refusal) {
            if (!this.roleHeld.has(s.event.id)) {
              // Beyond the bound (a flood from one member) it is still refused, just not looked at again until the room is read again.
              if (this.roleHeld.size < MAX_HELD) this.roleHeld.set(s.event.id, s.found);
              if (!this.rejections.some((x) => x.id === s.event.id && x.reason === 'role-refused')) {
                this.reject({ reason: 'role-refused', id: s.event.id, device: s.device, kind: s.event.type, person: author, needs: refusal.needs, detail: refusal.why });
              }
            }
            continue;
          }
          if (RoleBook.folds(s.event)) this.deps.roles?.add(s.event, author);
          this.unreject(s.event.id);
          accepted.set(s.event.id, { event: s.event, epoch: s.found.room.epoch });
        }
        if (accepted.size > 0) {
          const events = [...accepted.values()].map((a) => a.event);
          // Parsed above (parseEvent, as applyRemote would): not parsed a second time; one
          // transaction for the whole batch.
          await store.applyParsed(events);
          for (const epoch of new Set([...accepted.values()].map((a) => a.epoch))) {
            this.deps.accepted?.([...accepted.values()].filter((a) => a.epoch === epoch).map((a) => a.event), epoch);
          }
        }
        for (const id of accepted.keys()) {
          known.add(id);
          this.claims.delete(id);
        }
        // A whole refused for good (not an event this version folds, a roster refusal…): its id is free again.
        for (const [id, device] of wholes) if (!accepted.has(id) && !this.roleHeld.has(id) && this.claims.get(id) === device) this.claims.delete(id);
        this.deps.changed();
      }
      if (!rosterGrew || retry.length === 0) {
        for (const f of retry) {
          const ids = itemIds(f.v);
          // Two items claiming the same ids are both kept: only the signature tells which is real.
          const sig = (f.v as { sig?: unknown }).sig;
          const key = `${String(itemDevice(f.v))}/${f.room.epoch}/${ids[0]}/${ids.length}/${sig instanceof Uint8Array ? sig.subarray(0, 16).join('.') : ''}`;
          if (this.held.size >= MAX_HELD) this.reject({ reason: 'unknown-device', id: ids[0], device: String(itemDevice(f.v)) });
          else this.held.set(key, f);
          // A laptop whose addition was refused (named as another person's): listed once, and still
          // held — should the device ever be added rightly, what it signed is checked then.
          const device = String(itemDevice(f.v));
          if (roster.refused(device) && !this.listedRefused.has(key) && this.listedRefused.size < MAX_HELD) {
            this.listedRefused.add(key);
            this.reject({ reason: 'refused-device', id: ids[0], ...(ids.length > 1 ? { ids } : {}), device });
          }
        }
        break;
      }
      todo = retry;
    }
    this.receiving = 0;
    this.deps.changed();
  }

  /** A part held; the event it completes opened and checked as its chunk would be; nothing while parts are missing. */
  private async assemble(part: OpenedPart, device: string, room: EpochSeal): Promise<OpenedItem> {
    if (this.deps.known.has(part.eventId)) return { ok: true, events: [], device };
    const got = await this.parts.add(device, room.epoch, part);
    if ('refused' in got) return { ok: false, reason: got.refused === 'corrupt' ? 'undecryptable' : 'malformed', ids: [partId(part)], device };
    if (!got.done) return { ok: true, events: [], device };
    this.parts.forget(device, part.eventId);
    return openAssembled(got.plaintext, part.eventId, device, room, this.deps.roster);
  }

  /** An event refused by role (or an own one as untrusted) that now counts: no longer shown as refused. */
  private unreject(id: string, reason: Rejection['reason'] = 'role-refused'): void {
    const i = this.rejections.findIndex((x) => x.id === id && x.reason === reason);
    if (i < 0) return;
    this.rejections.splice(i, 1);
    this.rejectedCount--;
    this.deps.changed();
  }

  private reject(r: Omit<Rejection, 'at'>): void {
    const rejection = { ...r, at: this.deps.now() };
    this.rejectedCount++;
    this.rejections.push(rejection);
    if (this.rejections.length > MAX_REJECTIONS) this.rejections.shift();
    for (const l of this.rejectionListeners) l(rejection);
  }
}

/** Events the role book folds first (by clock), then the rest in the order they came. */
function rolesFirst<T extends { event: AnyEvent }>(items: T[]): T[] {
  const book = items.filter((s) => RoleBook.folds(s.event)).sort((a, b) => (a.event.at < b.event.at ? -1 : a.event.at > b.event.at ? 1 : 0));
  return [...book, ...items.filter((s) => !RoleBook.folds(s.event))];
}
