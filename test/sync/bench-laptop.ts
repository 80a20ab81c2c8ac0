/**
 * One laptop of the sync bench in its own worker thread (its own event loop and its own
 * fake-indexeddb), as three real laptops each have their own CPU. Driven by messages
 * from converge-bench.ts.
 */
import 'fake-indexeddb/auto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { threadCpuMs } from './thread-cpu';
import { Session } from 'node:inspector';
import { parentPort } from 'node:worker_threads';
import { generateDeviceKey, type DeviceKey } from '../../shared/sync/device-key';
import { DEVICE_ADDED, type DeviceAddedPayload, type RosterRoot } from '../../shared/sync/roster';
import type { AnyDraft } from '../../shared/events/registry';
import { vaultFromMasterKey } from '../../shared/vault/vault';
import { TEST_KDF_COST } from '../../shared/vault/kdf';
import { HonbuDb } from '../../renderer/src/data/db';
import { EventStore } from '../../renderer/src/data/event-store';
import { ALL_PROJECTIONS } from '../../renderer/src/data/projections';
import { SyncClient } from '../../renderer/src/sync/sync-client';
import { NodeWebSocket } from './team';
import { firstReport, randomEdit, rng, seedRows } from './edits';

export type LaptopMessage =
  | { op: 'init'; name: string; master: Uint8Array; seed: number }
  | { op: 'start'; root: RosterRoot; members: DeviceAddedPayload[] | null; serverUrl: string; room: string }
  | { op: 'offline-edits'; count: number }
  | { op: 'connect' }
  | { op: 'count' }
  | { op: 'peek' }
  | { op: 'reach'; events: number }
  | { op: 'in-step' }
  | { op: 'disconnect' }
  | { op: 'restart' }
  | { op: 'stop' };

const port = parentPort!;
let name = '';
let db: HonbuDb;
let store: EventStore;
let device: DeviceKey;
let personId = '';
let client: SyncClient | undefined;
let rand: () => number;
let started: Extract<LaptopMessage, { op: 'start' }> | undefined;

/** Bytes this laptop's sockets received and sent (for the restart figure). */
const bytes = { in: 0, out: 0 };
class CountingWebSocket extends NodeWebSocket {
  constructor(address: string, protocols?: string | string[]) {
    super(address, protocols);
    this.on('message', (data: Buffer) => (bytes.in += data.byteLength));
  }
  override send(data: Uint8Array | string, ...rest: unknown[]): void {
    bytes.out += typeof data === 'string' ? data.length : data.byteLength;
    (super.send as (...a: unknown[]) => void)(data, ...rest);
  }
}

/**
 * This laptop's own figures since its 'connect': wall time, and the CPU its thread used
 * (from /proc/thread-self/stat, Linux, 10 ms ticks) — its own work, whatever its neighbours
 * did meanwhile. WebCrypto runs on libuv's thread pool, shared by the whole process: the
 * thread's CPU does not hold it. (Node's event-loop utilisation is no use here: fake-indexeddb
 * schedules its work with setImmediate, so the loop never waits and reads as busy all along.)
 */
export type LaptopFigures = { ms: number; threadCpuMs: number };
let meter: { t0: number; cpu: number } | undefined;
/** PROF=1: a CPU profile of this laptop from 'connect' until it holds every event (or is in step). */
let profiling: Session | undefined;
function startMeter(): void {
  meter = { t0: performance.now(), cpu: threadCpuMs() };
  if (process.env.PROF && !profiling) {
    profiling = new Session();
    profiling.connect();
    profiling.post('Profiler.enable', () => profiling!.post('Profiler.start'));
  }
}
async function stopProfile(): Promise<void> {
  const s = profiling;
  if (!s) return;
  profiling = undefined;
  const profile = await new Promise<unknown>((resolve, reject) => s.post('Profiler.stop', (err, r) => (err ? reject(err) : resolve(r.profile))));
  s.disconnect();
  const dir = process.env.PROF_DIR ?? '/tmp/honbu-sync-prof';
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/${name}-${Date.now()}.cpuprofile`, JSON.stringify(profile));
}
function readMeter(): LaptopFigures {
  const m = meter!;
  return { ms: Math.round(performance.now() - m.t0), threadCpuMs: Math.round(threadCpuMs() - m.cpu) };
}

/** Connected, synced since it started, nothing of its own unacknowledged. */
async function inStep(): Promise<void> {
  await new Promise<void>((resolve) => {
    const check = () => {
      const s = client!.status();
      if (s.state === 'connected' && s.lastSyncAt !== null && s.pending === 0) {
        stop();
        resolve();
      }
    };
    const stop = client!.subscribe(check);
    check();
  });
  await client!.idle();
}

async function handle(m: LaptopMessage): Promise<unknown> {
  switch (m.op) {
    case 'init': {
      name = m.name;
      rand = rng(m.seed);
      const { keys } = await vaultFromMasterKey(m.master, 'bench laptops share one key', TEST_KDF_COST, 0);
      const deviceId = crypto.randomUUID();
      personId = crypto.randomUUID();
      db = new HonbuDb(`bench-${name}`);
      store = new EventStore(db, keys.data, ALL_PROJECTIONS, { deviceId, actor: personId }, Date.now, keys.index);
      device = (await generateDeviceKey(deviceId)).key;
      return { deviceId, publicKey: device.publicKey, agreementKey: device.agreement.publicKey, personId, personName: name, roles: [] } satisfies DeviceAddedPayload;
    }
    case 'start': {
      // The root adds every member (itself included) and opens the incident.
      if (m.members) await store.append([...m.members.map((p): AnyDraft => ({ type: DEVICE_ADDED, incidentId: null, payload: p })), firstReport(), ...seedRows()]);
      started = m;
      client = await SyncClient.start({ store, device, root: m.root, serverUrl: m.serverUrl, room: m.room, personName: name, WebSocketPolyfill: CountingWebSocket as never });
      return null;
    }
    case 'offline-edits': {
      client!.disconnect();
      for (let i = 0; i < m.count; i += 100) {
        await store.append(Array.from({ length: Math.min(100, m.count - i) }, () => randomEdit(rand, name)));
      }
      await client!.idle();
      return null;
    }
    case 'connect':
      startMeter();
      client!.connect();
      return null;
    case 'disconnect':
      client!.disconnect();
      await client!.idle();
      return null;
    case 'in-step': {
      // Everything this laptop made is acknowledged by the server, and it holds the room.
      await inStep();
      const figures = readMeter();
      await stopProfile();
      return figures;
    }
    case 'reach': {
      // Counted from the store's own notifications: polling IndexedDB would steal the CPU being measured.
      let have = await db.events.count();
      if (have < m.events) {
        await new Promise<void>((resolve) => {
          const stop = store.subscribe(({ events }) => {
            have += events.length;
            if (have >= m.events) {
              stop();
              resolve();
            }
          });
        });
      }
      const figures = readMeter();
      await client!.idle();
      await stopProfile();
      return figures;
    }
    case 'restart': {
      // Once everything it made is on the server, the app quits and starts again: what the
      // restart fetches and sends, and how long until this laptop is in step again.
      await inStep();
      await client!.stop();
      bytes.in = bytes.out = 0;
      const t0 = performance.now();
      const m = started!;
      client = await SyncClient.start({ store, device, root: m.root, serverUrl: m.serverUrl, room: m.room, personName: name, WebSocketPolyfill: CountingWebSocket as never });
      const startMs = Math.round(performance.now() - t0);
      await inStep();
      // For comparison: the room's whole document, which a restart without the cache downloads.
      const roomBytes = client!['currentLink']!.snapshot().byteLength;
      return { ms: Math.round(performance.now() - t0), startMs, bytesIn: bytes.in, bytesOut: bytes.out, roomBytes, events: await db.events.count() };
    }
    case 'peek':
      return { events: await db.events.count(), status: client!.status() };
    case 'count':
      await client!.idle();
      return { events: await db.events.count(), status: client!.status() };
    case 'stop':
      await client?.stop();
      db.close();
      return null;
  }
}

port.on('message', (m: LaptopMessage & { seq: number }) => {
  handle(m).then(
    (result) => port.postMessage({ seq: m.seq, result }),
    (err: unknown) => port.postMessage({ seq: m.seq, error: String(err instanceof Error ? err.stack : err) }),
  );
});
