// Bundles the Electron main process and the preload into dist-electron/ with esbuild.
// The preload runs sandboxed, where require() reaches only 'electron' and a few node
// built-ins, so it must be one self-contained file; main keeps a source map for stack traces.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist-electron');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // classic-level (the sync host's LevelDB) and @node-rs/argon2 (the unlock's Argon2id) load
  // their prebuilt native bindings from their own package folders, so they cannot be bundled.
  external: ['electron', 'classic-level', '@node-rs/argon2'],
  logLevel: 'info',
  legalComments: 'none',
  absWorkingDir: root,
};

await rm(outdir, { recursive: true, force: true });
await Promise.all([
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/main/index.ts')],
    outfile: path.join(outdir, 'main.cjs'),
    sourcemap: true,
  }),
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/preload/index.ts')],
    outfile: path.join(outdir, 'preload.cjs'),
    sourcemap: false,
  }),
]);
