// Part of `npm run bench`: bundles the FAQ search/grouping bench (TypeScript) and runs it in Node.
import { build } from 'esbuild';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outfile = `${here}/../node_modules/.cache/bench/faq.mjs`;
await build({
  entryPoints: [`${here}/faq-search.bench.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
await import(pathToFileURL(outfile).href);
