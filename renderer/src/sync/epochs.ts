/**
 * The client's side of key epochs (shared/sync/epoch.ts, epoch-chain.ts): the keyring
 * this laptop holds, the events that move the chain on, and the two things it does with
 * them — decide which epoch follows a frozen room (and open this laptop's box in it), and
 * start a new epoch when a revoked laptop still holds the current key and this laptop is
 * the one to close that gap.
 */
import type { HonbuEvent } from '../../../shared/events/event';
import { startEpoch } from '../../../shared/sync/commands';
import type { DeviceKey } from '../../../shared/sync/device-key';
import { isSignedItem, itemDevice, itemIds } from '../../../shared/sync/chunk';
import { originDevice } from '../../../shared/sync/envelope';
import {
  deriveEpochKeys,
  epochZeroKey,
  keyOf,
  keyringEntry,
  newEpochKey,
  openEpoch,
  sealEpoch,
  type EpochKeys,
  type KeyringEntry,
} from '../../../shared/sync/epoch';
import { chooseNextEpoch, epochRecipients, isChainEvent, rekeyDue, type EpochStartedEvent } from '../../../shared/sync/epoch-chain';
import { EPOCH_STARTED } from '../../../shared/sync/events';
import type { Roster } from '../../../shared/sync/roster';
import type { EventStore } from '../data/event-store';
import { readKeyring, saveKeyring } from './device-store';

/** Why this laptop cannot follow the team into its newest epoch. */
export type EpochTrouble =
  /** The team moved to a key this laptop was not given (it was revoked, or had no X25519 key then). */
  | 'left-out'
  /** The room was closed without a new epoch anyone could take (a member froze it on its own). */
  | 'stranded';

/** The outcome of looking at a frozen room: the next epoch, or why there is none for this laptop. */
export type Decision = { next: EpochKeys } | { trouble: EpochTrouble } | null;

/** Devices shut out of the room of `epoch`: revoked in any room before it. */
const excludedUpTo = (entries: KeyringEntry[], epoch: number) => new Set(entries.filter((e) => e.epoch <= epoch).flatMap((e) => e.revoked));

export class Epochs {
  private readonly keys = new Map<number, EpochKeys>();
  /** Epoch-started and revocation events this laptop knows, by id. */
  private readonly chain = new Map<string, HonbuEvent>();
  private readonly rekeyed = new Set<number>();
  trouble: EpochTrouble | null = null;

  private constructor(
    private readonly store: EventStore,
    private entries: KeyringEntry[],
  ) {}

  /** The keyring from storage, with epoch 0's key derived from the workspace key. */
  static async load(store: EventStore, known: HonbuEvent[]): Promise<Epochs> {
    if (!store.keys.index) throw new Error('sync: the workspace key is needed for the room credential');
    const e = new Epochs(store, await readKeyring(store));
    e.keys.set(0, await deriveEpochKeys(0, await epochZeroKey(store.keys.index)));
    for (const entry of e.entries) e.keys.set(entry.epoch, await deriveEpochKeys(entry.epoch, keyOf(entry), excludedUpTo(e.entries, entry.epoch)));
    for (const ev of known) e.note(ev);
    return e;
  }

  /** The newest epoch: the one this laptop writes in. */
  get current(): EpochKeys {
    return this.keys.get(this.currentNumber)!;
  }

  get currentNumber(): number {
    return this.entries.at(-1)?.epoch ?? 0;
  }

  /** Every epoch this laptop holds, oldest first. */
  all(): EpochKeys[] {
    return [...this.keys.values()].sort((a, b) => a.epoch - b.epoch);
  }

  /**
   * Remembers an event that moves the chain (own, stored or received); others are ignored —
   * one filed under an incident too, as on a restart (the chain is read from workspace events).
   */
  note(event: HonbuEvent): void {
    if (isChainEvent(event) && event.incidentId === null) this.chain.set(event.id, event);
  }

  /** Ids of the epoch-started events that would follow `epoch`. */
  candidates(epoch: number): string[] {
    return [...this.chain.values()].filter((e) => e.type === EPOCH_STARTED && (e.payload as { epoch?: unknown }).epoch === epoch + 1).map((e) => e.id);
  }

  /**
   * Room `epoch` is frozen and read to the end (`items`): which epoch follows, and this
   * laptop's key for it. Only the chain events really in the room count, each checked
   * against its signer's key, so every laptop decides on the same content.
   */
  async decide(epoch: number, items: unknown[], roster: Roster, device: DeviceKey): Promise<Decision> {
    if (epoch !== this.currentNumber) return null;
    const inRoom: HonbuEvent[] = [];
    for (const raw of items) {
      const found = itemIds(raw)
        .map((id) => this.chain.get(id))
        .filter((e): e is HonbuEvent => e !== undefined);
      if (found.length === 0) continue;
      const signer = itemDevice(raw);
      if (typeof signer !== 'string' || found.some((e) => originDevice(e) !== signer) || roster.trust(signer) === 'unknown') continue;
      if (await isSignedItem(raw, epoch, signer, await roster.verifyKey(signer))) inRoom.push(...found);
    }
    const chosen = chooseNextEpoch(epoch, inRoom);
    if (!chosen) return { trouble: (this.trouble = 'stranded') };
    const key = await openEpoch(chosen.event.payload, device.deviceId, device.agreement);
    if (!key) return { trouble: (this.trouble = 'left-out') };
    return { next: await this.adopt(keyringEntry(epoch + 1, key, chosen.event.id, chosen.revoked)) };
  }



  /** Keys given with an invite (the joiner's keyring). */
  async adoptAll(entries: KeyringEntry[]): Promise<void> {
    for (const e of entries) if (e.epoch > this.currentNumber) await this.adopt(e);
  }

  private async adopt(entry: KeyringEntry): Promise<EpochKeys> {
    const entries = [...this.entries.filter((e) => e.epoch !== entry.epoch), entry].sort((a, b) => a.epoch - b.epoch);
    const keys = await deriveEpochKeys(entry.epoch, keyOf(entry), excludedUpTo(entries, entry.epoch));
    await saveKeyring(this.store, entries);
    // Both at once: `current` must never name an epoch whose keys are not there yet.
    this.keys.set(entry.epoch, keys);
    this.entries = entries;
    this.trouble = null;
    return keys;
  }

  /** Who holds the current key besides the members: everyone for epoch 0, else the devices with a box. */
  private holders(): readonly string[] | 'everyone' {
    const entry = this.entries.at(-1);
    if (!entry) return 'everyone';
    const started = this.chain.get(entry.eventId!) as EpochStartedEvent | undefined;
    return started ? started.payload.boxes.map((b) => b.deviceId) : [];
  }

  /**
   * Starts a new epoch if a revoked laptop still holds the current key and this laptop is
   * the one to act (rekeyDue). Once per epoch; the event goes out like any own event.
   */
  async rekeyIfDue(roster: Roster, device: DeviceKey, rootId: string): Promise<boolean> {
    const epoch = this.currentNumber;
    if (this.rekeyed.has(epoch) || this.candidates(epoch).length > 0) return false;
    const devices = roster.list();
    if (!rekeyDue({ epoch, holders: this.holders(), devices, me: device.deviceId, rootId })) return false;
    // Every member must be able to receive the key: a laptop from before key epochs
    // publishes its X25519 key the first time it starts; until then the old key stays.
    if (devices.some((d) => !d.revoked && d.agreementKey === undefined)) return false;
    this.rekeyed.add(epoch);
    const sealed = await sealEpoch(epoch + 1, newEpochKey(), epochRecipients(devices, null).map((d) => ({ deviceId: d.deviceId, agreementKey: d.agreementKey! })));
    const ctx = { now: Date.now(), newId: () => crypto.randomUUID(), actor: { personId: roster.device(device.deviceId)?.personId ?? '', roles: [] } };
    const result = startEpoch(ctx, { devices, rootId, me: device.deviceId, epoch }, { epoch: sealed });
    if (!result.ok) return false;
    await this.store.append(result.events);
    return true;
  }
}
