/**
 * The encrypted, event-sourced store. append() stamps drafts (uuid, hybrid logical
 * clock, actor), folds them into the projections and writes events and rows in one
 * IndexedDB transaction: either all of it lands or none of it.
 *
 * WebCrypto is asynchronous and an IndexedDB transaction closes when it waits on
 * anything else, so sealing happens outside the transaction: read and open the touched
 * rows, fold, seal, then write everything in one go. A lock serialises appends so no
 * other append can slip in between the read and the write.
 */
import type { EventDraft, HonbuEvent } from '../../../shared/events/event';
import { type AnyDraft, type AnyEvent } from '../../../shared/events/registry';
import { type AnyProjection } from '../../../shared/events/projection';
import { type HonbuDb } from './db';
export interface StoreIdentity {
    /** Device id: the node of the clock. */
    deviceId: string;
    /** Person id: the actor of events. */
    actor: string;
}
export type Now = () => number;
/** An edit refused because this laptop may no longer write (see refuseLocalEdits). */
export declare class ReadOnlyError extends Error {
    readonly reason: string;
    constructor(reason: string);
}
/**
 * The workspace was locked: this store no longer takes edits, tells no listener, and (once
 * the writes already under way have landed) holds no key. Work that was still running for
 * the locked session ends with this error; it is not a fault.
 */
export declare class StoreClosedError extends Error {
    constructor();
}
/** Where events came from: appended here, or received from another laptop. */
export type EventOrigin = 'local' | 'remote';
/** A draft whose type or payload does not match the registry: a bug in the code that made it. */
export declare class InvalidDraftError extends Error {
    readonly reason: string;
    constructor(reason: string);
}
/** An event from another laptop that did not parse, and why; it is never stored or folded. */
export interface RemoteRefusal {
    id: string | undefined;
    reason: string;
}
type Row = {
    id: string;
};
/**
 * Writes a bulk applier (the compact customer-status store) makes in the same IndexedDB
 * transaction as the events it derives from, so statuses and running totals can never
 * disagree with the event log.
 */
export interface AppendHook {
    /** Tables the writes touch. */
    tables: string[];
    /**
     * Runs inside the append lock once the events are stamped, before the transaction
     * opens: it may read and seal. The function it returns runs inside the transaction and
     * must only touch IndexedDB (awaiting anything else would close the transaction).
     */
    prepare(events: HonbuEvent[]): Promise<() => Promise<void>>;
}
export declare class EventStore {
    private readonly db;
    private readonly projections;
    private readonly identity;
    private readonly now;
    /** Why local edits are refused (this laptop was revoked from its team); null while they are accepted. */
    private refusal;
    /**
     * Refuses every local edit from now on, or accepts them again (null). Events from other
     * laptops still arrive and fold: a revoked laptop can still be read, never written.
     */
    refuseLocalEdits(reason: string | null): void;
    get refusesLocalEdits(): boolean;
    private clock;
    private queue;
    private readonly listeners;
    /** The unlocked keys; null once the store is closed (locked). */
    private keyRef;
    private indexKeyRef;
    private closing;
    constructor(db: HonbuDb, key: CryptoKey, projections: AnyProjection[], identity: StoreIdentity, now?: Now, indexKey?: CryptoKey);
    private get key();
    /** True from the moment the workspace is locked. */
    get isClosed(): boolean;
    /** Listeners still attached (the session's lock test expects none). */
    get listenerCount(): number;
    /**
     * Closes the store on lock: from now on it takes no edit and tells no listener; the
     * writes already queued still land (an edit saved a moment before the lock is kept),
     * then the keys are dropped, so nothing that kept a reference to the store can read.
     */
    close(): Promise<void>;
    /** The workspace database, for bulk stores that keep their own tables beside the events. */
    get database(): HonbuDb;
    /** The unlocked keys, for bulk stores (customer lists) that seal and index their own records. */
    get keys(): {
        data: CryptoKey;
        index: CryptoKey | undefined;
    };
    /**
     * Called after each successful append with the new events (for stores and views), and
     * whether they were written here or arrived from another laptop (applyRemote).
     */
    subscribe(listener: (events: HonbuEvent[], origin: EventOrigin) => void): () => void;
    /**
     * Stamps and writes drafts, folded into the projections in the same transaction. Only a
     * registered type with its payload compiles (shared/events/registry.ts); every draft is
     * checked again at run time, and one bad draft means none is written.
     */
    append(drafts: readonly AnyDraft[]): Promise<AnyEvent[]>;
    /**
     * With an AppendHook (the contact tracker's bulk status writes). Its drafts are checked at
     * run time only, until the contact tracker's entry points become typed handlers too.
     */
    append(drafts: readonly EventDraft[], hook: AppendHook): Promise<AnyEvent[]>;
    /**
     * Writes derived bulk tables (a refold of customer statuses) under the append lock, so no
     * append's own fold can interleave with it. No event is written; listeners hear an empty
     * list with origin 'local', which is their cue to re-read.
     */
    writeDerived(hook: AppendHook): Promise<void>;
    private withCrossTabLock;
    private nextStamp;
    private appendNow;
    /**
     * Events from another laptop (sync): each parsed against the registry first (an old type
     * name upcast), then stored once, whatever order and however often they arrive, and folded
     * into the projections. The folds are order-independent (last writer wins by clock), so
     * the projections end the same on every laptop. An event that does not parse is neither
     * stored nor folded: `onRefused` hears it with the reason. Resolves with the events that
     * were new here.
     */
    applyRemote(events: readonly unknown[], onRefused?: (refusal: RemoteRefusal) => void): Promise<AnyEvent[]>;
    private applyRemoteNow;
    /** Folds events into the projections and writes both in one transaction. */
    private commit;
    private sealEvent;
    /**
     * An event read back. It was parsed before it was written and is sealed with AES-GCM
     * (tampering fails to open), so it is not parsed again; only an old type name is upcast.
     */
    private openEvent;
    private sealRow;
    readRow<T extends Row>(table: string, id: string): Promise<T | undefined>;
    /** Every row of a projection table, opened. Bulk tables (customers) never come through here. */
    readRows<T extends Row>(table: string): Promise<T[]>;
    /** Rows whose clear index field equals a value (e.g. the tasks of one incident), opened. */
    readRowsWhere<T extends Row>(table: string, index: string, value: string | number): Promise<T[]>;
    /** Events in clock order, of one incident or of the whole workspace; only those types if given (filtered before opening). */
    readEvents(incidentId?: string | null, types?: string[]): Promise<AnyEvent[]>;
    /**
     * Empties every projection and folds all events again, in clock order. Used after a
     * fold changes and to prove the projections are exactly a fold of the events.
     */
    rebuildProjections(): Promise<void>;
}
export {};
