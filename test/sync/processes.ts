/**
 * Real server processes for the fault tests: the sync server as `npm run server` runs it
 * (bundled once per test file), Debian's redis-server on a free port with its own temp
 * directory, and a TCP forwarder standing in for the load balancer in front of several
 * server processes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

let bundle: Promise<string> | undefined;

function serverBundle(): Promise<string> {
  bundle ??= (async () => {
    // Inside the repository, so the bundle finds node_modules (dependencies stay external).
    const cache = join(import.meta.dirname, '../../node_modules/.cache');
    await mkdir(cache, { recursive: true });
    const outfile = join(await mkdtemp(join(cache, 'test-server-')), 'main.mjs');
    await build({
      entryPoints: [join(import.meta.dirname, '../../server/main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
      absWorkingDir: join(import.meta.dirname, '../..'),
    });
    return outfile;
  })();
  return bundle;
}

export interface ServerProcess {
  url: string;
  port: number;
  proc: ChildProcess;
  /** kill -9: no chance to flush or close anything. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

const exited = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', () => r())));

export async function spawnServer(args: { port?: number; dataDir: string; redis?: string; extra?: string[] }): Promise<ServerProcess> {
  const file = await serverBundle();
  const argv = [file, '--port', String(args.port ?? 0), '--data', args.dataDir, ...(args.redis ? ['--redis', args.redis] : []), ...(args.extra ?? [])];
  const proc = spawn(process.execPath, argv, { cwd: join(import.meta.dirname, '../..'), stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server process did not start: ${log}`)), 15_000);
    proc.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      const m = /honbu sync server on (ws:\/\/[^\s]+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => reject(new Error(`server process exited (${code}): ${log}`)));
  });
  const port = Number(new URL(url).port);
  return {
    url,
    port,
    proc,
    async kill9() {
      proc.kill('SIGKILL');
      await exited(proc);
    },
    async stop() {
      proc.kill('SIGTERM');
      await exited(proc);
    },
  };
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

export interface RedisProcess {
  url: string;
  stop(): Promise<void>;
}

/** `startRedis` for a test: where redis-server cannot run, the test is skipped (saying why) and undefined comes back. */
export async function redisOrSkip(ctx: { skip(): void }): Promise<RedisProcess | undefined> {
  const r = await startRedis();
  if (typeof r !== 'string') return r;
  console.warn(`skipped: ${r}`);
  ctx.skip();
  return undefined;
}

/** redis-server with an fsync'ed append-only file, or the reason it cannot run here. */
export async function startRedis(): Promise<RedisProcess | string> {
  if (spawnSync('redis-server', ['--version']).status !== 0) return 'redis-server is not installed (.ci/run installs it)';
  const dir = await mkdtemp(join(tmpdir(), 'honbu-redis-'));
  const port = await freePort();
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${log}`)), 10_000);
    proc.stdout!.on('data', (d: Buffer) => {
      log += d.toString();
      if (/Ready to accept connections/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${log}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      proc.kill('SIGTERM');
      await exited(proc);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A TCP forwarder: clients keep one address while the server process behind it changes. */
export async function forwarder(targetPort: number): Promise<{ url: string; setTarget(port: number): void; close(): Promise<void> }> {
  let target = targetPort;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    open.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setTarget(port) {
      target = port;
    },
    async close() {
      for (const s of open) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
