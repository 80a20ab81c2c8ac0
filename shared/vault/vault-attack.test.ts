/**
 * Attacks on the vault operations that take a KdfRunner (decision 004, addendum 5): the
 * record and key are byte-compatible with the code before the change (checked against
 * hash-wasm and WebCrypto directly, not through vault.ts), the master-key copies are zeroed
 * on every path, and the passphrase checks run before any derivation.
 */
import { argon2id } from 'hash-wasm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromBase64Url, toBase64Url } from './bytes';
import { openJson, sealJson } from './cipher';
import { deriveKek, TEST_KDF_COST, type KdfRunner } from './kdf';
import { changePassphrase, createVault, MIN_PASSPHRASE_LENGTH, unlockVault, unwrapMasterKey, vaultFromMasterKey, WrongPassphraseError, type VaultRecord } from './vault';

const PASS = '港の見える丘で三時に会う';
const NEXT = '新しい合言葉は夕焼けの色';
const WRAP_CONTEXT = 'honbu/vault/master-key/v1';
const enc = new TextEncoder();

/** The KEK as the code before the change derived it: hash-wasm's Argon2id of the NFC passphrase. */
async function rawKek(passphrase: string, record: VaultRecord): Promise<Uint8Array<ArrayBuffer>> {
  const k = record.kdf;
  return (await argon2id({ password: passphrase.normalize('NFC'), salt: fromBase64Url(k.salt), memorySize: k.memorySize, iterations: k.iterations, parallelism: k.parallelism, hashLength: 32, outputType: 'binary' })) as Uint8Array<ArrayBuffer>;
}

/** The master key inside a record, opened with WebCrypto directly (format: 1 || IV(12) || ct+tag). */
async function masterOf(record: VaultRecord, passphrase: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', await rawKek(passphrase, record), 'AES-GCM', false, ['decrypt']);
  const sealed = fromBase64Url(record.wrappedKey);
  expect(sealed[0]).toBe(1);
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.slice(1, 13), additionalData: enc.encode(WRAP_CONTEXT) }, key, sealed.slice(13)));
}

/** A record as the code before the change wrote it, around a master key of our choosing. */
async function oldRecord(master: Uint8Array<ArrayBuffer>, passphrase: string): Promise<VaultRecord> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const record: VaultRecord = { version: 1, kdf: { alg: 'argon2id', ...TEST_KDF_COST, salt: toBase64Url(salt) }, wrappedKey: '', createdAt: 1_600_000_000_000 };
  const key = await crypto.subtle.importKey('raw', await rawKek(passphrase, record), 'AES-GCM', false, ['encrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(WRAP_CONTEXT) }, key, master));
  const sealed = new Uint8Array(1 + 12 + ct.length);
  sealed.set([1]);
  sealed.set(iv, 1);
  sealed.set(ct, 13);
  return { ...record, wrappedKey: toBase64Url(sealed) };
}

/** The data key the code before the change derived from a master key (HKDF-SHA-256, zero salt, 'honbu/data/v1'). */
async function dataKeyOf(master: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', master, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: enc.encode('honbu/data/v1') }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

function counting(): { runner: KdfRunner; asked: string[] } {
  const asked: string[] = [];
  return { asked, runner: (p, params, salt) => (asked.push(p), deriveKek(p, params, salt)) };
}

afterEach(() => vi.restoreAllMocks());

describe('records are byte-compatible with the code before the change', () => {
  it('a record written the old way unlocks, unwraps to the same master and changes passphrase through a runner', async () => {
    const master = crypto.getRandomValues(new Uint8Array(32));
    const old = await oldRecord(new Uint8Array(master), PASS);
    const { runner, asked } = counting();
    expect([...(await unwrapMasterKey(old, PASS, runner))]).toEqual([...master]);
    const keys = await unlockVault(old, PASS, runner);
    const sealed = await sealJson(await dataKeyOf(new Uint8Array(master)), { name: '山田 花子' }, 'people:1');
    expect(await openJson(keys.data, sealed, 'people:1')).toEqual({ name: '山田 花子' });
    const next = await changePassphrase(old, PASS, NEXT, old.kdf, runner);
    expect(asked).toEqual([PASS, PASS, PASS, NEXT]);
    expect(next.createdAt).toBe(old.createdAt);
    expect([...(await masterOf(next, NEXT))]).toEqual([...master]);
  });

  it('records made through a runner open with hash-wasm and WebCrypto alone, and have the old shape', async () => {
    const { runner } = counting();
    const made = await createVault(PASS, TEST_KDF_COST, runner);
    const master = await masterOf(made.record, PASS);
    expect(master.length).toBe(32);
    const sealed = await sealJson(made.keys.data, { x: 1 }, 'a');
    expect(await openJson(await dataKeyOf(new Uint8Array(master)), sealed, 'a')).toEqual({ x: 1 });

    const joined = await vaultFromMasterKey(master, NEXT, TEST_KDF_COST, 42, runner);
    expect([...(await masterOf(joined.record, NEXT))]).toEqual([...master]);
    const changed = await changePassphrase(joined.record, NEXT, PASS, TEST_KDF_COST, runner);
    expect([...(await masterOf(changed, PASS))]).toEqual([...master]);

    for (const r of [made.record, joined.record, changed]) {
      expect(Object.keys(r).sort()).toEqual(['createdAt', 'kdf', 'version', 'wrappedKey']);
      expect(Object.keys(r.kdf)).toEqual(['alg', 'memorySize', 'iterations', 'parallelism', 'salt']);
      expect(r.kdf).toMatchObject({ alg: 'argon2id', ...TEST_KDF_COST });
      expect(fromBase64Url(r.kdf.salt).length).toBe(16);
      expect(fromBase64Url(r.wrappedKey).length).toBe(1 + 12 + 32 + 16);
    }
    // A cost given with more fields (the record's own kdf) stores only the three costs.
    const fromKdf = await changePassphrase(made.record, PASS, NEXT, { ...made.record.kdf, extra: 1 } as VaultRecord['kdf'], runner);
    expect(Object.keys(fromKdf.kdf)).toEqual(['alg', 'memorySize', 'iterations', 'parallelism', 'salt']);
    expect(fromKdf.kdf.salt).not.toBe(made.record.kdf.salt);
  });
});

describe('passphrases', () => {
  it('decomposed kana (NFD) and composed (NFC) are one passphrase whichever was typed at setup', async () => {
    const nfc = 'パスワードはガギグゲゴ';
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    const { runner } = counting();
    const a = await createVault(nfd, TEST_KDF_COST, runner);
    await unlockVault(a.record, nfc);
    const b = await vaultFromMasterKey(await masterOf(a.record, nfc), nfc, TEST_KDF_COST, 0, runner);
    await unlockVault(b.record, nfd, runner);
    const c = await changePassphrase(b.record, nfd, nfd + '改', TEST_KDF_COST, runner);
    await unlockVault(c, (nfd + '改').normalize('NFC'));
  });

  it('outside Shift_JIS (emoji, 𠮷, Hangul, Cyrillic), and very long, derive and unlock only with themselves', async () => {
    const { runner } = counting();
    for (const pass of ['🔑🏯𠮷野家で会う🙂🙂', '비밀번호는한국어로씁니다', 'пароль на кириллице', 'あ'.repeat(20_000)]) {
      const { record } = await createVault(pass, TEST_KDF_COST, runner);
      await unlockVault(record, pass);
      await expect(unlockVault(record, pass.slice(0, -1))).rejects.toBeInstanceOf(WrongPassphraseError);
      expect((await masterOf(record, pass)).length).toBe(32);
    }
  });

  it('exactly the minimum length is accepted; one less is refused before anything is derived', async () => {
    const { runner, asked } = counting();
    const min = 'あ'.repeat(MIN_PASSPHRASE_LENGTH);
    const short = min.slice(1);
    const { record } = await createVault(min, TEST_KDF_COST, runner);
    const master = await unwrapMasterKey(record, min);
    asked.length = 0;
    await expect(createVault(short, TEST_KDF_COST, runner)).rejects.toThrow(/too short/);
    await expect(vaultFromMasterKey(master, short, TEST_KDF_COST, 0, runner)).rejects.toThrow(/too short/);
    await expect(changePassphrase(record, min, short, TEST_KDF_COST, runner)).rejects.toThrow(/too short/);
    expect(asked).toEqual([]);
    await vaultFromMasterKey(master, min, TEST_KDF_COST, 0, runner);
    expect(asked).toEqual([min]);
  });

  it('a join with a master key of the wrong length is refused before anything is derived, and the caller’s bytes are left to it', async () => {
    const { runner, asked } = counting();
    for (const n of [0, 16, 31, 33, 64]) {
      const bad = new Uint8Array(n).fill(5);
      await expect(vaultFromMasterKey(bad, PASS, TEST_KDF_COST, 0, runner)).rejects.toThrow(/32 bytes/);
      expect([...bad]).toEqual(new Array(n).fill(5));
    }
    expect(asked).toEqual([]);
    // A 32-byte view into a larger buffer is taken as its 32 bytes only.
    const big = crypto.getRandomValues(new Uint8Array(64));
    const view = big.subarray(16, 48);
    const joined = await vaultFromMasterKey(view, PASS, TEST_KDF_COST, 0, runner);
    expect([...(await masterOf(joined.record, PASS))]).toEqual([...view]);
    expect([...big.subarray(16, 48)]).toEqual([...view]);
  });
});

describe('master-key copies are zeroed on every path', () => {
  /** Every buffer the vault hands WebCrypto as a master key (sealed, or imported for HKDF), and every master it unwraps. */
  function watch() {
    const masters: Uint8Array[] = [];
    const subtle = crypto.subtle;
    const encrypt = subtle.encrypt.bind(subtle);
    const decrypt = subtle.decrypt.bind(subtle);
    const importKey = subtle.importKey.bind(subtle) as (...a: unknown[]) => Promise<CryptoKey>;
    const isWrap = (p: unknown) => new TextDecoder().decode((p as AesGcmParams).additionalData as Uint8Array) === WRAP_CONTEXT;
    const enc = vi.spyOn(subtle, 'encrypt').mockImplementation(async (params, key, data) => {
      if (isWrap(params)) masters.push(data as Uint8Array);
      return encrypt(params, key, data);
    });
    const dec = vi.spyOn(subtle, 'decrypt').mockImplementation(async (params, key, data) => {
      const out = await decrypt(params, key, data);
      if (isWrap(params)) masters.push(new Uint8Array(out));
      return out;
    });
    const imp = vi.spyOn(subtle, 'importKey').mockImplementation(((...a: unknown[]) => {
      if (a[0] === 'raw' && a[2] === 'HKDF') masters.push(a[1] as Uint8Array);
      return importKey(...a);
    }) as typeof subtle.importKey);
    return { masters, enc, dec, imp, importKey };
  }
  const zeroed = (bufs: Uint8Array[]) => bufs.every((b) => b.every((x) => x === 0));

  it('createVault, vaultFromMasterKey, unlockVault and changePassphrase leave no master copy of their own in clear', async () => {
    const { runner } = counting();
    const made = await createVault(PASS, TEST_KDF_COST, runner);
    const w = watch();
    const master = await unwrapMasterKey(made.record, PASS, runner);
    const given = new Uint8Array(master);
    const joined = await vaultFromMasterKey(given, NEXT, TEST_KDF_COST, 0, runner);
    await unlockVault(joined.record, NEXT, runner);
    await changePassphrase(joined.record, NEXT, PASS, TEST_KDF_COST, runner);
    // The first one is what unwrapMasterKey returned: the caller's to wipe.
    const [returned, ...own] = w.masters;
    expect(returned!.every((x) => x === 0)).toBe(false);
    expect(own.length).toBeGreaterThanOrEqual(5);
    expect(zeroed(own)).toBe(true);
    // vaultFromMasterKey worked on a copy: the caller's bytes are the caller's to wipe.
    expect([...given]).toEqual([...master]);
  });

  it('createVault zeroes its master when the runner fails', async () => {
    const made: Uint8Array[] = [];
    const grv = crypto.getRandomValues.bind(crypto);
    vi.spyOn(crypto, 'getRandomValues').mockImplementation(((a: Uint8Array) => {
      const out = grv(a);
      if (a.length === 32) made.push(a);
      return out;
    }) as typeof crypto.getRandomValues);
    await expect(createVault(PASS, TEST_KDF_COST, () => Promise.reject(new Error('worker gone and no fallback')))).rejects.toThrow(/worker gone/);
    expect(made).toHaveLength(1);
    expect(zeroed(made)).toBe(true);
  });

  it('vaultFromMasterKey zeroes its copy when sealing or the key import fails', async () => {
    const { runner } = counting();
    const master = crypto.getRandomValues(new Uint8Array(32));
    const w = watch();
    w.enc.mockImplementationOnce(async (_p, _k, data) => {
      w.masters.push(data as Uint8Array);
      throw new Error('encrypt failed');
    });
    await expect(vaultFromMasterKey(master, PASS, TEST_KDF_COST, 0, runner)).rejects.toThrow(/encrypt failed/);
    expect(w.masters).toHaveLength(1);
    expect(zeroed(w.masters)).toBe(true);

    w.masters.length = 0;
    w.imp.mockImplementation(((...a: unknown[]) => {
      if (a[0] === 'raw' && a[2] === 'HKDF') {
        w.masters.push(a[1] as Uint8Array);
        return Promise.reject(new Error('import failed'));
      }
      return w.importKey(...a);
    }) as typeof crypto.subtle.importKey);
    await expect(vaultFromMasterKey(master, PASS, TEST_KDF_COST, 0, runner)).rejects.toThrow(/import failed/);
    // Its one copy of the master, seen twice: sealed, then given to HKDF.
    expect(w.masters.length).toBeGreaterThanOrEqual(2);
    expect(zeroed(w.masters)).toBe(true);
    expect(master.every((x) => x === 0)).toBe(false);
  });

  it('changePassphrase zeroes the unwrapped master when the new passphrase’s derivation fails', async () => {
    const { record } = await createVault(PASS, TEST_KDF_COST);
    const w = watch();
    let calls = 0;
    const second: KdfRunner = (p, params, salt) => (++calls === 2 ? Promise.reject(new Error('main and worker both failed')) : deriveKek(p, params, salt));
    await expect(changePassphrase(record, PASS, NEXT, TEST_KDF_COST, second)).rejects.toThrow(/both failed/);
    expect(w.masters).toHaveLength(1);
    expect(zeroed(w.masters)).toBe(true);
  });
});
