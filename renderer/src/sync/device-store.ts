/**
 * What this laptop keeps to take part in sync: its device keys (Ed25519 to sign, X25519 to
 * receive epoch keys; PKCS#8 sealed under the workspace key, so a copied profile without
 * the passphrase yields nothing), the keyring of epoch keys and the sync settings (server,
 * its certificate fingerprint, room, roster anchor), sealed likewise: nothing reads them
 * before unlock. All live in the workspace's meta table under "sync:" keys, beside the
 * vault record; only the device's public keys stay in clear.
 */
import { generateAgreementKey } from '../../../shared/sync/agreement';
import type { EpochState } from '../../../shared/sync/commands';
import { generateDeviceKey, importDeviceKey, type DeviceKey, type DeviceKeySecrets } from '../../../shared/sync/device-key';
import { parseKeyring, type KeyringEntry } from '../../../shared/sync/epoch';
import { DEVICE_ADDED, isRosterEvent, Roster, type DeviceAddedPayload, type RosterRoot } from '../../../shared/sync/roster';
import { originDevice } from '../../../shared/sync/envelope';
import { openBytes, openJson, sealBytes, sealJson } from '../../../shared/vault/cipher';
import type { EventStore } from '../data/event-store';

const DEVICE_KEY = 'sync:device';
const SETTINGS_KEY = 'sync:settings';
const KEYRING_KEY = 'sync:keyring';
const AAD = 'meta:sync:device';
const AGREEMENT_AAD = 'meta:sync:device:agreement';
const KEYRING_AAD = 'meta:sync:keyring';
const SETTINGS_AAD = 'meta:sync:settings';

interface StoredDevice {
  deviceId: string;
  publicKey: string;
  sealedPkcs8: Uint8Array;
  /** Absent for devices made before key epochs: made on their next start. */
  agreement?: { publicKey: string; sealedPkcs8: Uint8Array };
}

export interface SyncSettings {
  serverUrl: string;
  /** SHA-256 of the server's TLS certificate (base64url) to pin, when it has its own (a laptop hosting); null otherwise. */
  fingerprint?: string | null;
  room: string;
  root: RosterRoot;
}

/** This laptop's device keys, created (and sealed away) the first time they are asked for. */
export async function loadOrCreateDeviceKey(store: EventStore, deviceId: string): Promise<DeviceKey> {
  const meta = store.database.meta;
  const stored = (await meta.get(DEVICE_KEY))?.value as StoredDevice | undefined;
  if (!stored) {
    const { key, pkcs8, agreementPkcs8 } = await generateDeviceKey(deviceId);
    return saveDeviceKey(store, key, { pkcs8, agreementPkcs8 });
  }
  if (stored.deviceId !== deviceId) throw new Error('sync: the stored device key belongs to another device id');
  const pkcs8 = await openBytes(store.keys.data, stored.sealedPkcs8, AAD);
  if (stored.agreement) {
    const agreement = { publicKey: stored.agreement.publicKey, pkcs8: await openBytes(store.keys.data, stored.agreement.sealedPkcs8, AGREEMENT_AAD) };
    return importDeviceKey(deviceId, stored.publicKey, pkcs8, agreement);
  }
  // A device from before key epochs: it gets its X25519 key now (and publishes it, sync-client.ts).
  const made = await generateAgreementKey();
  const key = await importDeviceKey(deviceId, stored.publicKey, pkcs8, { publicKey: made.key.publicKey, pkcs8: new Uint8Array(made.pkcs8) });
  return saveDeviceKey(store, key, { pkcs8, agreementPkcs8: made.pkcs8 });
}

/** Keeps keys made elsewhere (the joiner's, made while redeeming an invite); wipes the secrets it was given. */
export async function saveDeviceKey(store: EventStore, key: DeviceKey, secrets: DeviceKeySecrets): Promise<DeviceKey> {
  const record: StoredDevice = {
    deviceId: key.deviceId,
    publicKey: key.publicKey,
    sealedPkcs8: await sealBytes(store.keys.data, secrets.pkcs8, AAD),
    agreement: { publicKey: key.agreement.publicKey, sealedPkcs8: await sealBytes(store.keys.data, secrets.agreementPkcs8, AGREEMENT_AAD) },
  };
  secrets.pkcs8.fill(0);
  secrets.agreementPkcs8.fill(0);
  await store.database.meta.put({ key: DEVICE_KEY, value: record });
  return key;
}

/**
 * The settings as last read or saved, per open store: every local write asks the role book,
 * which asks these for the team's founder (reading and opening them each time cost ≈ 1.4 ms
 * an append). Only saveSyncSettings writes them; the entry goes with the store on lock.
 */
const settingsRead = new WeakMap<EventStore, Promise<SyncSettings | undefined>>();

export async function readSyncSettings(store: EventStore): Promise<SyncSettings | undefined> {
  let read = settingsRead.get(store);
  if (!read) {
    read = readStoredSettings(store);
    settingsRead.set(store, read);
    // A failed read is not kept: the next caller reads again.
    read.catch(() => settingsRead.delete(store));
  }
  const settings = await read;
  return settings === undefined ? undefined : structuredClone(settings);
}

async function readStoredSettings(store: EventStore): Promise<SyncSettings | undefined> {
  const stored = (await store.database.meta.get(SETTINGS_KEY))?.value as { sealed: Uint8Array } | SyncSettings | undefined;
  if (!stored) return undefined;
  if ('sealed' in stored) return openJson<SyncSettings>(store.keys.data, stored.sealed, SETTINGS_AAD);
  // Kept in clear by a version before sealing: sealed now, the clear copy replaced.
  await saveSyncSettings(store, stored);
  return stored;
}

export async function saveSyncSettings(store: EventStore, settings: SyncSettings): Promise<void> {
  const sealed = await sealJson(store.keys.data, settings, SETTINGS_AAD);
  await store.database.meta.put({ key: SETTINGS_KEY, value: { sealed } });
  settingsRead.set(store, Promise.resolve(structuredClone(settings)));
}

/** The epoch keys this laptop holds beyond epoch 0 (which follows from the workspace key), oldest first. */
export async function readKeyring(store: EventStore): Promise<KeyringEntry[]> {
  const stored = (await store.database.meta.get(KEYRING_KEY))?.value as { sealed: Uint8Array } | undefined;
  return stored ? parseKeyring(await openJson(store.keys.data, stored.sealed, KEYRING_AAD)) : [];
}

export async function saveKeyring(store: EventStore, entries: KeyringEntry[]): Promise<void> {
  const sealed = await sealJson(store.keys.data, parseKeyring(entries), KEYRING_AAD);
  await store.database.meta.put({ key: KEYRING_KEY, value: { sealed } });
}

/**
 * What the epoch commands check against, read from the store: the roster (from its signed
 * events), this device, and the newest epoch whose key this laptop holds.
 */
export async function readEpochState(store: EventStore): Promise<EpochState> {
  const settings = await readSyncSettings(store);
  const device = (await store.database.meta.get(DEVICE_KEY))?.value as StoredDevice | undefined;
  if (!settings || !device) throw new Error('sync: this laptop is not in a team');
  // Stored roster events were verified when they arrived (or are our own): their signer stamped them.
  const roster = Roster.fromEvents(settings.root, (await store.readEvents(null)).filter(isRosterEvent), originDevice);
  const keyring = await readKeyring(store);
  return { devices: roster.list(), rootId: settings.root.deviceId, me: device.deviceId, epoch: keyring.at(-1)?.epoch ?? 0 };
}

/**
 * The creator turns sync on: this device becomes the roster anchor, a random room is
 * chosen, and the device's own roster entry is appended (signed when it is pushed).
 */
export async function startTeam(
  store: EventStore,
  me: { deviceId: string; personId: string; personName: string; roles: string[] },
  serverUrl: string,
  fingerprint: string | null = null,
): Promise<{ settings: SyncSettings; device: DeviceKey }> {
  const existing = await readSyncSettings(store);
  const device = await loadOrCreateDeviceKey(store, me.deviceId);
  if (existing) return { settings: { ...existing, serverUrl, fingerprint }, device };
  const settings: SyncSettings = {
    serverUrl,
    fingerprint,
    room: crypto.randomUUID().replace(/-/g, ''),
    root: { deviceId: me.deviceId, publicKey: device.publicKey, personId: me.personId },
  };
  const payload: DeviceAddedPayload = {
    deviceId: me.deviceId,
    publicKey: device.publicKey,
    agreementKey: device.agreement.publicKey,
    personId: me.personId,
    personName: me.personName,
    roles: me.roles,
  };
  await store.append([{ type: DEVICE_ADDED, incidentId: null, payload }]);
  await saveSyncSettings(store, settings);
  return { settings, device };
}
