/**
 * Who is online and on which board, over Yjs awareness. The state each laptop publishes
 * is sealed under the workspace key: the relay forwards it but cannot read names.
 */
import type { Awareness } from 'y-protocols/awareness';
export interface Peer {
    deviceId: string;
    personName: string;
    board: string | null;
}
export declare class Presence {
    private readonly awareness;
    private readonly key;
    private readonly deviceId;
    private readonly personName;
    private readonly changed;
    private board;
    private readonly opened;
    private seq;
    constructor(awareness: Awareness, key: CryptoKey, deviceId: string, personName: string, changed: () => void);
    setBoard(board: string | null): void;
    /**
     * Publishes again after a reconnect: peers dropped our state when we went away and
     * ignore a re-send with the same awareness clock, so the clock must move on.
     */
    republish(): void;
    peers(): Peer[];
    destroy(): void;
    private publish;
    private readonly onChange;
    private refresh;
}
