/**
 * Unlocking spends most of its time in Argon2id (a few hundred milliseconds, by design:
 * decision 004). Run on the page's thread, it holds up everything else; in a worker, the
 * page meanwhile reads what the first screen needs and builds its date and number formats,
 * and the window does not freeze. The worker is started while the unlock screen waits for
 * the passphrase (`prepareKdf`), so its start and its WebAssembly cost nothing at the press;
 * it serves one derivation and is ended. It holds nothing before the passphrase comes.
 * Where a worker cannot start (tests in Node) or fails, the same derivation runs here: the
 * key is the same either way. The derivations that write a vault record (setup, joining, a
 * passphrase change) take `workerKdf`: the worker or here, never main (decision 004, addendum 5).
 */
import { deriveKek, kekFromBytes, type KdfParams, type KdfRunner } from '../../../shared/vault/kdf';
import { nativeApi } from '../platform/platform';
import { WorkerCallError, WorkerCalls } from '../data/worker-calls';
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

/**
 * Starts the worker of the next unlock ahead of time (the unlock screen is on show), and has it
 * make its memory ready for the derivation (decision 070); not in the desktop app, where main derives.
 */
export function prepareKdf(): void {
  if (nativeApi()?.kdf || spare) return;
  spare = spawn();
  // Only a head start: a worker that cannot prepare derives as before (its failure is reported by WorkerCalls).
  spare.call('prepare', undefined).catch(() => undefined);
}

/** Longer than any derivation takes; after it, the derivation runs here instead. */
const GIVE_UP_MS = 60_000;

/** Longer than main's derivation ever takes; after it, the worker derives instead. */
const MAIN_GIVE_UP_MS = 15_000;

/**
 * In the desktop app, Argon2id natively in main (decision 004, addendum 4): the same bytes in a
 * fraction of the WebAssembly's time. Null where main failed, answered something else or did not
 * answer in time (no native binary for this platform, a workspace of another cost): the worker
 * derives instead, and the failure is logged for support, never with the passphrase.
 */
async function inMain(passphrase: string, params: KdfParams, salt: Uint8Array, giveUpMs: number): Promise<CryptoKey | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const answer = nativeApi()!.kdf({ passphrase, salt, memorySize: params.memorySize, iterations: params.iterations, parallelism: params.parallelism });
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), giveUpMs)));
    const raw = await Promise.race([answer, late]);
    if (raw === 'late') {
      // An answer after the worker took over is zeroed when it comes, and a failure then is no one's.
      void answer.then((r) => void (r instanceof Uint8Array && r.fill(0)), () => undefined);
      throw new Error('kdf: main did not answer in time');
    }
    if (!(raw instanceof Uint8Array) || raw.length !== 32) {
      if (raw instanceof Uint8Array) raw.fill(0);
      throw new Error('kdf: main answered with something other than 32 bytes');
    }
    return await kekFromBytes(raw);
  } catch (e) {
    void recordHandledError(e, 'background');
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** A KdfRunner that derives in main or a worker and runs `whileDeriving` on this thread meanwhile. */
export function offThreadKdf(whileDeriving?: () => void, mainGiveUpMs = MAIN_GIVE_UP_MS): KdfRunner {
  return async (passphrase: string, params: KdfParams, salt: Uint8Array) => {
    // Started before the head start, wherever it runs.
    const native = nativeApi()?.kdf ? inMain(passphrase, params, salt, mainGiveUpMs) : null;
    const worker = native ? null : inWorker(passphrase, params, salt, true);
    try {
      whileDeriving?.();
    } catch {
      // Only a head start: the unlock does not depend on it.
    }
    if (worker) return worker;
    const kek = await native;
    if (!kek) return inWorker(passphrase, params, salt, true);
    // The worker started ahead of time is not needed: it held nothing.
    spare?.dispose();
    spare = null;
    mark('kdf');
    return kek;
  };
}

/**
 * A KdfRunner for the derivations that write a vault record (setting up, joining, a passphrase
 * change): in a worker, by the same WebAssembly the page runs, never main's native module
 * (decision 004, addendum 5). A record is then only ever made by the implementation every build
 * has, as before: a fault in main's answer can fail an unlock, never write a record that the
 * passphrase does not open.
 */
export function workerKdf(): KdfRunner {
  return (passphrase, params, salt) => inWorker(passphrase, params, salt);
}

/** Argon2id in the worker started ahead of time, or here when there is none; `fast` for an unlock (decision 070). */
async function inWorker(passphrase: string, params: KdfParams, salt: Uint8Array, fast = false): Promise<CryptoKey> {
  // The spare, with its 64 MiB made ready, serves the unlock; a record-writing derivation gets a worker of its own.
  const w = (fast ? spare : null) ?? spawn();
  if (fast) spare = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // No worker, a failed one, or a derivation that failed there: the same derivation runs here.
  const derived = Promise.race([
    w.call('derive', { passphrase, params, salt, fast }).then(
      (answer) => {
        if (isKek(answer)) return answer;
        // Not the key kdf-worker.ts makes: used, it would read as a wrong passphrase.
        void recordHandledError(new Error('kdf: the worker answered with something other than a key; derived on the page instead'), 'background');
        return null;
      },
      (e: unknown) => {
        // A worker that stopped was reported by WorkerCalls; a derivation that threw there (its
        // memory refused, say) is logged here, in words of our own: the page derives instead.
        if (e instanceof WorkerCallError) void recordHandledError(new Error('kdf: the derivation failed in its worker; derived on the page instead'), 'background');
        return null;
      },
    ),
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), GIVE_UP_MS))),
  ]);
  try {
    const kek = (await derived) ?? (await deriveKek(passphrase, params, salt));
    mark('kdf');
    return kek;
  } finally {
    clearTimeout(timer);
    w.dispose();
  }
}

/** The key deriveKek makes: a secret AES-GCM key of 256 bits that seals and opens and cannot be exported. */
function isKek(k: unknown): k is CryptoKey {
  // A real key (a plain object shaped like one is not), then its kind.
  if (typeof CryptoKey === 'undefined' || !(k instanceof CryptoKey)) return false;
  const key = k as Partial<CryptoKey>;
  const alg = key.algorithm as Partial<AesKeyAlgorithm> | undefined;
  return key.type === 'secret' && key.extractable === false && alg?.name === 'AES-GCM' && alg.length === 256 && !!key.usages?.includes('encrypt') && !!key.usages.includes('decrypt');
}
