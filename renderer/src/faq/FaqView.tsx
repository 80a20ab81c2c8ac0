import { useMemo, useState } from 'react';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { CallbacksPanel } from './CallbacksPanel';
import { ConsistencyPanel } from './ConsistencyPanel';
import { EnquiryForm } from './EnquiryForm';
import { EnquiryList } from './EnquiryList';
import { FaqEntries, type NewEntryPrefill } from './FaqEntries';
import { GroupsPanel } from './GroupsPanel';
import { KpiPanel } from './KpiPanel';
import { takeRequestedFaqPart } from './faq-part';
import { HandoverPanel } from './HandoverPanel';
import { OperatorView } from './OperatorView';
import { TalkScript } from './TalkScript';

import { VendorImportPanel } from './VendorImportPanel';
import { rowsOfReportDays } from '../../../shared/faq/vendor-events';

const PARTS = ['log', 'vendor', 'list', 'groups', 'entries', 'handover', 'operator', 'talk', 'callbacks', 'kpi', 'consistency'] as const;
type Part = (typeof PARTS)[number];

/**
 * The enquiry counter's part: log, group, answer once for everyone (DOMAIN.md part 4).
 */
export function FaqView({ data }: { data: OpenIncident }) {
  const t = useT();
  const reportRows = useMemo(() => rowsOfReportDays(data.callReportDays), [data.callReportDays]);
  const [part, setPart] = useState<Part>(() => takeRequestedFaqPart() ?? 'log');
  const [openId, setOpenId] = useState<string | null>(null);
  const [prefill, setPrefill] = useState<NewEntryPrefill | null>(null);
  const openEntry = (id: string | null, fill: NewEntryPrefill | null = null) => {
    setOpenId(id);
    setPrefill(id ? null : fill);
    setPart('entries');
  };
  return (
    <div className="faq">
      <nav className="subnav no-print" aria-label={t('faq.sections')}>
        {PARTS.map((p) => (
          <button
            key={p}
            type="button"
            aria-current={part === p ? 'true' : undefined}
            onClick={() => {
              setPart(p);
              if (p === 'entries') {
                setOpenId(null);
                setPrefill(null);
              }
            }}
          >
            {p === 'vendor' ? t('vendorlog.nav') : t(`faq.nav.${p}`)}
          </button>
        ))}
      </nav>
      {part === 'log' && <EnquiryForm data={data} />}
      {part === 'list' && <EnquiryList data={data} />}
      {part === 'groups' && <GroupsPanel data={data} onNewEntry={(fill) => openEntry(null, fill)} />}
      {part === 'entries' && <FaqEntries data={data} openId={openId} prefill={prefill} onOpen={openEntry} />}
      {part === 'operator' && <OperatorView data={data} />}
      {part === 'consistency' && <ConsistencyPanel data={data} />}
      {part === 'kpi' && <KpiPanel data={data} callReports={reportRows} onGoLog={() => setPart('log')} />}
      {part === 'talk' && <TalkScript data={data} />}
      {part === 'callbacks' && <CallbacksPanel data={data} onOpenEntry={(id) => openEntry(id)} />}
      {part === 'handover' && <HandoverPanel data={data} onOpenEntry={(id) => openEntry(id)} onEntries={() => openEntry(null)} />}
      {part === 'vendor' && <VendorImportPanel data={data} />}
    </div>
  );
}
