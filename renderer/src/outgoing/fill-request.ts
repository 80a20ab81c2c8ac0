/**
 * "Fill it in now" from the release gate: the gate asks for a fact, the facts card opens
 * its form with that field focused. A tiny store so neither screen imports the other.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Placeholder } from '../../../shared/incident/render';

interface FillRequestState {
  fact: Placeholder | null;
  request(fact: Placeholder): void;
  clear(): void;
}

export const useFillRequest = create<FillRequestState>((set) => ({
  fact: null,
  request: (fact) => set({ fact }),
  clear: () => set({ fact: null }),
}));

/** The field of the facts form that holds a fact (the data items are checkbox groups). */
function fieldFor(fact: Placeholder): HTMLElement | null {
  if (fact === 'itemsLeaked') return document.querySelector<HTMLElement>('input[name="fact-leaked"]');
  if (fact === 'itemsNotLeaked') return document.querySelector<HTMLElement>('input[name="fact-not-leaked"]');
  return document.getElementById(`fact-${fact}`);
}

/** For the facts card: open the form when a fact is asked for, then focus its field. */
export function useFillRequestFocus(editing: boolean, startEdit: () => void): void {
  const fact = useFillRequest((s) => s.fact);
  useEffect(() => {
    if (!fact) return;
    if (!editing) {
      startEdit();
      return;
    }
    const field = fieldFor(fact);
    field?.scrollIntoView({ block: 'center' });
    field?.focus();
    useFillRequest.getState().clear();
  }, [fact, editing, startEdit]);
}
