/**
 * Setting up a workspace and changing its passphrase derive the passphrase key off the page's
 * thread, as the unlock does (decision 004): in a worker here (in the desktop app, in main),
 * so the window does not freeze for Argon2id, and the key is the same as the plain derivation's.
 */
import 'fake-indexeddb/auto';
import { argon2id } from 'hash-wasm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readVaultRecord, unlockWorkspace } from '../data/workspace';
import { kdfWorkers } from './test-kdf-workers';
import { database, useSession } from './session-store';

const PASS = '港の見える丘で三時に会う';
const NEXT = '新しい合言葉は夕焼けの色';

/** Workers that answer as kdf-worker.ts does; each passphrase they were asked for, in order. */
const { Worker: KdfWorker, made, asked } = kdfWorkers('answers');
vi.stubGlobal('Worker', KdfWorker);
afterAll(() => vi.unstubAllGlobals());

describe('Argon2id off the page thread when setting up and changing the passphrase', () => {
  it('derives in a worker, ends it, and the workspace opens with the passphrase afterwards', async () => {
    await useSession.getState().create(PASS, '山田 花子');
    expect(useSession.getState().status).toBe('unlocked');
    expect(asked).toEqual([PASS]);
    expect(made.every((w) => w.terminated)).toBe(true);

    // The old passphrase is checked and the new one derived, both in workers.
    expect(await useSession.getState().changePassphrase('not the passphrase', NEXT)).toBe(false);
    expect(await useSession.getState().changePassphrase(PASS, NEXT)).toBe(true);
    expect(asked).toEqual([PASS, 'not the passphrase', PASS, NEXT]);
    expect(made.every((w) => w.terminated)).toBe(true);

    useSession.getState().lock('manual');
    await vi.waitFor(() => expect(useSession.getState().status).toBe('locked'));
    expect(await useSession.getState().unlock(PASS)).toBe(false);
    expect(await useSession.getState().unlock(NEXT)).toBe(true);
  }, 60_000);
});

describe('in the desktop app', () => {
  it('main derives for the unlock only: setting up and changing the passphrase write records made in a worker, so a fault in main cannot make a record the passphrase does not open', async () => {
    useSession.getState().lock('manual');
    await vi.waitFor(() => expect(useSession.getState().status).toBe('locked'));
    // Main answering a key for another salt: wrong for every record it would have made.
    const kdf = vi.fn(async (req: { passphrase: string; memorySize: number; iterations: number; parallelism: number }) =>
      argon2id({ password: req.passphrase.normalize('NFC'), salt: new Uint8Array(16), memorySize: req.memorySize, iterations: req.iterations, parallelism: req.parallelism, hashLength: 32, outputType: 'binary' }),
    );
    vi.stubGlobal('window', { honbu: { kdf } });
    asked.length = 0;
    // The unlock asks main; its wrong key is refused as a wrong passphrase, and nothing is written.
    const record = await readVaultRecord(database());
    expect(await useSession.getState().unlock(NEXT)).toBe(false);
    expect(kdf).toHaveBeenCalledTimes(1);
    expect(await readVaultRecord(database())).toEqual(record);
    vi.stubGlobal('window', undefined);
    expect(await useSession.getState().unlock(NEXT)).toBe(true);
    vi.stubGlobal('window', { honbu: { kdf } });
    kdf.mockClear();
    expect(await useSession.getState().changePassphrase(NEXT, PASS)).toBe(true);
    expect(kdf).not.toHaveBeenCalled();
    expect(asked).toEqual([NEXT, NEXT, PASS]);
    // The new record opens by the plain derivation, as a browser or a laptop without main's module would.
    await expect(unlockWorkspace(database(), PASS)).resolves.toBeDefined();
  }, 60_000);
});
