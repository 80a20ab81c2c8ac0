/**
 * The real lookup screen (LookupPanel) mounted on the test page, so `npm run bench` can
 * time what an operator waits for: from a keystroke in the search field to the results
 * on screen, with React, the engine and IndexedDB all in the loop.
 */
import { createRoot } from 'react-dom/client';
import '../../styles.css';
import type { OpenIncident } from '../../incidents/open-incident';
import type { ContactEngine } from '../contact-engine';
import { useContacts } from '../ui/contacts-store';
import { LookupPanel } from '../ui/LookupPanel';

let armed: Promise<{ ms: number; searchMs: number }> | null = null;
/** Engine time of the searches since arm(), to tell engine from screen in the figures. */
let searchMs = 0;

export async function mountLookup(engine: ContactEngine, incidentId: string): Promise<void> {
  const datasets = await engine.datasets(incidentId);
  const search = engine.search.bind(engine);
  engine.search = async (...args) => {
    const t0 = performance.now();
    try {
      return await search(...args);
    } finally {
      // The search that answers the keystroke (not the rest of the page after it).
      if (searchMs === 0) searchMs = performance.now() - t0;
    }
  };
  useContacts.setState({ engine, incidentId, datasets, totals: {} });
  const host = document.createElement('div');
  document.body.append(host);
  const data = { incident: { id: incidentId } } as OpenIncident;
  createRoot(host).render(<LookupPanel data={data} />);
  await new Promise<void>((ok) => {
    const wait = () => (document.getElementById('lk-value') ? ok() : requestAnimationFrame(wait));
    wait();
  });
}

/**
 * Starts timing at the next input event in the lookup form and stops once the results
 * for `key` (see LookupPanel's data-query) are in the document and a frame has been
 * painted. Cold: the row-block cache is emptied first, as for a new caller.
 */
export function arm(engine: ContactEngine, key: string): void {
  engine.cache.clear();
  searchMs = 0;
  armed = new Promise<{ ms: number; searchMs: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      const shown = document.querySelector('.lookup-page')?.getAttribute('data-query');
      reject(new Error(`lookup-ui: no results for ${key} (showing ${shown}, field "${(document.getElementById('lk-value') as HTMLInputElement | null)?.value}")`));
    }, 20_000);
    const onInput = (e: Event) => {
      document.removeEventListener('input', onInput, true);
      const t0 = e.timeStamp;
      const done = () => {
        observer.disconnect();
        clearTimeout(timer);
        // After the frame that shows the results.
        requestAnimationFrame(() => setTimeout(() => resolve({ ms: performance.now() - t0, searchMs }), 0));
      };
      const shown = () => document.querySelector(`.lookup-page[data-query="${CSS.escape(key)}"]`) !== null;
      const observer = new MutationObserver(() => shown() && done());
      if (shown()) done();
      else observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-query'] });
    };
    document.addEventListener('input', onInput, true);
  });
}

export function armedResult(): Promise<{ ms: number; searchMs: number }> {
  if (!armed) throw new Error('lookup-ui: arm() first');
  return armed;
}
