// Bundles bench/run.ts (the contact-tracker bench) and runs it.
import { runTs } from './bundle.mjs';

await runTs('run');
