// `npm run bench:sync`: bundles the sync convergence bench and its per-laptop worker
// (TypeScript, beside the sync tests whose helpers they reuse) with esbuild and runs it.
// Never part of npm test.
import { build } from 'esbuild';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
process.env.HONBU_BENCH_LAPTOP = `${outdir}/laptop.mjs`;
await import(pathToFileURL(`${outdir}/main.mjs`).href);
