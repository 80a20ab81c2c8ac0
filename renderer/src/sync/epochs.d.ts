/**
 * The client's side of key epochs (shared/sync/epoch.ts, epoch-chain.ts): the keyring
 * this laptop holds, the events that move the chain on, and the two things it does with
 * them — decide which epoch follows a frozen room (and open this laptop's box in it), and
 * start a new epoch when a revoked laptop still holds the current key and this laptop is
 * the one to close that gap.
 */
import type { HonbuEvent } from '../../../shared/events/event';
import type { DeviceKey } from '../../../shared/sync/device-key';
import { type EpochKeys, type KeyringEntry } from '../../../shared/sync/epoch';
import type { Roster } from '../../../shared/sync/roster';
import type { EventStore } from '../data/event-store';
/** Why this laptop cannot follow the team into its newest epoch. */
export type EpochTrouble = 
/** The team moved to a key this laptop was not given (it was revoked, or had no X25519 key then). */
'left-out'
/** The room was closed without a new epoch anyone could take (a member froze it on its own). */
 | 'stranded';
/** The outcome of looking at a frozen room: the next epoch, or why there is none for this laptop. */
export type Decision = {
    next: EpochKeys;
} | {
    trouble: EpochTrouble;
} | null;
export declare class Epochs {
    private readonly store;
    private entries;
    private readonly keys;
    /** Epoch-started and revocation events this laptop knows, by id. */
    private readonly chain;
    private readonly rekeyed;
    trouble: EpochTrouble | null;
    private constructor();
    /** The keyring from storage, with epoch 0's key derived from the workspace key. */
    static load(store: EventStore, known: HonbuEvent[]): Promise<Epochs>;
    /** The newest epoch: the one this laptop writes in. */
    get current(): EpochKeys;
    get currentNumber(): number;
    /** Every epoch this laptop holds, oldest first. */
    all(): EpochKeys[];
    /** Remembers an event that moves the chain (own, stored or received); others are ignored. */
    note(event: HonbuEvent): void;
    /** Ids of the epoch-started events that would follow `epoch`. */
    candidates(epoch: number): string[];
    /**
     * Room `epoch` is frozen and read to the end (`items`): which epoch follows, and this
     * laptop's key for it. Only the chain events really in the room count, each checked
     * against its signer's key, so every laptop decides on the same content.
     */
    decide(epoch: number, items: unknown[], roster: Roster, device: DeviceKey): Promise<Decision>;
    /** Keys given with an invite (the joiner's keyring). */
    adoptAll(entries: KeyringEntry[]): Promise<void>;
    private adopt;
    /** Who holds the current key besides the members: everyone for epoch 0, else the devices with a box. */
    private holders;
    /**
     * Starts a new epoch if a revoked laptop still holds the current key and this laptop is
     * the one to act (rekeyDue). Once per epoch; the event goes out like any own event.
     */
    rekeyIfDue(roster: Roster, device: DeviceKey, rootId: string): Promise<boolean>;
}
