import { useState } from 'react';
import type { Status } from '../../../shared/contacts/fallback';
import type { ContactRow } from '../../../shared/contacts/model';
import { type ContactEngine, IndexDamagedError } from '../contacts/contact-engine';
import { useContacts } from '../contacts/ui/contacts-store';
import { reportError } from '../errors/report';
import { useT } from '../i18n/i18n';
import { dispatch } from '../data/dispatch';

export type CustomerLinkResult = { found: { row: ContactRow; status: Status; channel?: string }[] } | { indexDamaged: true };

/** Puts a look at customers on the access record (list and row only), before anything of them is shown. */
export type RecordLook = (incidentId: string, hits: { datasetId: string; row: number }[]) => Promise<unknown>;
const recordLookup: RecordLook = (incidentId, hits) => dispatch('access.record-lookup', { incidentId, hits });

/**
 * The customers a customer number names, with their channel, on the access record first like
 * every other look (a stranger found this one shown no record: numbers typed one after another
 * listed customers without a trace); or that a list's search index needs rebuilding (decision
 * 039, addendum): said on the form with the way out (the lookup screen's rebuild), not as an
 * unexpected error. Other faults (a record refused) are thrown, and nothing is shown.
 */
export async function linkCustomer(engine: Pick<ContactEngine, 'find' | 'datasets'>, incidentId: string, customerNo: string, record: RecordLook = recordLookup): Promise<CustomerLinkResult> {
  try {
    const rows = await engine.find(incidentId, 'no', customerNo);
    if (rows.length > 0) await record(incidentId, rows.map((r) => ({ datasetId: r.datasetId, row: r.row.row })));
    const datasets = await engine.datasets(incidentId);
    return { found: rows.map((r) => ({ ...r, channel: datasets.find((d) => d.id === r.datasetId)?.meta.channelOrder[r.status.slot] })) };
  } catch (e) {
    if (e instanceof IndexDamagedError) return { indexDamaged: true };
    throw e;
  }
}

/** Links a caller to their customer card in the contact tracker, by customer number. */
export function CustomerLink({ incidentId, customerNo }: { incidentId: string; customerNo: string }) {
  const t = useT();
  const engine = useContacts((s) => s.engine);
  const [result, setResult] = useState<CustomerLinkResult | null>(null);
  if (!engine || customerNo.trim() === '') return null;
  const found = result && 'found' in result ? result.found : null;
  return (
    <div className="customer-link">
      <button type="button" className="link" onClick={() =>
          void linkCustomer(engine, incidentId, customerNo).then(setResult, (e: unknown) => {
            // Nothing of an earlier number stays on screen under this one.
            setResult(null);
            reportError(e);
          })
        }>
        {t('faq.entryForm.findCustomer')}
      </button>
      {result && 'indexDamaged' in result && (
        <p className="hint" role="status">
          {t('faq.entryForm.indexDamaged')}
        </p>
      )}
      {found && found.length === 0 && <p className="meta">{t('contacts.lookup.none')}</p>}
      {found?.map((f) => (
        <p key={`${f.row.row}`} className="meta" role="status">
          {t('faq.entryForm.customerFound', {
            name: f.row.name,
            status: t(`contacts.phases.${f.status.phase}`),
            channel: f.channel ? t(`contacts.channels.${f.channel as 'post'}`) : '',
          })}
        </p>
      ))}
    </div>
  );
}
