// Bundles a TypeScript bench (like the E2E helpers it reuses) and runs it in Node.
// import.meta.dirname/url are pinned to each source file, since the helpers locate the
// repository from where they live, not from where the bundle is.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pinMeta = {
  name: 'pin-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({
      loader: 'ts',
      contents: (await readFile(path, 'utf8'))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(path)))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
    }));
  },
};

export async function runTs(name) {
  const outfile = `${here}/../node_modules/.cache/bench/${name}.mjs`;
  await build({
    entryPoints: [`${here}/${name}.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    plugins: [pinMeta],
  });
  await import(pathToFileURL(outfile).href);
}
