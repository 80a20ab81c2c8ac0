/**
 * The receiving half of the sync client: whatever lands in (or leaves) an epoch's room is
 * checked here, one batch at a time on one work queue. Envelopes of others are verified
 * against the roster and opened with the key of the room they were found in, then folded
 * into the store; this laptop's own envelopes are only checked for its signature, and make
 * an id "present" (sent, no need to re-send) only when that check passes. A deleted or
 * forged copy of an own event leaves it missing, and the client sends it again.
 */
import { type AnyEvent } from '../../../shared/events/registry';
import { type DeviceKey } from '../../../shared/sync/device-key';
import { type EpochSeal, type RejectReason } from '../../../shared/sync/envelope';
import { type Roster, type RosterRefusal } from '../../../shared/sync/roster';
import type { EventStore } from '../data/event-store';
export interface Rejection {
    /** 'invalid-event': opened and signed, but not an event this version accepts (see detail). */
    reason: RejectReason | RosterRefusal | 'invalid-event';
    id?: string;
    device?: string;
    /** What was wrong, naming the field (for 'invalid-event'). Never a payload value. */
    detail?: string;
    at: number;
}
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
}
export declare class Receiver {
    private readonly deps;
    /** Own event ids with a copy signed by this device in the shared array. */
    readonly present: Set<string>;
    private readonly held;
    private readonly rejections;
    private readonly rejectionListeners;
    private rejectedCount;
    private receiving;
    private incoming;
    private ownIncoming;
    private work;
    private ownKey;
    constructor(deps: ReceiverDeps);
    enqueue(task: () => Promise<void>): void;
    idle(): Promise<void>;
    counts(): {
        held: number;
        receiving: number;
        rejected: number;
    };
    rejected(): Rejection[];
    onRejected(listener: (r: Rejection) => void): () => void;
    /** The roster grew: envelopes held for an unknown device may now be checked. */
    rosterChanged(): void;
    /** What a remote change inserted into (and deleted from) the room of `room`; `snapshot` reads that room as it is now. */
    receive(added: unknown[], removed: unknown[], snapshot: () => unknown[], room: EpochSeal): void;
    private checkOwn;
    /** Verifies, opens and applies everything received; retries held envelopes as the roster grows. */
    private drain;
    private reject;
}
