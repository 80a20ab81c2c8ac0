import { create } from 'zustand';

export type Screen = 'incidents' | 'settings';

interface NavState {
  screen: Screen;
  aboutOpen: boolean;
  go(screen: Screen): void;
  setAbout(open: boolean): void;
}

export const useNav = create<NavState>((set) => ({
  screen: 'incidents',
  aboutOpen: false,
  go: (screen) => set({ screen }),
  setAbout: (aboutOpen) => set({ aboutOpen }),
}));
