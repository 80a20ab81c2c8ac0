/**
 * The receiving half of the sync client: whatever lands in (or leaves) an epoch's room is
 * checked here, one batch at a time on one work queue. Envelopes of others are verified
 * against the roster and opened with the key of the room they were found in, then folded
 * into the store; this laptop's own envelopes are only checked for its signature, and make
 * an id "present" (sent, no need to re-send) only when that check passes. A deleted or
 * forged copy of an own event leaves it missing, and the client sends it again.
 */
import { parseEvent, type AnyEvent } from '../../../shared/events/registry';
import { importVerifyKey, type DeviceKey } from '../../../shared/sync/device-key';
import { isSignedEnvelope, openEnvelope, type EpochSeal, type Envelope, type RejectReason } from '../../../shared/sync/envelope';
import { isRosterEvent, type Roster, type RosterRefusal } from '../../../shared/sync/roster';
import { RoleBook } from '../../../shared/roles/book';
import type { AccessRole } from '../../../shared/roles/model';
import type { EventStore } from '../data/event-store';

export interface Rejection {
  /** 'invalid-event': opened and signed, but not an event this version accepts (see detail). */
  reason: RejectReason | RosterRefusal | 'invalid-event' | 'role-refused';
  id?: string;
  device?: string;
  /** What was wrong, naming the field (for 'invalid-event'). Never a payload value. */
  detail?: string;
  /** For 'role-refused': the kind of event, who wrote it (person id) and the roles that may. */
  kind?: string;
  person?: string;
  needs?: AccessRole[];
  at: number;
}

/** Remote events are checked and folded in chunks so one huge catch-up does not hold one giant transaction. */
const APPLY_CHUNK = 2000;
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

/** An envelope and the room (epoch) it was found in. */
interface Found {
  v: unknown;
  room: EpochSeal;
}

const idOf = (v: unknown): string | undefined => (typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' ? (v as { id: string }).id : undefined);
const deviceOf = (v: unknown): unknown => (typeof v === 'object' && v !== null ? (v as { device?: unknown }).device : undefined);

/** Without a handler (tests, tools), a fault is at least printed. */
// eslint-disable-next-line no-console -- a receiver without the app's handler (tests, tools) still prints its faults
const logError = (err: unknown) => console.error('sync: ', err);

export class Receiver {
  /** Own event ids with a copy signed by this device in the shared array. */
  readonly present = new Set<string>();
  private readonly held = new Map<string, Found>();
  /** Envelopes refused because their author lacked the role: judged again when a role event arrives. */
  private readonly roleHeld = new Map<string, Found>();
  private readonly rejections: Rejection[] = [];
  private readonly rejectionListeners = new Set<(r: Rejection) => void>();
  private rejectedCount = 0;
  private receiving = 0;
  private incoming: Found[] = [];
  private ownIncoming: Found[] = [];
  private work: Promise<void> = Promise.resolve();
  private ownKey: Promise<CryptoKey> | undefined;

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

  /** The roster grew: envelopes held for an unknown device may now be checked. */
  rosterChanged(): void {
    if (this.held.size > 0) this.enqueue(() => this.drain());
  }

  /** What a remote change inserted into (and deleted from) the room of `room`; `snapshot` reads that room as it is now. */
  receive(added: unknown[], removed: unknown[], snapshot: () => unknown[], room: EpochSeal): void {
    const me = this.deps.device.deviceId;
    for (const v of added) {
      if (deviceOf(v) === me) this.ownIncoming.push({ v, room });
      else {
        const id = idOf(v);
        if (id === undefined || !this.deps.known.has(id)) this.incoming.push({ v, room });
      }
    }
    const lost = new Set<string>();
    for (const v of removed) {
      const id = idOf(v);
      if (id !== undefined && deviceOf(v) === me && this.present.delete(id)) lost.add(id);
    }
    if (lost.size > 0) {
      // Another copy may still be there: look before sending again.
      for (const v of snapshot()) if (deviceOf(v) === me && lost.has(idOf(v)!)) this.ownIncoming.push({ v, room });
      this.enqueue(async () => {
        await this.checkOwn();
        this.deps.ownMissing([...lost].filter((id) => !this.present.has(id)));
      });
    }
    if (this.incoming.length > 0 || this.ownIncoming.length > 0) this.enqueue(() => this.drain());
  }

  /**
   * What this laptop's cache of the room held (room-cache.ts): envelopes of others not in
   * the store yet are checked as if just received; own ones count as present only if the
   * cache says they were verified and acknowledged (`present`), the rest is sent again.
   */
  receiveCached(items: unknown[], present: ReadonlySet<string>, room: EpochSeal): void {
    const me = this.deps.device.deviceId;
    for (const v of items) {
      const id = idOf(v);
      if (deviceOf(v) === me) {
        if (id !== undefined && present.has(id)) this.present.add(id);
      } else if (id === undefined || !this.deps.known.has(id)) this.incoming.push({ v, room });
    }
    if (this.incoming.length > 0) this.enqueue(() => this.drain());
  }

  private async checkOwn(): Promise<void> {
    if (this.ownIncoming.length === 0) return;
    const { device } = this.deps;
    this.ownKey ??= importVerifyKey(device.publicKey);
    const key = await this.ownKey;
    const batch = this.ownIncoming.splice(0);
    const ok = await Promise.all(batch.map((f) => isSignedEnvelope(f.v, f.room.epoch, device.deviceId, key)));
    const forged: string[] = [];
    batch.forEach((f, i) => {
      const id = idOf(f.v);
      if (ok[i]) this.present.add(id!);
      else {
        this.reject({ reason: 'bad-signature', id, device: device.deviceId });
        if (id !== undefined) forged.push(id);
      }
    });
    // A forged copy under one of our ids: ours must be in the log too, or it goes again.
    const missing = forged.filter((id) => !this.present.has(id) && this.deps.known.has(id));
    if (missing.length > 0) this.deps.ownMissing(missing);
  }

  /** Verifies, opens and applies everything received; retries held envelopes as the roster grows. */
  private async drain(): Promise<void> {
    await this.checkOwn();
    if (this.incoming.length === 0 && this.held.size === 0) return;
    const { store, roster, known } = this.deps;
    let todo: Found[] = [...this.held.values(), ...this.incoming.splice(0)];
    this.held.clear();
    for (;;) {
      const retry: Found[] = [];
      let rosterGrew = false;
      // Chunk by chunk: memory stays bounded on a big catch-up and the UI sees progress.
      for (let i = 0; i < todo.length; i += APPLY_CHUNK) {
        const chunk = todo.slice(i, i + APPLY_CHUNK);
        this.receiving = todo.length - i;
        const opened = await Promise.all(chunk.map((f) => openEnvelope(f.v, f.room, roster)));
        const accepted = new Map<string, { event: AnyEvent; epoch: number }>();
        const signed: { event: AnyEvent; device: string; found: Found }[] = [];
        opened.forEach((r, j) => {
          if (!r.ok) {
            if (r.reason === 'unknown-device') retry.push(chunk[j]!);
            else this.reject({ reason: r.reason, id: r.id, device: r.device });
            return;
          }
          if (known.has(r.event.id) || accepted.has(r.event.id)) return;
          // Signed by a member is not enough: the event must be one this version can fold.
          const parsed = parseEvent(r.event);
          if (!parsed.ok) {
            this.reject({ reason: 'invalid-event', id: r.event.id, device: r.device, detail: parsed.reason });
            return;
          }
          const refusal = roster.apply(parsed.event, r.device);
          if (refusal) {
            this.reject({ reason: refusal, id: r.event.id, device: r.device });
            return;
          }
          if (isRosterEvent(parsed.event)) rosterGrew = true;
          signed.push({ event: parsed.event, device: r.device, found: chunk[j]! });
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
          // Parsed above (parseEvent, as applyRemote would): not parsed a second time.
          await store.applyParsed(events);
          for (const epoch of new Set([...accepted.values()].map((a) => a.epoch))) {
            this.deps.accepted?.([...accepted.values()].filter((a) => a.epoch === epoch).map((a) => a.event), epoch);
          }
        }
        for (const id of accepted.keys()) known.add(id);
        this.deps.changed();
      }
      if (!rosterGrew || retry.length === 0) {
        for (const f of retry) {
          const env = f.v as Envelope;
          if (this.held.size >= MAX_HELD) this.reject({ reason: 'unknown-device', id: env.id, device: env.device });
          else this.held.set(env.id, f);
        }
        break;
      }
      todo = retry;
    }
    this.receiving = 0;
    this.deps.changed();
  }

  /** An event refused by role that now counts (its role arrived): no longer shown as refused. */
  private unreject(id: string): void {
    const i = this.rejections.findIndex((x) => x.id === id && x.reason === 'role-refused');
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
