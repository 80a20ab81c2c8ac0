/**
 * "Take me there" from a blocked export: the place to fix what is missing (the notice to
 * individuals in the disclosure tab). A tiny store so the contact tracker and the
 * disclosure screens never import each other; the disclosure view takes the request when
 * it opens.
 */
import { create } from 'zustand';

export type OpenTarget = 'notices';

interface OpenRequestState {
  target: OpenTarget | null;
  request(target: OpenTarget): void;
  clear(): void;
}

export const useOpenRequest = create<OpenRequestState>((set) => ({
  target: null,
  request: (target) => set({ target }),
  clear: () => set({ target: null }),
}));
