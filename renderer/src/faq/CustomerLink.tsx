import { useState } from 'react';
import type { Status } from '../../../shared/contacts/fallback';
import type { ContactRow } from '../../../shared/contacts/model';
import { useContacts } from '../contacts/ui/contacts-store';
import { useT } from '../i18n/i18n';

/** Links a caller to their customer card in the contact tracker, by customer number. */
export function CustomerLink({ incidentId, customerNo }: { incidentId: string; customerNo: string }) {
  const t = useT();
  const engine = useContacts((s) => s.engine);
  const [found, setFound] = useState<{ row: ContactRow; status: Status; channel?: string }[] | null>(null);
  if (!engine || customerNo.trim() === '') return null;
  return (
    <div className="customer-link">
      <button
        type="button"
        className="link"
        onClick={() =>
          void engine.find(incidentId, 'no', customerNo).then(async (rows) => {
            const datasets = await engine.datasets(incidentId);
            setFound(rows.map((r) => ({ ...r, channel: datasets.find((d) => d.id === r.datasetId)?.meta.channelOrder[r.status.slot] })));
          })
        }
      >
        {t('faq.entryForm.findCustomer')}
      </button>
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
