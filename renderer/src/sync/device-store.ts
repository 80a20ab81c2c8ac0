/**
 * What this laptop keeps to take part in sync: its device key (PKCS#8 sealed under the
 * workspace key, so a copied profile without the passphrase yields nothing) and the sync
 * settings (server, room, roster anchor). Both live in the workspace's meta table under
 * "sync:" keys, beside the vault record.
 */
import { generateDeviceKey, importDeviceKey, type DeviceKey } from '../../../shared/sync/device-key';
import { DEVICE_ADDED, type DeviceAddedPayload, type RosterRoot } from '../../../shared/sync/roster';
import { openBytes, sealBytes } from '../../../shared/vault/cipher';
import type { EventStore } from '../data/event-store';

const DEVICE_KEY = 'sync:device';
const SETTINGS_KEY = 'sync:settings';
const AAD = 'meta:sync:device';

interface StoredDevice {
  deviceId: string;
  publicKey: string;
  sealedPkcs8: Uint8Array;
}

export interface SyncSettings {
  serverUrl: string;
  room: string;
  root: RosterRoot;
}

/** This laptop's device key, created (and sealed away) the first time it is asked for. */
export async function loadOrCreateDeviceKey(store: EventStore, deviceId: string): Promise<DeviceKey> {
  const meta = store.database.meta;
  const stored = (await meta.get(DEVICE_KEY))?.value as StoredDevice | undefined;
  if (stored) {
    if (stored.deviceId !== deviceId) throw new Error('sync: the stored device key belongs to another device id');
    return importDeviceKey(deviceId, stored.publicKey, await openBytes(store.keys.data, stored.sealedPkcs8, AAD));
  }
  const { key, pkcs8 } = await generateDeviceKey(deviceId);
  return saveDeviceKey(store, key, pkcs8);
}

/** Keeps a key made elsewhere (the joiner's, made while redeeming an invite). */
export async function saveDeviceKey(store: EventStore, key: DeviceKey, pkcs8: Uint8Array<ArrayBuffer>): Promise<DeviceKey> {
  const record: StoredDevice = { deviceId: key.deviceId, publicKey: key.publicKey, sealedPkcs8: await sealBytes(store.keys.data, pkcs8, AAD) };
  pkcs8.fill(0);
  await store.database.meta.put({ key: DEVICE_KEY, value: record });
  return key;
}

export async function readSyncSettings(store: EventStore): Promise<SyncSettings | undefined> {
  return (await store.database.meta.get(SETTINGS_KEY))?.value as SyncSettings | undefined;
}

export async function saveSyncSettings(store: EventStore, settings: SyncSettings): Promise<void> {
  await store.database.meta.put({ key: SETTINGS_KEY, value: settings });
}

/**
 * The creator turns sync on: this device becomes the roster anchor, a random room is
 * chosen, and the device's own roster entry is appended (signed when it is pushed).
 */
export async function startTeam(
  store: EventStore,
  me: { deviceId: string; personId: string; personName: string; roles: string[] },
  serverUrl: string,
): Promise<{ settings: SyncSettings; device: DeviceKey }> {
  const existing = await readSyncSettings(store);
  const device = await loadOrCreateDeviceKey(store, me.deviceId);
  if (existing) return { settings: { ...existing, serverUrl }, device };
  const settings: SyncSettings = {
    serverUrl,
    room: crypto.randomUUID().replace(/-/g, ''),
    root: { deviceId: me.deviceId, publicKey: device.publicKey, personId: me.personId },
  };
  const payload: DeviceAddedPayload = { deviceId: me.deviceId, publicKey: device.publicKey, personId: me.personId, personName: me.personName, roles: me.roles };
  await store.append([{ type: DEVICE_ADDED, incidentId: null, payload }]);
  await saveSyncSettings(store, settings);
  return { settings, device };
}
