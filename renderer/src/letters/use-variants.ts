/** An incident's letter variants, read again on every change to the store (a handful of events: no projection needed). */
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { LetterVariant } from '../../../shared/letters/events';
import { useSession } from '../vault/session-store';
import { readVariants } from './handlers';

export function useLetterVariants(incidentId: string): LetterVariant[] | null {
  const store = useSession((s) => s.store);
  const [version, setVersion] = useState(0);
  const [variants, setVariants] = useState<LetterVariant[] | null>(null);
  useEffect(() => (store ? store.subscribe(() => setVersion((v) => v + 1)) : undefined), [store]);
  useEffect(() => {
    if (!store) return;
    let live = true;
    void readVariants(store, incidentId).then((v) => {
      // The same variants keep the same array: a batch counts its letters again only when a variant changed.
      if (live) setVariants((old) => (old && JSON.stringify(old) === JSON.stringify(v) ? old : v));
    });
    return () => {
      live = false;
    };
  }, [store, incidentId, version]);
  return variants;
}

/** "文面を直す" from a batch: asks the contacts screen to show the variants, on the one to fix. */
export const useLettersNav = create<{ request: number; variantId: string | null; open(variantId: string | null): void; opened(): void }>((set) => ({
  request: 0,
  variantId: null,
  open: (variantId) => set((s) => ({ request: s.request + 1, variantId })),
  /** The variants screen opened it: a later save must not open it again. */
  opened: () => set({ variantId: null }),
}));
