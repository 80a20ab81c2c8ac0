import { create } from 'zustand';

export type Screen = 'incidents' | 'new-incident' | 'incident' | 'templates' | 'directory' | 'settings' | 'inbox' | 'my-work';
export type IncidentTab = 'overview' | 'board' | 'deadlines' | 'contacts' | 'faq' | 'disclosure' | 'timeline' | 'sitrep' | 'closing' | 'exec';

interface NavState {
  screen: Screen;
  /** The first report form files a drill instead of a real incident. */
  drill: boolean;
  incidentId: string | null;
  tab: IncidentTab;
  aboutOpen: boolean;
  go(screen: Screen): void;
  newIncident(drill: boolean): void;
  openIncident(id: string, tab?: IncidentTab): void;
  setTab(tab: IncidentTab): void;
  setAbout(open: boolean): void;
}

export const useNav = create<NavState>((set) => ({
  screen: 'incidents',
  drill: false,
  incidentId: null,
  tab: 'overview',
  aboutOpen: false,
  go: (screen) => set({ screen }),
  newIncident: (drill) => set({ screen: 'new-incident', drill }),
  openIncident: (incidentId, tab = 'overview') => set({ screen: 'incident', incidentId, tab }),
  setTab: (tab) => set({ tab }),
  setAbout: (aboutOpen) => set({ aboutOpen }),
}));
