// Bundles bench/faq-grouping.ts (FAQ grouping in headless Chromium) and runs it; options are passed on.
import { runTs } from './bundle.mjs';

await runTs('faq-grouping');
