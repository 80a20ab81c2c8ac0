import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n';
import type { OpenIncident } from '../../incidents/workspace-store';
import { useSession } from '../../vault/session-store';
import { BatchesPanel } from './BatchesPanel';
import { CallsPanel } from './CallsPanel';
import { useContacts } from './contacts-store';
import { namedDataset, useListName } from './list-name';
import { DashboardPanel } from './DashboardPanel';
import { ImportPanel } from './ImportPanel';
import { LookupPanel } from './LookupPanel';
import { ResultsPanel } from './ResultsPanel';

const PARTS = ['dashboard', 'import', 'batches', 'results', 'calls', 'lookup'] as const;
type Part = (typeof PARTS)[number];

/** The customer contact tracker (DOMAIN.md part 3): post → e-mail → phone → public notice. */
export function ContactsView({ data }: { data: OpenIncident }) {
  const t = useT();
  const store = useSession((s) => s.store);
  const { engine, open, load } = useContacts();
  const [part, setPart] = useState<Part>('dashboard');
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
        {PARTS.map((p) => (
          <button key={p} type="button" aria-current={part === p ? 'true' : undefined} onClick={() => setPart(p)}>
            {t(`contacts.nav.${p}`)}
          </button>
        ))}
      </nav>
      {part === 'dashboard' && <DashboardPanel data={data} />}
      {part === 'import' && <ImportPanel data={data} onDone={() => setPart('dashboard')} />}
      {part === 'batches' && <BatchesPanel data={data} />}
      {part === 'results' && <ResultsPanel />}
      {part === 'calls' && <CallsPanel onBatches={() => setPart('batches')} />}
      {part === 'lookup' && <LookupPanel data={data} />}
    </div>
  );
}

/** A list picker shared by the panels: newest first, as the engine orders them everywhere. */
export function DatasetSelect({ value, onChange, id }: { value: string; onChange: (id: string) => void; id: string }) {
  const t = useT();
  const listName = useListName();
  const datasets = useContacts((s) => s.datasets);
  return (
    <div>
      <label htmlFor={id}>{t('contacts.dataset')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {datasets.map((d) => (
          <option key={d.id} value={d.id}>
            {listName(namedDataset(d))}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A segment picker (service / customer group) of one dataset; empty means all. */
export function SegmentSelect(props: { id: string; label: string; segments: string[]; value: string; onChange: (segment: string) => void }) {
  const t = useT();
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t('contacts.dashboard.allSegments')}</option>
        {props.segments.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </div>
  );
}
