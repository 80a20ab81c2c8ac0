/**
 * Stand-ins for the Argon2id worker (kdf-worker.ts) in unit tests, on the FakeWorker of
 * data/test-worker.ts: one that answers as the real one does, or one that fails in one way.
 * Install with `vi.stubGlobal('Worker', workers.Worker)`. Test code only: nothing in the app imports it.
 */
import { deriveKek } from '../../../shared/vault/kdf';
import { FakeWorker } from '../data/test-worker';
import { serveCalls } from '../data/worker-calls';
import type { KdfCalls } from './kdf-worker';

export type KdfWorkerMode = 'answers' | 'fails-to-load' | 'crashes-mid' | 'garbles-mid' | 'throws' | 'silent' | 'not-a-key' | 'key-shaped' | 'other-key';

/** Every worker made, and each passphrase one was asked for, in order. */
export function kdfWorkers(mode: KdfWorkerMode = 'answers') {
  const made: FakeWorker[] = [];
  const asked: string[] = [];
  class KdfWorker extends FakeWorker {
    constructor() {
      super((scope) =>
        serveCalls<KdfCalls>(
          {
            // A stand-in makes no memory ready: its derivations take deriveKek, as the real one's may.
            prepare: () => false,
            derive: (m) => {
              asked.push(m.passphrase);
              if (mode === 'throws') throw new Error('RangeError: WebAssembly.Memory(): could not allocate memory');
              if (mode === 'silent') return new Promise<CryptoKey>(() => undefined);
              // Something other than the AES-GCM key kdf-worker.ts gives (a worker not running our code).
              if (mode === 'not-a-key') return 'a string' as unknown as CryptoKey;
              if (mode === 'key-shaped') return { type: 'secret', extractable: false, algorithm: { name: 'AES-GCM', length: 256 }, usages: ['encrypt', 'decrypt'] } as unknown as CryptoKey;
              if (mode === 'other-key') return crypto.subtle.importKey('raw', new Uint8Array(32), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
              return deriveKek(m.passphrase, m.params, m.salt);
            },
          },
          scope,
        ),
      );
      made.push(this);
      if (mode === 'fails-to-load') queueMicrotask(() => this.crash('Failed to load the worker script'));
      // Mid-derivation: on the derivation's message, not the unlock screen's `prepare`.
      const deriving = (ev: MessageEvent) => (ev.data as { call?: string } | null)?.call === 'derive';
      if (mode === 'crashes-mid') this.scope.addEventListener('message', (ev) => deriving(ev) && this.crash('Uncaught RangeError: out of memory'));
      if (mode === 'garbles-mid') this.scope.addEventListener('message', (ev) => deriving(ev) && this.garble());
    }
  }
  return { Worker: KdfWorker, made, asked };
}
