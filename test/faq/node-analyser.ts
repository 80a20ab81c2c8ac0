/**
 * The IPADIC analyser in Node, for the unit tests and the FAQ bench: the same lindera
 * wasm the renderer fetches from its assets, read from node_modules instead.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync, TokenizerBuilder } from 'lindera-wasm-ipadic';
import { morphemeFromIpadic, type JapaneseAnalyser } from '../../shared/faq/analyser';

let loaded: { analyser: JapaneseAnalyser; loadMs: number } | null = null;

/** Loads the dictionary once per process; loadMs is how long that took. */
export function nodeAnalyser(): { analyser: JapaneseAnalyser; loadMs: number } {
  if (loaded) return loaded;
  const start = performance.now();
  const wasm = readFileSync(createRequire(import.meta.url).resolve('lindera-wasm-ipadic/lindera_wasm_bg.wasm'));
  initSync({ module: wasm });
  const builder = new TokenizerBuilder();
  builder.setDictionary('embedded://ipadic');
  builder.setMode('normal');
  const tokenizer = builder.build();
  const analyser: JapaneseAnalyser = {
    analyse: (text) =>
      (tokenizer.tokenize(text) as Map<string, unknown>[]).map((m) => morphemeFromIpadic(m.get('text') as string, m.get('details') as string[])),
  };
  loaded = { analyser, loadMs: performance.now() - start };
  return loaded;
}
