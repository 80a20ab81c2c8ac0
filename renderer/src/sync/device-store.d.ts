import type { EpochState } from '../../../shared/sync/commands';
import { type DeviceKey, type DeviceKeySecrets } from '../../../shared/sync/device-key';
import { type KeyringEntry } from '../../../shared/sync/epoch';
import { type RosterRoot } from '../../../shared/sync/roster';
import type { EventStore } from '../data/event-store';
export interface SyncSettings {
    serverUrl: string;
    /** SHA-256 of the server's TLS certificate (base64url) to pin, when it has its own (a laptop hosting); null otherwise. */
    fingerprint?: string | null;
    room: string;
    root: RosterRoot;
}
/** This laptop's device keys, created (and sealed away) the first time they are asked for. */
export declare function loadOrCreateDeviceKey(store: EventStore, deviceId: string): Promise<DeviceKey>;
/** Keeps keys made elsewhere (the joiner's, made while redeeming an invite); wipes the secrets it was given. */
export declare function saveDeviceKey(store: EventStore, key: DeviceKey, secrets: DeviceKeySecrets): Promise<DeviceKey>;
export declare function readSyncSettings(store: EventStore): Promise<SyncSettings | undefined>;
export declare function saveSyncSettings(store: EventStore, settings: SyncSettings): Promise<void>;
/** The epoch keys this laptop holds beyond epoch 0 (which follows from the workspace key), oldest first. */
export declare function readKeyring(store: EventStore): Promise<KeyringEntry[]>;
export declare function saveKeyring(store: EventStore, entries: KeyringEntry[]): Promise<void>;
/**
 * What the epoch commands check against, read from the store: the roster (from its signed
 * events), this device, and the newest epoch whose key this laptop holds.
 */
export declare function readEpochState(store: EventStore): Promise<EpochState>;
/**
 * The creator turns sync on: this device becomes the roster anchor, a random room is
 * chosen, and the device's own roster entry is appended (signed when it is pushed).
 */
export declare function startTeam(store: EventStore, me: {
    deviceId: string;
    personId: string;
    personName: string;
    roles: string[];
}, serverUrl: string, fingerprint?: string | null): Promise<{
    settings: SyncSettings;
    device: DeviceKey;
}>;
