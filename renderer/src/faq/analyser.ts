/**
 * The Japanese dictionary (IPADIC, in lindera's wasm) for FAQ search and grouping. It is
 * 13 MB, so it is fetched from the app's own assets (app:// or the web build's origin;
 * nothing leaves the machine) only when an FAQ screen first needs it, once per session.
 * Until it is ready — or if it cannot load — search works without readings. Grouping
 * loads its own copy in its worker (enquiry-grouping.ts).
 */
import { useEffect, useState } from 'react';
import type { JapaneseAnalyser } from '../../../shared/faq/analyser';
import { ipadicAnalyser } from './ipadic';

export type AnalyserState = { state: 'loading'; analyser: null } | { state: 'ready'; analyser: JapaneseAnalyser } | { state: 'failed'; analyser: null };

let loading: Promise<JapaneseAnalyser> | null = null;
let current: AnalyserState = { state: 'loading', analyser: null };
const listeners = new Set<(s: AnalyserState) => void>();

async function load(): Promise<JapaneseAnalyser> {
  const [lindera, wasm] = await Promise.all([import('lindera-wasm-ipadic'), import('lindera-wasm-ipadic/lindera_wasm_bg.wasm?url')]);
  return ipadicAnalyser(lindera, wasm.default);
}

/** Starts loading the dictionary (once) and resolves with the analyser. */
export function loadFaqAnalyser(): Promise<JapaneseAnalyser> {
  loading ??= load().then(
    (analyser) => {
      current = { state: 'ready', analyser };
      for (const l of listeners) l(current);
      return analyser;
    },
    (error: unknown) => {
      console.warn('FAQ dictionary did not load; searching without readings', error);
      current = { state: 'failed', analyser: null };
      for (const l of listeners) l(current);
      throw error;
    },
  );
  return loading;
}

/** The analyser once loaded; the screen re-renders when it arrives. */
export function useFaqAnalyser(): AnalyserState {
  const [state, setState] = useState(current);
  useEffect(() => {
    listeners.add(setState);
    setState(current);
    loadFaqAnalyser().catch(() => undefined);
    return () => {
      listeners.delete(setState);
    };
  }, []);
  return state;
}
