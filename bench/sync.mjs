// `npm run bench:sync`: bundles the sync convergence bench and its per-laptop worker
// (TypeScript, beside the sync tests whose helpers they reuse) with esbuild and runs it:
// 3 laptops × 10,000 offline events, then 20 laptops × 1,000, each first all at once and
// then as the last laptop reconnecting alone (--solo; or only what
// `-- --laptops N --events E [--solo]` asks for), each in a fresh process. Never part of npm test.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = `${here}/../node_modules/.cache/bench/sync`;
await build({
  entryPoints: { main: `${here}/../test/sync/converge-bench.ts`, laptop: `${here}/../test/sync/bench-laptop.ts` },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const asked = process.argv.slice(2);
const runs =
  asked.length > 0
    ? [asked]
    : [
        ['--laptops', '3', '--events', '10000'],
        ['--laptops', '3', '--events', '10000', '--solo'],
        ['--laptops', '20', '--events', '1000'],
        ['--laptops', '20', '--events', '1000', '--solo'],
      ];
for (const args of runs) {
  const r = spawnSync(process.execPath, [`${outdir}/main.mjs`, ...args], {
    stdio: 'inherit',
    env: { ...process.env, HONBU_BENCH_LAPTOP: `${outdir}/laptop.mjs` },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
