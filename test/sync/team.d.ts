/**
 * Laptops for sync tests: each an EventStore on its own fake-indexeddb database, all
 * sharing one workspace key, each with its own Ed25519 device key; the first is the
 * roster root and adds the others. Clients talk to a real sync server on loopback.
 */
import 'fake-indexeddb/auto';
import { WebSocket } from 'ws';
import type { HonbuEvent } from '../../shared/events/event';
import type { AnyDraft } from '../../shared/events/registry';
import { type DeviceKey } from '../../shared/sync/device-key';
import { type RosterRoot } from '../../shared/sync/roster';
import { HonbuDb } from '../../renderer/src/data/db';
import { EventStore } from '../../renderer/src/data/event-store';
import { SyncClient } from '../../renderer/src/sync/sync-client';
/**
 * `ws` for Node clients. A socket closed while still connecting (going offline mid-connect)
 * emits an error event; browsers just close, and Node would throw it without a listener.
 */
export declare class NodeWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[], options?: WebSocket.ClientOptions);
}
/**
 * `ws` pinned to one certificate, as a joiner's laptop pins the host's (Electron does it in
 * main; see electron/main/sync-tls.ts): the certificate must have this SHA-256 fingerprint
 * (base64url), whoever signed it, or the socket is cut before the WebSocket opens — so no
 * token is ever sent to the wrong server. `seen` collects every fingerprint met.
 */
export declare function pinnedWebSocket(fingerprint: string | null, seen?: string[]): typeof NodeWebSocket;
export interface Laptop {
    name: string;
    db: HonbuDb;
    store: EventStore;
    device: DeviceKey;
    personId: string;
    /** Ids of the events this laptop appended. */
    appended: Set<string>;
    client?: SyncClient;
}
export interface Team {
    laptops: Laptop[];
    root: RosterRoot;
    room: string;
    keys: {
        data: CryptoKey;
        index: CryptoKey;
    };
    /** The workspace master key, which an invite hands to a joiner. */
    master: Uint8Array;
    add(name: string): Promise<Laptop>;
    append(l: Laptop, drafts: AnyDraft[]): Promise<HonbuEvent[]>;
    connect(l: Laptop, url: string, opts?: {
        connect?: boolean;
    }): Promise<SyncClient>;
    dispose(): Promise<void>;
}
export declare function makeTeam(names: string[]): Promise<Team>;
export declare const sleep: (ms: number) => Promise<unknown>;
/** Event ids in a laptop's store (keys only: no decryption while polling). */
export declare function storedIds(l: Laptop): Promise<Set<string>>;
/** Waits until every laptop holds exactly `expected` events and its client is idle. */
export declare function waitConverged(laptops: Laptop[], expected: Set<string>, timeoutMs: number): Promise<void>;
/** Every projection table of a laptop, rows sorted by id. */
export declare function projections(l: Laptop): Promise<Record<string, unknown[]>>;
export declare function allAppended(laptops: Laptop[]): Set<string>;
