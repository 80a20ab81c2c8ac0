/**
 * What the screen shows of unexpected errors: one calm notice at a time (a second fault
 * while it shows only counts), never the raw message. The details go to the sealed log.
 * A screen that could not be drawn says so in its own place (ErrorBoundary), not here.
 */
import { create } from 'zustand';

interface ErrorsState {
  /** Faults since the notice appeared; 0: no notice. */
  count: number;
  show(): void;
  dismiss(): void;
}

export const useErrors = create<ErrorsState>((set, get) => ({
  count: 0,
  show: () => set({ count: get().count + 1 }),
  dismiss: () => set({ count: 0 }),
}));
