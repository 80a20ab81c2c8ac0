/**
 * Attacks on setting up, joining and changing the passphrase through a KdfRunner, here the
 * unlock's `offThreadKdf()` (main first, then a worker, then in place; the app itself gives
 * the writes `workerKdf()`, decision 004, addendum 5, so these are the harder case): workers
 * that fail to load, crash or garble mid-derivation, throw, never answer, or answer with something other than the key; main (desktop) refusing, sending 31 or 33 bytes, or too late; a
 * passphrase change beside an unlock. Each time the workspace must open with the passphrase
 * typed and no other, nothing may be half-written, and no notice may alarm the person.
 */
import 'fake-indexeddb/auto';
import { argon2id } from 'hash-wasm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deriveKek, TEST_KDF_COST, type KdfRunner } from '../../../shared/vault/kdf';
import { createVault, unlockVault, unwrapMasterKey, WrongPassphraseError } from '../../../shared/vault/vault';
import { HonbuDb } from '../data/db';
import { changeWorkspacePassphrase, createWorkspace, joinWorkspace, readVaultRecord, unlockWorkspace } from '../data/workspace';
import { tables } from '../data/tables';
import { errorLog } from '../errors/error-log';
import { useErrors } from '../errors/error-store';
import { offThreadKdf } from './kdf-off-thread';
import { kdfWorkers, type KdfWorkerMode } from './test-kdf-workers';

const PASS = '港の見える丘で三時に会う';
const NEXT = '新しい合言葉は夕焼けの色';
const JOINER = '参加する人の別の合言葉です';
const cost = TEST_KDF_COST;

/** Workers as kdf-worker.ts, or failing in one way, installed as the page's Worker. */
function workers(mode: KdfWorkerMode) {
  const w = kdfWorkers(mode);
  vi.stubGlobal('Worker', w.Worker);
  return w;
}

type MainReq = { passphrase: string; salt: Uint8Array; memorySize: number; iterations: number; parallelism: number };
const mainBytes = (req: MainReq) =>
  argon2id({ password: req.passphrase.normalize('NFC'), salt: req.salt, memorySize: req.memorySize, iterations: req.iterations, parallelism: req.parallelism, hashLength: 32, outputType: 'binary' });

/** window.honbu as the preload gives it; every buffer main sent. */
function desktop(kdf: (req: MainReq) => Promise<Uint8Array>) {
  const sent: Uint8Array[] = [];
  const calls = vi.fn(async (req: MainReq) => {
    const out = await kdf(req);
    if (out instanceof Uint8Array) sent.push(out);
    return out;
  });
  vi.stubGlobal('window', { honbu: { kdf: calls } });
  return { calls, sent };
}

/** Main as electron/main/kdf.ts: one derivation at a time, a second refused while one runs. */
function mainOneAtATime(delayMs = 0) {
  let busy = false;
  return async (req: MainReq) => {
    if (busy) throw new Error('kdf: a derivation is already running');
    busy = true;
    try {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      return await mainBytes(req);
    } finally {
      busy = false;
    }
  };
}

const dbs: HonbuDb[] = [];
const fresh = () => {
  const db = new HonbuDb(`attack-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
};

/** Opens with `good` (by the plain derivation, in place) and not with any of `bad`. */
async function opensOnlyWith(db: HonbuDb, good: string, ...bad: string[]) {
  const ws = await unlockWorkspace(db, good);
  for (const b of bad) await expect(unlockWorkspace(db, b)).rejects.toBeInstanceOf(WrongPassphraseError);
  return ws;
}

let logged: { mock: { calls: unknown[][] } };
let shown = 0;
function watchErrors() {
  shown = useErrors.getState().count;
  logged = vi.spyOn(errorLog, 'record');
}
function nothingTechnicalShown(...secrets: string[]) {
  expect(useErrors.getState().count).toBe(shown);
  const text = JSON.stringify(logged.mock.calls);
  for (const s of secrets) expect(text).not.toContain(s);
}

afterEach(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('a worker that fails during setup, join and passphrase change', () => {
  for (const mode of ['fails-to-load', 'crashes-mid', 'garbles-mid', 'throws', 'not-a-key', 'key-shaped', 'other-key'] as const) {
    it(`${mode}: the same derivation runs here, the workspace opens with the passphrase typed only, workers end, no notice, no passphrase in the log`, async () => {
      const { made } = workers(mode);
      watchErrors();
      const host = fresh();
      const a = await createWorkspace(host, PASS, { name: '山田 花子' }, { cost, derive: offThreadKdf() });
      await opensOnlyWith(host, PASS, NEXT, PASS + ' ');

      const master = await unwrapMasterKey((await readVaultRecord(host))!, PASS, offThreadKdf());
      await expect(unwrapMasterKey((await readVaultRecord(host))!, NEXT, offThreadKdf())).rejects.toBeInstanceOf(WrongPassphraseError);
      const laptop = fresh();
      const identity = { deviceId: crypto.randomUUID(), personId: crypto.randomUUID() };
      await joinWorkspace(laptop, master, JOINER, identity, { name: '佐藤 一郎' }, { cost, derive: offThreadKdf() });
      master.fill(0);
      const b = await opensOnlyWith(laptop, JOINER, PASS);
      expect((await b.store.table(tables.people).get(identity.personId))?.name).toBe('佐藤 一郎');
      expect((await b.store.table(tables.people).get(a.identity.personId))).toBeUndefined();

      await expect(changeWorkspacePassphrase(host, NEXT, JOINER, offThreadKdf())).rejects.toBeInstanceOf(WrongPassphraseError);
      await changeWorkspacePassphrase(host, PASS, NEXT, offThreadKdf());
      await opensOnlyWith(host, NEXT, PASS);

      expect(made.length).toBeGreaterThanOrEqual(6);
      expect(made.every((w) => w.terminated)).toBe(true);
      nothingTechnicalShown(PASS, NEXT, JOINER);
    });
  }

  it('a worker that never answers: after the minute the derivation runs here, and the setup is correct', async () => {
    const { made, asked } = workers('silent');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const made1 = createVault(PASS, cost, offThreadKdf());
    await vi.advanceTimersByTimeAsync(59_000);
    let settled = false;
    void made1.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1_001);
    const { record } = await made1;
    vi.useRealTimers();
    expect(asked).toEqual([PASS]);
    expect(made[0]!.terminated).toBe(true);
    // The record opens with the plain derivation.
    await unlockVault(record, PASS);
    await expect(unlockVault(record, NEXT)).rejects.toBeInstanceOf(WrongPassphraseError);
  });
});

describe('a passphrase change whose derivation fails leaves the vault as it was', () => {
  it('the record in IndexedDB is unchanged, the old passphrase still opens, the new one does not', async () => {
    const db = fresh();
    await createWorkspace(db, PASS, { name: '山田 花子' }, { cost });
    const before = await readVaultRecord(db);
    let n = 0;
    const failsSecond: KdfRunner = (p, params, salt) => (++n === 2 ? Promise.reject(new Error('derivation failed')) : deriveKek(p, params, salt));
    await expect(changeWorkspacePassphrase(db, PASS, NEXT, failsSecond)).rejects.toThrow('derivation failed');
    expect(await readVaultRecord(db)).toEqual(before);
    await opensOnlyWith(db, PASS, NEXT);
    // A wrong current passphrase: nothing written either, and only one derivation.
    const asked: string[] = [];
    await expect(changeWorkspacePassphrase(db, NEXT, PASS, (p, params, salt) => (asked.push(p), deriveKek(p, params, salt)))).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(asked).toEqual([NEXT]);
    expect(await readVaultRecord(db)).toEqual(before);
  });

  it('a new passphrase too short is refused before any derivation and nothing is written', async () => {
    const db = fresh();
    await createWorkspace(db, PASS, { name: '山田 花子' }, { cost });
    const before = await readVaultRecord(db);
    const derive = vi.fn(deriveKek);
    await expect(changeWorkspacePassphrase(db, PASS, '短い', derive)).rejects.toThrow(/too short/);
    expect(derive).not.toHaveBeenCalled();
    expect(await readVaultRecord(db)).toEqual(before);
  });
});

describe('given the unlock\'s runner in the desktop app: main derives', () => {
  it('setup, invite, join and change each derive in main with no worker, and every buffer main sent is zeroed', async () => {
    const { made } = workers('answers');
    const { calls, sent } = desktop(mainBytes);
    const host = fresh();
    await createWorkspace(host, PASS, { name: '山田 花子' }, { cost, derive: offThreadKdf() });
    const master = await unwrapMasterKey((await readVaultRecord(host))!, PASS, offThreadKdf());
    const laptop = fresh();
    await joinWorkspace(laptop, master, JOINER, { deviceId: 'd', personId: 'p' }, { name: '佐藤 一郎' }, { cost, derive: offThreadKdf() });
    await changeWorkspacePassphrase(host, PASS, NEXT, offThreadKdf());
    expect(calls.mock.calls.map(([r]) => r.passphrase)).toEqual([PASS, PASS, JOINER, PASS, NEXT]);
    expect(made).toHaveLength(0);
    expect(sent).toHaveLength(5);
    for (const s of sent) expect([...s]).toEqual(new Array(32).fill(0));
    // What main made opens in a browser (in place, WebAssembly).
    await opensOnlyWith(host, NEXT, PASS);
    await opensOnlyWith(laptop, JOINER, PASS);
  });

  const failures: [string, (req: MainReq) => Promise<Uint8Array>][] = [
    ['refuses (another derivation running)', () => Promise.reject(new Error('kdf: a derivation is already running'))],
    ['refuses a passphrase over 1024 units (the IPC validator)', () => Promise.reject(new Error("Error invoking remote method 'vault:kdf': invalid argument"))],
    ['sends 31 bytes', async (req) => (await mainBytes(req)).slice(0, 31)],
    ['sends 33 bytes', async (req) => Uint8Array.from([...(await mainBytes(req)), 0])],
  ];
  for (const [what, answer] of failures) {
    it(`main that ${what}: the worker derives, the workspace opens with the passphrase typed only, no notice`, async () => {
      const { made } = workers('answers');
      const { sent } = desktop(answer);
      watchErrors();
      const db = fresh();
      await createWorkspace(db, PASS, { name: '山田 花子' }, { cost, derive: offThreadKdf() });
      await changeWorkspacePassphrase(db, PASS, NEXT, offThreadKdf());
      await opensOnlyWith(db, NEXT, PASS);
      expect(made).toHaveLength(3);
      expect(made.every((w) => w.terminated)).toBe(true);
      for (const s of sent) expect(s.every((x) => x === 0)).toBe(true);
      nothingTechnicalShown(PASS, NEXT);
    });
  }

  it('main too slow for both derivations of a change: the worker takes over each; late answers are zeroed; the change is right', async () => {
    const { made } = workers('answers');
    const { sent } = desktop(mainOneAtATime(300));
    const db = fresh();
    await createWorkspace(db, PASS, { name: '山田 花子' }, { cost });
    watchErrors();
    // Main's first derivation is still running when the second comes: refused, the worker derives.
    await changeWorkspacePassphrase(db, PASS, NEXT, offThreadKdf(undefined, 50));
    await opensOnlyWith(db, NEXT, PASS);
    expect(made).toHaveLength(2);
    await vi.waitFor(() => expect(sent.length).toBeGreaterThanOrEqual(1), { timeout: 5_000 });
    await vi.waitFor(() => expect(sent.every((s) => s.every((x) => x === 0))).toBe(true), { timeout: 5_000 });
    nothingTechnicalShown(PASS, NEXT);
  });

  it('a passphrase change beside an unlock of the same workspace (main busy for one of them): both right, then only the new passphrase opens', async () => {
    workers('answers');
    desktop(mainOneAtATime(20));
    const db = fresh();
    await createWorkspace(db, PASS, { name: '山田 花子' }, { cost });
    const [opened] = await Promise.all([unlockWorkspace(db, PASS, undefined, offThreadKdf()), changeWorkspacePassphrase(db, PASS, NEXT, offThreadKdf())]);
    expect(opened.identity.personId).toBeTruthy();
    await opensOnlyWith(db, NEXT, PASS);
  });
});
