import { argon2id } from 'hash-wasm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deriveKek, TEST_KDF_COST, type KdfParams } from '../../../shared/vault/kdf';
import { sealBytes, openBytes } from '../../../shared/vault/cipher';
import { FakeWorker } from '../data/test-worker';
import { serveCalls } from '../data/worker-calls';
import { offThreadKdf, prepareKdf, workerKdf } from './kdf-off-thread';
import { useErrors } from '../errors/error-store';
import { errorLog } from '../errors/error-log';
import type { KdfCalls } from './kdf-worker';

const params: KdfParams = { alg: 'argon2id', ...TEST_KDF_COST, salt: 'AAAAAAAAAAAAAAAAAAAAAA' };
const salt = new Uint8Array(16).fill(7);
const PASS = '夕焼けの港で待ち合わせ';

/** A stand-in for the browser's Worker: answers like kdf-worker.ts, or fails as a script that does not load. */
function fakeWorker(mode: 'answers' | 'fails-to-load') {
  const made: FakeWorker[] = [];
  class KdfWorker extends FakeWorker {
    constructor() {
      super((scope) => mode === 'answers' && serveCalls<KdfCalls>({ prepare: () => false, derive: (m) => deriveKek(m.passphrase, m.params, m.salt) }, scope));
      made.push(this);
      if (mode === 'fails-to-load') queueMicrotask(() => this.crash('Failed to load the worker script'));
    }
  }
  vi.stubGlobal('Worker', KdfWorker);
  return made;
}

/** Two keys are the same key when one opens what the other sealed. */
async function sameKey(a: CryptoKey, b: CryptoKey) {
  const sealed = await sealBytes(a, new TextEncoder().encode('鍵'), 'test');
  return new TextDecoder().decode(await openBytes(b, sealed, 'test')) === '鍵';
}

afterEach(() => vi.unstubAllGlobals());

describe('Argon2id off the page thread', () => {
  it('derives in the worker started ahead of time, lets the page work meanwhile, and ends the worker', async () => {
    const made = fakeWorker('answers');
    prepareKdf();
    expect(made).toHaveLength(1);
    const whileDeriving = vi.fn();
    const key = await offThreadKdf(whileDeriving)(PASS, params, salt);
    expect(whileDeriving).toHaveBeenCalledOnce();
    expect(await sameKey(key, await deriveKek(PASS, params, salt))).toBe(true);
    expect(made).toHaveLength(1);
    expect(made[0]!.terminated).toBe(true);
  });

  it('a worker whose script failed to load before the press does not leave the unlock waiting: the key is derived here', async () => {
    const made = fakeWorker('fails-to-load');
    prepareKdf();
    await new Promise((r) => setTimeout(r, 0));
    const key = await offThreadKdf()(PASS, params, salt);
    expect(await sameKey(key, await deriveKek(PASS, params, salt))).toBe(true);
    expect(made[0]!.terminated).toBe(true);
  });

  it('a worker that failed to load is logged for support without the passphrase, and no notice alarms the person whose unlock works', async () => {
    const made = fakeWorker('fails-to-load');
    const shown = useErrors.getState().count;
    const logged = vi.spyOn(errorLog, 'record');
    prepareKdf();
    await new Promise((r) => setTimeout(r, 0));
    const key = await offThreadKdf()(PASS, params, salt);
    expect(await sameKey(key, await deriveKek(PASS, params, salt))).toBe(true);
    // A wrong passphrase still gives another key (the vault then refuses it).
    const wrong = await offThreadKdf()(PASS + 'x', params, salt);
    expect(await sameKey(wrong, key).catch(() => false)).toBe(false);
    expect(made[0]!.terminated).toBe(true);
    expect(useErrors.getState().count).toBe(shown);
    // Once per worker that failed (the second unlock started its own), never with the passphrase.
    expect(made).toHaveLength(2);
    expect(logged).toHaveBeenCalledTimes(2);
    expect(JSON.stringify(logged.mock.calls)).not.toContain(PASS);
    logged.mockRestore();
  });

  it('a derivation that throws in the worker is logged for support once, without the passphrase, and the key is derived here', async () => {
    class Throwing extends FakeWorker {
      constructor() {
        super((scope) => serveCalls<KdfCalls>({ prepare: () => false, derive: () => Promise.reject(new RangeError(`WebAssembly.Memory(): could not allocate memory for ${PASS}`)) }, scope));
      }
    }
    vi.stubGlobal('Worker', Throwing);
    const shown = useErrors.getState().count;
    const logged = vi.spyOn(errorLog, 'record');
    const key = await offThreadKdf()(PASS, params, salt);
    expect(await sameKey(key, await deriveKek(PASS, params, salt))).toBe(true);
    expect(useErrors.getState().count).toBe(shown);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(logged.mock.calls)).toContain('failed in its worker');
    expect(JSON.stringify(logged.mock.calls)).not.toContain(PASS);
    logged.mockRestore();
  });

  it('an answer that is not the key (a key-shaped object, another kind of key) is logged once, without the passphrase, and the key is derived here', async () => {
    for (const answer of [
      () => ({ type: 'secret', extractable: false, algorithm: { name: 'AES-GCM', length: 256 }, usages: ['encrypt', 'decrypt'] }) as unknown as CryptoKey,
      () => crypto.subtle.importKey('raw', new Uint8Array(16), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']),
      () => crypto.subtle.importKey('raw', new Uint8Array(32), { name: 'AES-GCM' }, true, ['encrypt', 'decrypt']),
    ]) {
      class Other extends FakeWorker {
        constructor() {
          super((scope) => serveCalls<KdfCalls>({ prepare: () => false, derive: answer }, scope));
        }
      }
      vi.stubGlobal('Worker', Other);
      const logged = vi.spyOn(errorLog, 'record');
      const key = await offThreadKdf()(PASS, params, salt);
      expect(await sameKey(key, await deriveKek(PASS, params, salt))).toBe(true);
      expect(logged).toHaveBeenCalledTimes(1);
      expect(JSON.stringify(logged.mock.calls)).toContain('something other than a key');
      expect(JSON.stringify(logged.mock.calls)).not.toContain(PASS);
      logged.mockRestore();
    }
  });

  it('who derives where (decision 070): the unlock on the spare made ready, a record-writing derivation in a worker of its own, never fast', async () => {
    const asked: { worker: number; call: string; fast?: boolean }[] = [];
    const made: FakeWorker[] = [];
    class Recording extends FakeWorker {
      constructor() {
        const worker = made.length;
        super((scope) =>
          serveCalls<KdfCalls>(
            {
              prepare: () => (asked.push({ worker, call: 'prepare' }), false),
              derive: (m) => (asked.push({ worker, call: 'derive', fast: m.fast }), deriveKek(m.passphrase, m.params, m.salt)),
            },
            scope,
          ),
        );
        made.push(this);
      }
    }
    vi.stubGlobal('Worker', Recording);
    prepareKdf();
    // Setting up (or joining, or a passphrase change) while the unlock screen's spare waits: not the spare, not fast.
    await workerKdf()(PASS, params, salt);
    await offThreadKdf()(PASS, params, salt);
    expect(asked).toEqual([
      { worker: 0, call: 'prepare' },
      { worker: 1, call: 'derive', fast: false },
      { worker: 0, call: 'derive', fast: true },
    ]);
    expect(made.map((w) => w.terminated)).toEqual([true, true]);
  });

  it('without workers (Node), the same key from the same passphrase', async () => {
    const key = await offThreadKdf()(PASS, params, salt);
    expect(await sameKey(key, await deriveKek(PASS, params, salt))).toBe(true);
    expect(await sameKey(key, await deriveKek(PASS + 'x', params, salt)).catch(() => false)).toBe(false);
  });

  describe('in the desktop app: natively in main (decision 004, addendum 4)', () => {
    /** window.honbu as the preload gives it, its kdf answering with main's bytes (or failing). */
    function desktop(kdf: (req: { passphrase: string; salt: Uint8Array; memorySize: number; iterations: number; parallelism: number }) => Promise<Uint8Array>) {
      const calls = vi.fn(kdf);
      vi.stubGlobal('window', { honbu: { kdf: calls } });
      return calls;
    }
    const mainBytes = (req: { passphrase: string; salt: Uint8Array; memorySize: number; iterations: number; parallelism: number }) =>
      argon2id({ password: req.passphrase.normalize('NFC'), salt: req.salt, memorySize: req.memorySize, iterations: req.iterations, parallelism: req.parallelism, hashLength: 32, outputType: 'binary' });

    it("derives in main with the workspace's cost, starts no worker, and zeroes the bytes main sent", async () => {
      const made = fakeWorker('answers');
      let sent: Uint8Array | null = null;
      const kdf = desktop(async (req) => (sent = await mainBytes(req)));
      prepareKdf();
      const whileDeriving = vi.fn();
      const key = await offThreadKdf(whileDeriving)(PASS, params, salt);
      expect(whileDeriving).toHaveBeenCalledOnce();
      expect(await sameKey(key, await deriveKek(PASS, params, salt))).toBe(true);
      expect(kdf).toHaveBeenCalledWith({ passphrase: PASS, salt, memorySize: params.memorySize, iterations: params.iterations, parallelism: params.parallelism });
      expect([...sent!]).toEqual(new Array(32).fill(0));
      // No worker was started ahead of time, nor for the derivation.
      expect(made).toHaveLength(0);
    });

    it('main without its native module (or giving something else) leaves the unlock to the worker: the same key, logged without the passphrase', async () => {
      const short = new Uint8Array(5).fill(3);
      let late: Uint8Array | null = null;
      const answers = [
        () => Promise.reject(new Error('no native binary for this platform')),
        () => Promise.resolve(short),
        // Main that does not answer in time: the worker takes over; its answer, when it comes, is zeroed.
        (req: Parameters<Parameters<typeof desktop>[0]>[0]) => new Promise<Uint8Array>((resolve) => setTimeout(async () => resolve((late = await mainBytes(req))), 200)),
      ];
      for (const answer of answers) {
        const made = fakeWorker('answers');
        const logged = vi.spyOn(errorLog, 'record');
        desktop(answer);
        const key = await offThreadKdf(undefined, 50)(PASS, params, salt);
        expect(await sameKey(key, await deriveKek(PASS, params, salt))).toBe(true);
        // The worker derived it, and was ended.
        expect(made).toHaveLength(1);
        expect(made[0]!.terminated).toBe(true);
        expect(logged).toHaveBeenCalledOnce();
        expect(JSON.stringify(logged.mock.calls)).not.toContain(PASS);
        logged.mockRestore();
      }
      expect([...short]).toEqual([0, 0, 0, 0, 0]);
      // Zeroed when it comes, however long a loaded machine takes to send it.
      await vi.waitFor(() => expect(late && [...late]).toEqual(new Array(32).fill(0)), { timeout: 10_000 });
    });
  });
});
