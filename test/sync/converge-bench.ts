/**
 * Bench body (run by bench/sync.mjs, never by npm test): N laptops, each in its own
 * worker thread, make E events each offline, then reconnect to the real server;
 * measured from reconnect until all of them hold all N×E events (verified, opened and
 * folded into their projections).
 *   node bench/sync.mjs [--laptops N] [--events E] [--solo] [--restart]
 *   (default: 3 × 10,000 and 20 × 1,000, each at once and then with --solo)
 * `sync-converge`: all N reconnect at once. They share this machine's cores with the
 * server, so its wall time (`ms`) and CPU (`cpuMs`, the whole process) mostly measure the
 * machine; `perLaptop` gives each laptop's own thread CPU and wall time until it held
 * everything (min / median / max over the laptops).
 * `sync-last-laptop` (--solo): the other N−1 have reconnected and converged, then gone
 * offline; the last one reconnects alone with its E offline events — what a responder's
 * laptop on its own machine sees, timed until it holds all N×E and the server has all of its own.
 * `serverThreadCpuMs` (both): the CPU of this process's main thread — the sync server (its
 * sockets, Yjs, storage and broadcasts; the bench's own polling is a few ms) — the part all
 * laptops share, and what one server machine would spend on the run.
 * With --restart, laptop 0 then quits and starts again: bytes it receives and sends, and
 * the time until it is in step with the server.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DeviceAddedPayload } from '../../shared/sync/roster';
import { randomBytes } from '../../shared/vault/bytes';
import { startSyncServer } from '../../server/sync-server';
import type { LaptopFigures, LaptopMessage } from './bench-laptop';
import { threadCpuMs } from './thread-cpu';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : 0);
const PER_LAPTOP = arg('--events') || 10_000;
const LAPTOPS = arg('--laptops') || 3;
const SOLO = args.includes('--solo');
const workerFile = process.env.HONBU_BENCH_LAPTOP!;

function laptop() {
  // PROF=1 writes a CPU profile of each laptop's convergence (from its reconnect until it
  // holds everything) to /tmp/honbu-sync-prof or PROF_DIR, to see where the time goes.
  const worker = new Worker(workerFile);
  let seq = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  worker.on('message', (m: { seq: number; result?: unknown; error?: string }) => {
    const w = waiting.get(m.seq);
    waiting.delete(m.seq);
    if (m.error) w?.reject(new Error(m.error));
    else w?.resolve(m.result);
  });
  return {
    call<T>(m: LaptopMessage): Promise<T> {
      const id = ++seq;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage({ ...m, seq: id });
      });
    },
    terminate: () => worker.terminate(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Count = { events: number; status: { held: number; rejected: number } };

async function until(laptops: ReturnType<typeof laptop>[], expected: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all(laptops.map((l) => l.call<Count>({ op: 'count' })));
    if (counts.every((c) => c.events === expected)) return;
    if (Date.now() > deadline) throw new Error(`bench: no convergence on ${expected}: ${JSON.stringify(counts)}`);
    await sleep(25);
  }
}

/** Waits until the process uses under a tenth of a core for half a second (at most 120 s); returns how long that took. */
async function settled(): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const c0 = process.cpuUsage();
    await sleep(500);
    const c = process.cpuUsage(c0);
    if ((c.user + c.system) / 1000 < 50 || performance.now() - t0 > 120_000) return Math.round(performance.now() - t0);
  }
}

const dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-bench-'));
const server = await startSyncServer({ port: 0, dataDir });

const laptops = Array.from({ length: LAPTOPS }, () => laptop());
try {
  const master = randomBytes(32);
  const members = await Promise.all(laptops.map((l, i) => l.call<DeviceAddedPayload>({ op: 'init', name: `laptop-${i}`, master, seed: i + 1 })));
  const root = { deviceId: members[0]!.deviceId, publicKey: members[0]!.publicKey, personId: members[0]!.personId };
  const room = `bench-${crypto.randomUUID()}`;
  await laptops[0]!.call({ op: 'start', root, members, serverUrl: server.url, room });
  await Promise.all(laptops.slice(1).map((l) => l.call({ op: 'start', root, members: null, serverUrl: server.url, room })));
  const setup = (await laptops[0]!.call<Count>({ op: 'count' })).events;
  await until(laptops, setup, 30_000);

  const tEdits = performance.now();
  await Promise.all(laptops.map((l) => l.call({ op: 'offline-edits', count: PER_LAPTOP })));
  const editsMs = performance.now() - tEdits;
  const all = setup + LAPTOPS * PER_LAPTOP;
  const load = () => Number(loadavg()[0]!.toFixed(1));

  if (SOLO) {
    // What one responder's laptop sees on its own machine: the others reconnect first and
    // converge among themselves (not timed), then go offline; the last laptop reconnects
    // with its own offline events while it is the only laptop running (the server shares
    // the process). Timed until it holds every event and the server acknowledged all of its own.
    const others = laptops.slice(0, -1);
    const last = laptops[laptops.length - 1]!;
    const tOthers = performance.now();
    await Promise.all(others.map((l) => l.call({ op: 'connect' })));
    await Promise.all(others.map((l) => l.call({ op: 'reach', events: setup + others.length * PER_LAPTOP })));
    await Promise.all(others.map((l) => l.call({ op: 'in-step' })));
    const othersMs = Math.round(performance.now() - tOthers);
    await Promise.all(others.map((l) => l.call({ op: 'disconnect' })));
    // They finish their own work first (storing and caching what they received): on real
    // machines that happens on their own CPUs, so the last laptop starts on a quiet machine.
    const settleMs = await settled();
    const cpu0 = process.cpuUsage();
    const server0 = threadCpuMs();
    const load0 = load();
    await last.call({ op: 'connect' });
    const held = await last.call<LaptopFigures>({ op: 'reach', events: all });
    const synced = await last.call<LaptopFigures>({ op: 'in-step' });
    const used = process.cpuUsage(cpu0);
    const serverMs = Math.round(threadCpuMs() - server0);
    const count = await last.call<Count>({ op: 'count' });
    if (count.events !== all || count.status.rejected > 0 || count.status.held > 0) throw new Error(`bench: last laptop ${JSON.stringify(count)}`);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'sync-last-laptop',
        laptops: LAPTOPS,
        received: (LAPTOPS - 1) * PER_LAPTOP,
        sent: PER_LAPTOP,
        ms: synced.ms,
        holdsAllMs: held.ms,
        threadCpuMs: synced.threadCpuMs,
        processCpuMs: Math.round((used.user + used.system) / 1000),
        serverThreadCpuMs: serverMs,
        load: [load0, load()],
      })}\n`,
    );
    process.stderr.write(`(the other ${others.length} converged first in ${othersMs} ms and were busy ${settleMs} ms more, not timed; offline edits ${Math.round(editsMs)} ms; ${cpus().length} cores, fake-indexeddb)\n`);
  } else {
    const t0 = performance.now();
    // CPU of the whole process (server and every laptop's thread): on a machine shared with
    // other work, wall time says more about the neighbours than about sync; this does not.
    const cpu0 = process.cpuUsage();
    const server0 = threadCpuMs();
    const load0 = load();
    await Promise.all(laptops.map((l) => l.call({ op: 'connect' })));
    const watch = process.env.BENCH_WATCH
      ? setInterval(() => {
          void Promise.all(laptops.map((l) => l.call<Count & { status: { pending: number; receiving: number } }>({ op: 'peek' }))).then((cs) =>
            process.stderr.write(`${Math.round(performance.now() - t0)} ms ${cs.map((c) => `${c.events}/${c.status.pending}/${c.status.receiving}`).join(' ')}\n`),
          );
        }, 1000)
      : undefined;
    const each = await Promise.all(laptops.map((l) => l.call<LaptopFigures>({ op: 'reach', events: all })));
    clearInterval(watch);
    const ms = Math.round(performance.now() - t0);
    const used = process.cpuUsage(cpu0);
    const cpuMs = Math.round((used.user + used.system) / 1000);
    const serverThreadCpuMs = Math.round(threadCpuMs() - server0);
    const counts = await Promise.all(laptops.map((l) => l.call<Count>({ op: 'count' })));
    if (counts.some((c) => c.status.rejected > 0 || c.status.held > 0)) throw new Error(`bench: rejections ${JSON.stringify(counts)}`);
    const spread = (f: (x: LaptopFigures) => number) => {
      const v = each.map(f).sort((a, b) => a - b);
      return { min: v[0]!, median: v[Math.floor(v.length / 2)]!, max: v[v.length - 1]! };
    };
    process.stdout.write(
      `${JSON.stringify({
        bench: 'sync-converge',
        laptops: LAPTOPS,
        events: LAPTOPS * PER_LAPTOP,
        ms,
        cpuMs,
        serverThreadCpuMs,
        perLaptop: { threadCpuMs: spread((x) => x.threadCpuMs), ms: spread((x) => x.ms) },
        load: [load0, load()],
      })}\n`,
    );
    process.stderr.write(`(all ${LAPTOPS} at once, sharing ${cpus().length} cores with the server; offline edits ${Math.round(editsMs)} ms; fake-indexeddb)\n`);
  }
  if (args.includes('--restart')) {
    // Laptop 0 quits and starts again: with its synced log kept on disk it fetches only what it lacks.
    const r = await laptops[0]!.call<{ ms: number; bytesIn: number; bytesOut: number; events: number }>({ op: 'restart' });
    process.stdout.write(`${JSON.stringify({ bench: 'sync-restart', ...r })}\n`);
  }
  await Promise.all(laptops.map((l) => l.call({ op: 'stop' })));
} finally {
  await Promise.all(laptops.map((l) => l.terminate()));
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
}
