// `npm run bench:lists`: bundles the customer-list transfer bench (TypeScript, beside the
// sync tests whose helpers it reuses) with esbuild and runs it: a 1,000,000-row list reaches
// a second laptop over loopback (or `-- --rows N`). Never part of npm test.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = `${here}/../node_modules/.cache/bench/lists`;
await build({
  entryPoints: { main: `${here}/../test/sync/lists-bench.ts` },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, ['--max-old-space-size=6144', `${outdir}/main.mjs`, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
