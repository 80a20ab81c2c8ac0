import { argon2id } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { DEFAULT_KDF_COST, TEST_KDF_COST } from '../../shared/vault/kdf';
import { deriveKdfBytes } from './kdf';

const salt = new Uint8Array(16).map((_, i) => i * 7);

/** What the renderer's WebAssembly derives (shared/vault/kdf.ts), as bytes. */
const wasm = (passphrase: string, cost: { memorySize: number; iterations: number; parallelism: number }) =>
  argon2id({ password: passphrase.normalize('NFC'), salt, ...cost, hashLength: 32, outputType: 'binary' });

describe('Argon2id natively in main (decision 004, addendum 4)', () => {
  it("gives the WebAssembly's bytes at decision 004's cost and at the tests', so a workspace unlocks either way", async () => {
    for (const cost of [DEFAULT_KDF_COST, TEST_KDF_COST]) {
      const pass = '夕焼けの港で待ち合わせ 𠮷野家';
      expect(Buffer.from(await deriveKdfBytes({ passphrase: pass, salt, ...cost })).toString('hex')).toBe(Buffer.from(await wasm(pass, cost)).toString('hex'));
    }
  });

  it('takes a passphrase typed in decomposed kana as the same passphrase', async () => {
    const nfc = 'パスワードはガギグゲゴ';
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(await deriveKdfBytes({ passphrase: nfd, salt, ...TEST_KDF_COST })).toEqual(await deriveKdfBytes({ passphrase: nfc, salt, ...TEST_KDF_COST }));
  });

  it("zeroes the native module's buffer once the bytes are copied out", async () => {
    const given = new Uint8Array(32).fill(9);
    const out = await deriveKdfBytes({ passphrase: 'x', salt, ...TEST_KDF_COST }, async () => async () => given);
    expect([...out]).toEqual(new Array(32).fill(9));
    expect([...given]).toEqual(new Array(32).fill(0));
  });

  it('derives one at a time: a second call while one runs is refused, and the next one after it is served', async () => {
    let finish: (bytes: Uint8Array) => void = () => undefined;
    const slow = async () => async () => new Promise<Uint8Array>((resolve) => (finish = resolve));
    const first = deriveKdfBytes({ passphrase: 'x', salt, ...TEST_KDF_COST }, slow);
    await expect(deriveKdfBytes({ passphrase: 'y', salt, ...TEST_KDF_COST }, slow)).rejects.toThrow(/already running/);
    await new Promise((r) => setTimeout(r, 0));
    finish(new Uint8Array(32).fill(1));
    expect([...(await first)]).toEqual(new Array(32).fill(1));
    expect(await deriveKdfBytes({ passphrase: 'z', salt, ...TEST_KDF_COST }, async () => async () => new Uint8Array(32).fill(2))).toEqual(new Uint8Array(32).fill(2));
    // A failed derivation frees the way too.
    await expect(deriveKdfBytes({ passphrase: 'x', salt, ...TEST_KDF_COST }, () => Promise.reject(new Error('no native binary')))).rejects.toThrow('no native binary');
    expect((await deriveKdfBytes({ passphrase: 'x', salt, ...TEST_KDF_COST })).length).toBe(32);
  });
});
