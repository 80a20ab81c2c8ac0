/**
 * Sync of one workspace over Yjs and Hocuspocus. Each key epoch has its own room
 * (room-link.ts), an append-only Y.Array of envelopes: events sealed under the epoch's key
 * and signed by their device. This client only translates: own events from the store go
 * into the current epoch's room, envelopes from others (in any room this laptop holds the
 * key of) are checked against the roster, opened and handed to `store.applyRemote`, which
 * stores each once and folds them in any order. The local store stays the source of
 * truth, so nothing here blocks while offline.
 *
 * The server lets in only holders of a room's credential and only inserts of envelopes;
 * it acknowledges an update once it is on its disk. An own event counts as sent only when
 * acknowledged (`pending` until then), and as present only when a copy signed by this
 * device is in a room: a missing, deleted or forged copy makes this laptop send it again.
 * Own events go out in bounded chunks, a few at a time, so no message (nor a resync after
 * a dropped connection) outgrows the server's size limit.
 *
 * Epochs (epochs.ts): when a revocation starts a new epoch, the old room is frozen; this
 * laptop reads it to the end, takes its key for the next epoch from its box, moves its
 * writing there, and sends again whatever was not acknowledged in the old room.
 */
import type { HocuspocusProviderWebsocketConfiguration } from '@hocuspocus/provider';
import type { DeviceKey } from '../../../shared/sync/device-key';
import { Roster, type RosterRoot } from '../../../shared/sync/roster';
import type { EventStore } from '../data/event-store';
import { type EpochTrouble } from './epochs';
import { type Rejection } from './receiver';
export type { Peer } from './presence';
export type { Rejection } from './receiver';
export type { EpochTrouble } from './epochs';
export interface SyncClientOptions {
    store: EventStore;
    /** This laptop's signing key; its id must be the store's device id (the clock node). */
    device: DeviceKey;
    /** The workspace creator's device: the anchor of the roster. */
    root: RosterRoot;
    /** ws:// or wss:// address of the sync server. */
    serverUrl: string;
    /** The workspace's sync id (kept in the settings and invites; the server never sees it). */
    room: string;
    /** Shown to other members while online (sealed, the server cannot read it). */
    personName?: string;
    /** Node has no global WebSocket before v22: tests and Electron main pass `ws`. */
    WebSocketPolyfill?: HocuspocusProviderWebsocketConfiguration['WebSocketPolyfill'];
    /** Start connected (default) or offline. */
    connect?: boolean;
    /** Where a fault while sending or receiving goes (the app's one handler); printed when absent. */
    onError?: (error: unknown) => void;
    now?: () => number;
}
export type ConnectionState = 'connected' | 'connecting' | 'offline';
export interface SyncStatus {
    /** Anything but 'connected' is the offline banner: edits go on and are sent later. */
    state: ConnectionState;
    /** When this laptop last completed a sync with the server (ms), null before the first. */
    lastSyncAt: number | null;
    /** Own events the server has not yet stored (acknowledged). */
    pending: number;
    /** Envelopes from devices the roster does not know yet (kept, retried when it grows). */
    held: number;
    /** Envelopes received and still being checked and folded in (progress of a catch-up). */
    receiving: number;
    rejected: number;
    peers: import('./presence').Peer[];
    /** Why the server last refused this laptop (a full disk, a limit), until it accepts again. */
    refusal?: string;
    /** The key epoch this laptop writes in. */
    epoch: number;
    /** Why this laptop cannot follow the team into its newest key (it then only reads). */
    trouble?: EpochTrouble;
}
export declare class SyncClient {
    private readonly options;
    private readonly epochs;
    readonly roster: Roster;
    private readonly receiver;
    /** One link per epoch still to be read; the newest is where this laptop writes. */
    private readonly links;
    private presence;
    /** Ids of every event in the local store. */
    private readonly known;
    /** Ids of this laptop's own events, which only it can sign and push. */
    private readonly own;
    /** Own events not yet acknowledged by the server; `Sent` once pushed into a room. */
    private readonly pending;
    /** Own events waiting to be pushed, in order (null: to be read back from the store). */
    private readonly outbox;
    /**
     * Envelopes sealed and signed as own events are made (while offline too), so a reconnect
     * after a long offline stretch only sends; bounded, beyond it sealing waits for the push.
     */
    private readonly sealed;
    private inFlight;
    private pumping;
    /** Sending has its own queue: a long catch-up being received must not hold back what this laptop sends. */
    private sending;
    private wanted;
    private lastSyncAt;
    private refusal;
    private stopped;
    private readonly listeners;
    private readonly unsubscribe;
    private readonly now;
    private readonly handlers;
    private constructor();
    /** Reads what the store holds (ids and clocks in clear; only workspace events are opened), then connects unless told not to. */
    static start(options: SyncClientOptions): Promise<SyncClient>;
    connect(): void;
    /** Goes offline on purpose; edits go on and are sent on the next connect. */
    disconnect(): void;
    /** Tells the other members which board this person is looking at (null: none). */
    setBoard(board: string | null): void;
    private board;
    status(): SyncStatus;
    subscribe(listener: (s: SyncStatus) => void): () => void;
    /** Every envelope refused, with its reason (the most recent thousand). */
    rejected(): Rejection[];
    onRejected(listener: (r: Rejection) => void): () => void;
    /** Resolves once everything received and everything to send so far has been handled. */
    idle(): Promise<void>;
    /** Ids of own events the server has not acknowledged yet (for tests and diagnostics). */
    pendingIds(): string[];
    /** Number of envelopes in the current epoch's room (for tests and diagnostics). */
    get size(): number;
    stop(): Promise<void>;
    private get currentLink();
    private emit;
    /** One link per epoch held: older rooms are read once to the end, the newest is written to. */
    private openRooms;
    private linkOptions;
    private attachPresence;
    /** A device added before key epochs publishes its X25519 key, so the next epoch's key can reach it. */
    private publishKeyIfMissing;
    private onLocal;
    /** Remote events stored: the chain may have moved (an epoch started in the current room). */
    private onAccepted;
    private onSynced;
    private retire;
    /** Looks at the chain again once everything received so far is handled. */
    private checkChain;
    /**
     * The current room: ask for a freeze once an epoch-started event for the next epoch is in
     * it (ours only once acknowledged); once it is frozen and read, move on.
     */
    private advance;
    /** Writes go to the next epoch's room from now on; whatever the old room did not acknowledge goes there. */
    private moveTo;
    private resend;
    private fault;
    /** Pushes own events in chunks while the current room is live and not too much is unacknowledged. */
    private pump;
    /** Own events to re-send that are not in memory: one read of the store fills them all in. */
    private readBack;
    private pushChunk;
    /** The server's acknowledgement (its state for the clients of an update it stored), or the news that a room is frozen. */
    private onServerMessage;
    /**
     * The server refused this laptop in a room (the link backs off and retries). A frozen
     * room: what this laptop pushed there unacknowledged will go to the next epoch; the room
     * is opened again without it (a fresh document), read to the end, and the chain moves on.
     */
    private onRefused;
}
