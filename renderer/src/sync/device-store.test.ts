import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { sign, verify, importVerifyKey } from '../../../shared/sync/device-key';
import { HonbuDb } from '../data/db';
import { createWorkspace, unlockWorkspace } from '../data/workspace';
import { loadOrCreateDeviceKey, readSyncSettings, startTeam } from './device-store';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
const PASS = 'sync device passphrase';

describe('device key and sync settings', () => {
  it('keeps one device key per workspace, sealed, usable after unlocking again', async () => {
    const db = new HonbuDb(`device-${crypto.randomUUID()}`);
    dbs.push(db);
    const ws = await createWorkspace(db, PASS, { name: '山田 花子' }, { cost: TEST_KDF_COST });
    const { settings, device } = await startTeam(ws.store, { ...ws.identity, personName: '山田 花子', roles: ['direction'] }, 'ws://127.0.0.1:4455');
    expect(settings.root).toEqual({ deviceId: ws.identity.deviceId, publicKey: device.publicKey, personId: ws.identity.personId });
    expect((await ws.store.readEvents(null)).some((e) => e.type === 'sync.device-added')).toBe(true);

    const again = await unlockWorkspace(db, PASS);
    const reopened = await loadOrCreateDeviceKey(again.store, again.identity.deviceId);
    expect(reopened.publicKey).toBe(device.publicKey);
    const data = new TextEncoder().encode('signed');
    expect(await verify(await importVerifyKey(device.publicKey), await sign(reopened.privateKey, data), data)).toBe(true);
    expect(await readSyncSettings(again.store)).toEqual(settings);
    // The private key is never stored in clear.
    const raw = JSON.stringify(await db.meta.toArray(), (_k, v: unknown) => (v instanceof Uint8Array ? [...v].join(',') : v));
    expect(raw).toContain('sync:device');
    expect(raw).not.toContain('privateKey');
  });

  it('keeps the sync settings sealed (server, room, roster anchor), and seals those an older version kept in clear', async () => {
    const db = new HonbuDb(`device-${crypto.randomUUID()}`);
    dbs.push(db);
    const ws = await createWorkspace(db, PASS, { name: '山田 花子' }, { cost: TEST_KDF_COST });
    const { settings } = await startTeam(ws.store, { ...ws.identity, personName: '山田 花子', roles: ['direction'] }, 'wss://sync.example-corp.jp:4455');
    const raw = async () => JSON.stringify(await db.meta.toArray(), (_k, v: unknown) => (v instanceof Uint8Array ? [...v].join(',') : v));
    expect(await raw()).not.toContain('sync.example-corp.jp');
    expect(await raw()).not.toContain(settings.room);

    // An older version wrote them in clear: still read, and sealed from then on.
    await db.meta.put({ key: 'sync:settings', value: settings });
    expect(await raw()).toContain(settings.room);
    const again = await unlockWorkspace(db, PASS);
    expect(await readSyncSettings(again.store)).toEqual(settings);
    expect(await raw()).not.toContain(settings.room);
    expect(await readSyncSettings(again.store)).toEqual(settings);
  });
});
