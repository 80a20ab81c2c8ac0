// Import cycles make a module's meaning depend on load order and keep parts from being
// read (or moved) on their own. This fails on any cycle in the app's sources, type-only
// imports included. `npm run lint:cycles`; `npx madge --circular --extensions ts,tsx
// renderer/src shared electron server` shows the same list.
import madge from 'madge';

const ROOTS = ['renderer/src', 'shared', 'electron', 'server'];

/**
 * Cycles known to exist while they were being removed where they live. Each entry must
 * still be a cycle: once one is broken this script fails until it is deleted here, so the
 * list only shrinks. It is empty: keep it so.
 */
const KNOWN = [];

const result = await madge(ROOTS, { fileExtensions: ['ts', 'tsx'], excludeRegExp: [/\.d\.ts$/] });
const found = result.circular().map((cycle) => cycle.join(' > '));
const fresh = found.filter((c) => !KNOWN.includes(c));
const gone = KNOWN.filter((c) => !found.includes(c));

for (const c of fresh) console.error(`import cycle: ${c}`);
for (const c of gone) console.error(`no longer a cycle (delete it from KNOWN in scripts/check-cycles.mjs): ${c}`);
if (fresh.length > 0 || gone.length > 0) process.exit(1);
process.stdout.write(`no import cycles (${Object.keys(result.obj()).length} files)\n`);
