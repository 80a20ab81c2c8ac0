/**
 * One epoch's room on the sync server: a Yjs document holding an append-only array of
 * envelopes, its Hocuspocus provider and socket, and the connection's backoff. The
 * client keeps one link per epoch it still has to read, and writes only through the
 * newest. A link knows nothing of keys beyond its token and name: checking and opening
 * envelopes is the receiver's work.
 */
import * as Y from 'yjs';
import { HocuspocusProvider, type HocuspocusProviderWebsocketConfiguration } from '@hocuspocus/provider';
import type { Envelope } from '../../../shared/sync/envelope';
import type { EpochKeys } from '../../../shared/sync/epoch';
export interface RoomLinkHandlers {
    /** What another client inserted (or, from a misbehaving server, deleted). */
    remote(link: RoomLink, added: unknown[], removed: unknown[]): void;
    /** The server's state is in (after every (re)connection). */
    synced(link: RoomLink): void;
    /** A stateless message from the server (acks, `frozen`). */
    message(link: RoomLink, payload: string): void;
    /** The server refused this laptop (a limit, a full disk, a frozen room): the link backs off and retries. */
    refused(link: RoomLink, code: number, reason: string): void;
    status(link: RoomLink): void;
}
export interface RoomLinkOptions {
    serverUrl: string;
    WebSocketPolyfill?: HocuspocusProviderWebsocketConfiguration['WebSocketPolyfill'];
    connect: boolean;
}
/** Close code of a frozen room (server/sync-server.ts). */
export declare const FROZEN_CODE = 4409;
export declare class RoomLink {
    readonly epoch: EpochKeys;
    readonly name: string;
    private readonly handlers;
    readonly doc: Y.Doc;
    readonly array: Y.Array<Envelope>;
    readonly provider: HocuspocusProvider;
    private readonly socket;
    /** The server said this room's epoch ended: no more inserts; read it to the end, then move on. */
    frozen: boolean;
    /** The server's state came in at least once (the client then sends what the room lacks). */
    everSynced: boolean;
    private freezeAsked;
    private wanted;
    private failures;
    private retryTimer;
    private destroyed;
    private constructor();
    static open(epoch: EpochKeys, handlers: RoomLinkHandlers, options: RoomLinkOptions): Promise<RoomLink>;
    get connected(): boolean;
    /** Connected and holding the server's state: own envelopes may go out. */
    get live(): boolean;
    get synced(): boolean;
    get awareness(): import("y-protocols/awareness.js").Awareness;
    connect(): void;
    disconnect(): void;
    /** Appends own envelopes; returns the Yjs client and first clock they took (acks name them). */
    push(envelopes: Envelope[]): {
        client: number;
        base: number;
    };
    /** Everything in the room now, in the document's order. */
    items(): unknown[];
    /** Asks the server to freeze this room (its epoch ended); once per connection is enough, the server keeps it. */
    freeze(): void;
    destroy(): void;
    private isFrozenNotice;
    /** Sent an ack: the server accepts this laptop again; the backoff starts over. */
    accepted(): void;
    /**
     * The server closed the connection. A refusal (a limit, a full disk, not a member, a
     * frozen room) comes with a reason: back off before trying again, longer each time, so a
     * struggling server is not hammered; everything unacknowledged stays pending.
     */
    private onClosed;
}
