/**
 * The contact tracker's screens (dashboard, lookup, batches, call queue, the applied lists) on the bench page,
 * fed by the app's own contacts store opened on the bench's workspace, so `npm run bench`
 * can time what a person waits for at the list's size (one call result → the dashboard's
 * figures) and take screenshots of each screen for the lead to look at.
 */
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../styles.css';
import { EMPTY_FACTS } from '../../../../shared/incident/model';
import type { OpenIncident } from '../../incidents/open-incident';
import { AppliedLists } from '../ui/AppliedLists';
import { BatchesPanel } from '../ui/BatchesPanel';
import { CallsPanel } from '../ui/CallsPanel';
import { DashboardPanel } from '../ui/DashboardPanel';
import { LookupPanel } from '../ui/LookupPanel';
import { until as untilPainted } from '../../harness/until';

export type Screen = 'dashboard' | 'lookup' | 'batches' | 'calls' | 'applied';

/** As the bench page's wait, with room for a screen reading 20M customers. */
export const until = (done: () => boolean, timeoutMs = 600_000) => untilPainted(done, timeoutMs);

export const kpi = (key: string) => document.querySelector(`[data-kpi="${key}"]`)?.textContent ?? '';

let show: ((s: Screen) => void) | null = null;

/** An incident with nothing in it but its id (the contact screens read its lists, statements, decisions). */
function incidentOf(incidentId: string): OpenIncident {
  const none = { reports: [], tasks: [], decisions: [], events: [], statements: [], contactsLog: [], enquiries: [], faq: [], notices: [], factEdits: [], releaseOverrides: [], accessDays: [], accessExports: [] };
  return { ...none, incident: { id: incidentId, title: 'ベンチ', facts: EMPTY_FACTS }, disclosure: null, company: null } as unknown as OpenIncident;
}

function Screens({ incidentId, first }: { incidentId: string; first: Screen }) {
  const [screen, setScreen] = useState<Screen>(first);
  useEffect(() => {
    show = setScreen;
  }, []);
  const [data] = useState(() => incidentOf(incidentId));
  return (
    <main className="contacts" data-screen={screen} style={{ padding: 16 }}>
      {screen === 'dashboard' && <DashboardPanel data={data} />}
      {screen === 'lookup' && <LookupPanel data={data} />}
      {screen === 'batches' && <BatchesPanel data={data} />}
      {screen === 'calls' && <CallsPanel onBatches={() => setScreen('batches')} />}
      {screen === 'applied' && (
        <section className="card">
          <AppliedLists />
        </section>
      )}
    </main>
  );
}

/** Mounts the screens (once) showing `screen`; ms from the call to `ready` drawn. */
export async function showScreen(incidentId: string, screen: Screen, ready: () => boolean): Promise<number> {
  const t0 = performance.now();
  if (show) show(screen);
  else {
    const host = document.createElement('div');
    host.id = 'screens';
    document.body.append(host);
    // The page's own file picker is for the tests, not part of these screens.
    document.getElementById('file')?.setAttribute('hidden', '');
    createRoot(host).render(<Screens incidentId={incidentId} first={screen} />);
  }
  await until(() => document.querySelector(`[data-screen="${screen}"]`) !== null && ready());
  return performance.now() - t0;
}
