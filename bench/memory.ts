/**
 * JavaScript heap of the bench page and of each of its workers (the import's worker among
 * them), read over the DevTools protocol: `performance.memory` is coarse, and does not
 * exist in a worker; `performance.measureUserAgentSpecificMemory` needs cross-origin
 * isolation, which the app's page does not have. Workers are reached through the page's
 * own auto-attach (non-flat sessions, so Playwright's own sessions are not disturbed).
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export interface HeapSample {
  /** Page (renderer main thread) heap in use, bytes. */
  page: number;
  /** Heap in use per live worker, keyed by its script's file name (hash left out). */
  workers: Record<string, number>;
  /** Sum over the workers. */
  worker: number;
  /** Bytes of the workers' ArrayBuffers (typed arrays, encoded blocks): held outside the heap, summed. */
  workerBuffers: number;
}

/** A worker's script name without the build hash: "import-worker-Bx1c9.js" → "import-worker". */
const nameOf = (url: string) => (url.split('/').pop() ?? url).replace(/[-.][\w-]{6,}\.js$/, '').replace(/\.js$/, '') || 'worker';

/** Runtime.getHeapUsage's answer (backingStorageSize: ArrayBuffers' bytes, in recent Chromium). */
interface HeapUsage {
  usedSize?: number;
  backingStorageSize?: number;
}

export class HeapProbe {
  private readonly targets = new Map<string, { url: string }>();
  private readonly pending = new Map<number, (r: HeapUsage | undefined) => void>();
  private next = 1;

  private constructor(private readonly session: CDPSession) {}

  static async attach(context: BrowserContext, page: Page): Promise<HeapProbe> {
    const session = await context.newCDPSession(page);
    const probe = new HeapProbe(session);
    session.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type !== 'worker') return;
      probe.targets.set(e.sessionId, { url: e.targetInfo.url });
      // HONBU_BENCH_WORKER_PROFILE=DIR: a CPU profile of each worker the page starts, written at detach().
      if (process.env.HONBU_BENCH_WORKER_PROFILE) {
        for (const method of ['Profiler.enable', 'Profiler.start']) void session.send('Target.sendMessageToTarget', { sessionId: e.sessionId, message: JSON.stringify({ id: probe.next++, method }) }).catch(() => undefined);
      }
    });
    session.on('Target.detachedFromTarget', (e) => {
      probe.targets.delete(e.sessionId);
    });
    session.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message) as { id?: number; result?: HeapUsage & { profile?: unknown } };
      if (m.id !== undefined) probe.pending.get(m.id)?.(m.result);
    });
    await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return probe;
  }

  /** Sends `method` to a worker and waits for its answer (undefined if it does not answer in time). */
  private toWorker(sessionId: string, method: string, waitMs: number): Promise<HeapUsage | undefined> {
    const id = this.next++;
    return new Promise((resolve) => {
      // A worker that ends between the list and the answer never answers.
      const timer = setTimeout(() => finish(undefined), waitMs);
      const finish = (r: HeapUsage | undefined) => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(r);
      };
      this.pending.set(id, finish);
      this.session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(() => finish(undefined));
    });
  }

  private async workerHeap(sessionId: string, live: boolean): Promise<{ used: number; buffers: number } | null> {
    if (live) await this.toWorker(sessionId, 'HeapProfiler.collectGarbage', 30_000);
    const r = await this.toWorker(sessionId, 'Runtime.getHeapUsage', 2_000);
    return r?.usedSize === undefined ? null : { used: r.usedSize, buffers: r.backingStorageSize ?? 0 };
  }

  /**
   * The heaps in use now; `live`: after a full garbage collection in each (what is still
   * held, not what is waiting to be collected — V8 lets garbage grow while there is room).
   */
  async sample(live = false): Promise<HeapSample> {
    if (live) await this.session.send('HeapProfiler.collectGarbage');
    const page = (await this.session.send('Runtime.getHeapUsage')).usedSize;
    const workers: Record<string, number> = {};
    let workerBuffers = 0;
    for (const [sessionId, { url }] of [...this.targets]) {
      const heap = await this.workerHeap(sessionId, live);
      if (heap === null) continue;
      const name = nameOf(url);
      workers[name] = (workers[name] ?? 0) + heap.used;
      workerBuffers += heap.buffers;
    }
    return { page, workers, worker: Object.values(workers).reduce((a, b) => a + b, 0), workerBuffers };
  }

  async detach(): Promise<void> {
    const dir = process.env.HONBU_BENCH_WORKER_PROFILE;
    if (dir) {
      const { writeFile, mkdir } = await import('node:fs/promises');
      await mkdir(dir, { recursive: true });
      for (const [sessionId, { url }] of [...this.targets]) {
        const id = this.next++;
        const result = await new Promise<{ profile?: unknown } | undefined>((resolve) => {
          const timer = setTimeout(() => resolve(undefined), 10_000);
          this.pending.set(id, (r) => {
            clearTimeout(timer);
            resolve(r as { profile?: unknown } | undefined);
          });
          void this.session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Profiler.stop' }) }).catch(() => resolve(undefined));
        });
        if (result?.profile) await writeFile(`${dir}/${nameOf(url)}-${id}.cpuprofile`, JSON.stringify(result.profile));
      }
    }
    await this.session.detach().catch(() => undefined);
  }
}

/** Samples taken while a long step runs, with how far it had got (e.g. rows imported). */
export interface Sampled {
  at: number;
  heap: HeapSample;
  /** Taken after a full garbage collection (every `liveEvery`-th sample). */
  live?: boolean;
}

/**
 * Samples the heaps every `everyMs` until `work` settles; `progress` tells how far it has got.
 * Keeps at most ~200 samples (evenly thinned), so a 20-minute run stays small in Node.
 */
export async function sampleDuring<T>(probe: HeapProbe, work: Promise<T>, progress: () => Promise<number>, everyMs = 1_000, liveEvery = 0): Promise<{ value: T; samples: Sampled[] }> {
  let samples: Sampled[] = [];
  let done = false;
  const settled = work.finally(() => {
    done = true;
  });
  samples.push({ at: 0, heap: await probe.sample() });
  for (let n = 1; !done; n++) {
    await Promise.race([settled.catch(() => undefined), new Promise((ok) => setTimeout(ok, everyMs))]);
    if (done) break;
    const live = liveEvery > 0 && n % liveEvery === 0;
    const at = await progress().catch(() => NaN);
    samples.push({ at, live, heap: await probe.sample(live).catch(() => ({ page: NaN, workers: {}, worker: NaN, workerBuffers: NaN })) });
    // Thinned evenly, the live samples kept.
    if (samples.length > 200) samples = samples.filter((x, i) => i % 2 === 0 || x.live);
  }
  return { value: await work, samples };
}

/** The sample nearest to `share` of `total` (e.g. half way through the rows). */
export function nearest(samples: Sampled[], total: number, share: number): Sampled | undefined {
  let best: Sampled | undefined;
  for (const s of samples) if (Number.isFinite(s.at) && (!best || Math.abs(s.at - share * total) < Math.abs(best.at - share * total))) best = s;
  return best;
}

export const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;
