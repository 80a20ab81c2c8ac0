/**
 * Stand-ins for the Argon2id worker (kdf-worker.ts) in unit tests, on the FakeWorker of
 * data/test-worker.ts: one that answers as the real one does, or one that fails in one way.
 * Install with `vi.stubGlobal('Worker', workers.Worker)`. Test code only: nothing in the app imports it.
 */
import { deriveKek } from '../../../shared/vault/kdf';
import { FakeWorker } from '../data/test-worker';
import { serveCalls } from '../data/worker-calls';
import type { KdfCalls } from './kdf-worker';

export type KdfWorkerMode = 'answers' | 'fails-to-load' | 'crashes-mid' | 'garbles-mid' | 'throws' | 'silent';

/** Every worker made, and each passphrase one was asked for, in order. */
export function kdfWorkers(mode: KdfWorkerMode = 'answers') {
  const made: FakeWorker[] = [];
  const asked: string[] = [];
  class KdfWorker extends FakeWorker {
    constructor() {
      super((scope) =>
        serveCalls<KdfCalls>(
          {
            derive: (m) => {
              asked.push(m.passphrase);
              if (mode === 'throws') throw new Error('RangeError: WebAssembly.Memory(): could not allocate memory');
              if (mode === 'silent') return new Promise<CryptoKey>(() => undefined);
              return deriveKek(m.passphrase, m.params, m.salt);
            },
          },
          scope,
        ),
      );
      made.push(this);
      if (mode === 'fails-to-load') queueMicrotask(() => this.crash('Failed to load the worker script'));
      if (mode === 'crashes-mid') this.scope.addEventListener('message', () => this.crash('Uncaught RangeError: out of memory'));
      if (mode === 'garbles-mid') this.scope.addEventListener('message', () => this.garble());
    }
  }
  return { Worker: KdfWorker, made, asked };
}
