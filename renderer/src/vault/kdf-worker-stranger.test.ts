/**
 * A stranger's attacks on the unlock's worker as it is (kdf-worker.ts, decision 070), run on
 * the FakeWorker of data/test-worker.ts: the worker's own module, its `prepare` and its fast
 * derivation, not a stand-in that answers `prepare: () => false`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_KDF_COST, deriveKek, type KdfParams } from '../../../shared/vault/kdf';
import { openBytes, sealBytes } from '../../../shared/vault/cipher';
import { FakeWorker } from '../data/test-worker';
import type { WorkerScope } from '../data/worker-calls';
import { errorLog } from '../errors/error-log';
import { offThreadKdf, prepareKdf } from './kdf-off-thread';

const hashWasm = vi.hoisted(() => ({ failBlake512: 0 }));
vi.mock('hash-wasm', async (original) => {
  const real = await original<typeof import('hash-wasm')>();
  return {
    ...real,
    // BLAKE2b-512 refused (a worker short of memory), as many times as asked for.
    createBLAKE2b: (bits?: number, key?: never) => {
      if (bits === 512 && hashWasm.failBlake512 > 0) {
        hashWasm.failBlake512--;
        return Promise.reject(new RangeError('WebAssembly.Memory(): could not allocate memory'));
      }
      return real.createBLAKE2b(bits, key);
    },
  };
});

const PASS = '灯台の下で待ち合わせる合言葉';
const params: KdfParams = { alg: 'argon2id', ...DEFAULT_KDF_COST, salt: '' };
const salt = new Uint8Array(16).fill(11);

async function sameKey(a: CryptoKey, b: CryptoKey) {
  const sealed = await sealBytes(a, new TextEncoder().encode('鍵'), 'test');
  return openBytes(b, sealed, 'test').then(
    (o) => new TextDecoder().decode(o) === '鍵',
    () => false,
  );
}

/** kdf-worker.ts's own module, evaluated afresh (a worker of its own), serving on `inbox`. */
async function realWorkerModule() {
  const inbox = new EventTarget() as EventTarget & WorkerScope;
  let out: WorkerScope['postMessage'] = () => undefined;
  inbox.postMessage = (m, t) => out(m, t);
  vi.stubGlobal('self', inbox);
  vi.resetModules();
  await import('./kdf-worker');
  return { inbox, answerTo: (scope: WorkerScope) => (out = (m, t) => scope.postMessage(m, t)) };
}

/** The page's Worker: each one made runs the next of `modules`. */
function realWorkers(modules: Awaited<ReturnType<typeof realWorkerModule>>[]) {
  const made: FakeWorker[] = [];
  const calls: string[] = [];
  class KdfWorker extends FakeWorker {
    constructor() {
      super((scope) => {
        const m = modules.shift();
        if (!m) throw new Error('no worker module left');
        m.answerTo(scope);
        (scope as unknown as EventTarget).addEventListener('message', (ev) => {
          const data = (ev as MessageEvent).data as { call?: string };
          if (data?.call) calls.push(data.call);
          m.inbox.dispatchEvent(new MessageEvent('message', { data }));
        });
      });
      made.push(this);
    }
  }
  vi.stubGlobal('Worker', KdfWorker);
  return { made, calls };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  hashWasm.failBlake512 = 0;
});

describe('the unlock’s real worker, prepared', () => {
  it('a BLAKE2b refused while preparing: the worker still derives the unlock itself (deriveKek), not the page', async () => {
    const modules = [await realWorkerModule()];
    const { made, calls } = realWorkers(modules);
    const logged = vi.spyOn(errorLog, 'record');
    hashWasm.failBlake512 = 1;
    prepareKdf();
    await new Promise((r) => setTimeout(r, 200));
    expect(hashWasm.failBlake512).toBe(0);
    const key = await offThreadKdf()(PASS, params, salt);
    expect(await sameKey(key, await deriveKek(PASS, params, salt))).toBe(true);
    expect(calls).toEqual(['prepare', 'derive']);
    expect(made[0]!.terminated).toBe(true);
    // The head start failed; the derivation should not have: kdf-worker.ts falls back to deriveKek.
    expect(JSON.stringify(logged.mock.calls), 'what was logged for support').not.toContain('derived on the page instead');
  }, 30_000);
});
