// `npm run server`: bundles server/main.ts with esbuild (dependencies stay external) and runs it,
// so the server needs no TypeScript runtime of its own.
import { build } from 'esbuild';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outfile = `${here}/../node_modules/.cache/server/main.mjs`;
await build({
  entryPoints: [`${here}/main.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
await import(pathToFileURL(outfile).href);
