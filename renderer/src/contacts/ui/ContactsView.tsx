import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n';
import type { OpenIncident } from '../../incidents/open-incident';
import { useSession } from '../../vault/session-store';
import { BatchesPanel } from './BatchesPanel';
import { CallsPanel } from './CallsPanel';
import { useContacts } from './contacts-store';
import { DashboardPanel } from './DashboardPanel';
import { ImportPanel } from './ImportPanel';
import { LookupPanel } from './LookupPanel';
import { ResultsPanel } from './ResultsPanel';
import { AccessReport } from '../../access/AccessReport';
import { useMayDecide } from '../../roles/WhoMayApprove';
import { LetterVariantsPanel } from '../../letters/LetterVariantsPanel';
import { useLettersNav } from '../../letters/use-variants';

const PARTS = ['dashboard', 'import', 'batches', 'letters', 'results', 'calls', 'lookup', 'access'] as const;
type Part = (typeof PARTS)[number];

/** The customer contact tracker (DOMAIN.md part 3): post → e-mail → phone → public notice. */
export function ContactsView({ data }: { data: OpenIncident }) {
  const t = useT();
  const store = useSession((s) => s.store);
  const { engine, open, load } = useContacts();
  const [part, setPart] = useState<Part>('dashboard');
  // Who looked at which customers is direction's to read: other members do not get the part.
  const direction = useMayDecide(data.incident.id);
  const parts = direction ? PARTS : PARTS.filter((p) => p !== 'access');
  // "文面を直す" on a batch: show the letter variants.
  const lettersWanted = useLettersNav((s) => s.request);
  useEffect(() => {
    if (lettersWanted > 0) setPart('letters');
  }, [lettersWanted]);
  useEffect(() => {
    void open(store);
  }, [store, open]);
  useEffect(() => {
    if (engine) void load(data.incident.id);
  }, [engine, data.incident.id, load]);
  if (!engine) return null;
  return (
    <div className="contacts">
      <nav className="subnav no-print" aria-label={t('contacts.sections')}>
        {parts.map((p) => (
          <button key={p} type="button" aria-current={part === p ? 'true' : undefined} onClick={() => setPart(p)}>
            {t(`contacts.nav.${p}`)}
          </button>
        ))}
      </nav>
      {part === 'dashboard' && <DashboardPanel data={data} />}
      {part === 'import' && <ImportPanel data={data} onDone={() => setPart('dashboard')} />}
      {part === 'batches' && <BatchesPanel data={data} />}
      {part === 'letters' && <LetterVariantsPanel data={data} />}
      {part === 'results' && <ResultsPanel />}
      {part === 'calls' && <CallsPanel onBatches={() => setPart('batches')} />}
      {part === 'lookup' && <LookupPanel data={data} />}
      {part === 'access' && (direction ? <AccessReport data={data} /> : <p className="hint">{t('access.onlyDirection')}</p>)}
    </div>
  );
}
