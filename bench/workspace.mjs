// Bundles bench/workspace.ts (the workspace at 100k events and 1M customers) and runs it.
import { runTs } from './bundle.mjs';

await runTs('workspace');
