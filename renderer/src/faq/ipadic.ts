/**
 * The IPADIC analyser built from lindera's wasm: the same for the page (analyser.ts, for
 * search) and for the grouping worker (grouping-worker.ts), so both read enquiries alike.
 * The caller gives the module and the wasm's URL (the page imports them when first needed,
 * the worker when it starts).
 */
import { cachedAnalyser, morphemeFromIpadic, type JapaneseAnalyser } from '../../../shared/faq/analyser';

type Lindera = typeof import('lindera-wasm-ipadic');

export async function ipadicAnalyser(lindera: Lindera, wasmUrl: string): Promise<JapaneseAnalyser> {
  await lindera.default({ module_or_path: wasmUrl });
  const builder = new lindera.TokenizerBuilder();
  builder.setDictionary('embedded://ipadic');
  builder.setMode('normal');
  const tokenizer = builder.build();
  return cachedAnalyser({
    analyse: (text) =>
      (tokenizer.tokenize(text) as Map<string, unknown>[]).map((m) => morphemeFromIpadic(m.get('text') as string, m.get('details') as string[])),
  });
}
