/**
 * Unlocking spends most of its time in Argon2id (a few hundred milliseconds, by design:
 * decision 004). Run on the page's thread, it holds up everything else; in a worker, the
 * page meanwhile reads what the first screen needs and builds its date and number formats,
 * and the window does not freeze. The worker is started while the unlock screen waits for
 * the passphrase (`prepareKdf`), so its start and its WebAssembly cost nothing at the press;
 * it serves one derivation and is ended. It holds nothing before the passphrase comes.
 * Where a worker cannot start (tests in Node) or fails, the same derivation runs here: the
 * key is the same either way.
 */
import { deriveKek, type KdfParams, type KdfRunner } from '../../../shared/vault/kdf';
import { WorkerCalls } from '../data/worker-calls';
import { recordHandledError } from '../errors/report';
import type { KdfCalls } from './kdf-worker';
import { mark } from '../data/trace';

type KdfWorker = WorkerCalls<KdfCalls>;

let spare: KdfWorker | null = null;

/** Started at once and heard from the start: a spare whose script failed to load must not leave an unlock waiting. */
function spawn(): KdfWorker {
  const w = new WorkerCalls<KdfCalls>(() => new Worker(new URL('./kdf-worker.ts', import.meta.url), { type: 'module' }), {
    name: 'key derivation',
    // Logged for support, not announced: the same derivation then runs here and the unlock works.
    report: (e) => void recordHandledError(e, 'background'),
  });
  w.warm();
  return w;
}

/** Starts the worker of the next unlock ahead of time (the unlock screen is on show). */
export function prepareKdf(): void {
  spare ??= spawn();
}

/** Longer than any derivation takes; after it, the derivation runs here instead. */
const GIVE_UP_MS = 60_000;

/** A KdfRunner that derives in a worker and runs `whileDeriving` on this thread meanwhile. */
export function offThreadKdf(whileDeriving?: () => void): KdfRunner {
  return async (passphrase: string, params: KdfParams, salt: Uint8Array) => {
    const w = spare ?? spawn();
    spare = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // No worker, a failed one, or a derivation that failed there: the same derivation runs here.
    const derived = Promise.race([
      w.call('derive', { passphrase, params, salt }).catch(() => null),
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), GIVE_UP_MS))),
    ]);
    try {
      whileDeriving?.();
    } catch {
      // Only a head start: the unlock does not depend on it.
    }
    try {
      const kek = (await derived) ?? (await deriveKek(passphrase, params, salt));
      mark('kdf');
      return kek;
    } finally {
      clearTimeout(timer);
      w.dispose();
    }
  };
}
