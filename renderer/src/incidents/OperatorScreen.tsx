/**
 * Operator mode (decision 016): the incident as a call-centre laptop sees it — the enquiry
 * form, the FAQ search, the customer lookup (its card records a call's result) and the talk
 * script (decision 035). Nothing
 * else of the incident is mounted: no other tab, no batch, no import, no list dashboard, no
 * export. The role table refuses the rest in commands too; this is what the screen offers.
 */
import { useState } from 'react';
import { LookupPanel } from '../contacts/ui/LookupPanel';
import { useContacts } from '../contacts/ui/contacts-store';
import { useIncidentContacts } from '../contacts/ui/use-incident-contacts';
import { ErrorBoundary } from '../errors/ErrorBoundary';
import { EnquiryForm } from '../faq/EnquiryForm';
import { OperatorView } from '../faq/OperatorView';
import { TalkScript } from '../faq/TalkScript';
import { useT } from '../i18n/i18n';
import { ReadOnlyArea } from '../ui/read-only';
import { IncidentHeader } from './IncidentHeader';
import type { OpenIncident } from './open-incident';

export const OPERATOR_TABS = ['enquiry', 'faq', 'lookup', 'talk'] as const;
type OperatorTab = (typeof OPERATOR_TABS)[number];

export function OperatorScreen({ open }: { open: OpenIncident }) {
  const t = useT();
  const [tab, setTab] = useState<OperatorTab>('enquiry');
  const incidentId = open.incident.id;
  useIncidentContacts(incidentId);
  const engine = useContacts((s) => s.engine);

  return (
    <div className="incident" data-operator-mode>
      <IncidentHeader incident={open.incident} disclosure={open.disclosure} statements={open.statements} />
      <p className="hint">{t('membership.operatorLead')}</p>
      <div role="tablist" aria-label={t('membership.operatorTabs')} className="tabs">
        {OPERATOR_TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`op-tab-${id}`}
            aria-selected={tab === id}
            aria-controls="operator-panel"
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={(e) => {
              const i = OPERATOR_TABS.indexOf(id);
              if (e.key === 'ArrowRight') setTab(OPERATOR_TABS[(i + 1) % OPERATOR_TABS.length]!);
              if (e.key === 'ArrowLeft') setTab(OPERATOR_TABS[(i + OPERATOR_TABS.length - 1) % OPERATOR_TABS.length]!);
            }}
          >
            {t(`membership.tabs.${id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="operator-panel" aria-labelledby={`op-tab-${tab}`} className="panel">
        <ErrorBoundary scope="screen" resetKey={tab}>
          <ReadOnlyArea>
            {tab === 'enquiry' && <EnquiryForm data={open} />}
            {tab === 'faq' && <OperatorView data={open} />}
            {tab === 'lookup' && engine && <LookupPanel data={open} />}
            {tab === 'talk' && <TalkScript data={open} />}
          </ReadOnlyArea>
        </ErrorBoundary>
      </div>
    </div>
  );
}
