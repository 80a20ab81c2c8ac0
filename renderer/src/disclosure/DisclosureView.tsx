import { useEffect, useState } from 'react';
import { rulesInWords } from './labels';
import { useT } from '../i18n/i18n';
import { ReadOnlyArea } from '../ui/read-only';
import type { OpenIncident } from '../incidents/open-incident';
import { ContactsLogPanel } from './ContactsLogPanel';
import { DecisionPanel } from './DecisionPanel';
import { NoticesPanel } from './NoticesPanel';
import { PpcDraftPanel } from './PpcDraftPanel';
import { RegulatorPanel } from './RegulatorPanel';
import { StatementsPanel } from './StatementsPanel';
import { useOpenRequest } from '../outgoing/open-request';

const PARTS = ['regulator', 'decision', 'statement', 'notices', 'contacts'] as const;
type Part = (typeof PARTS)[number];

/** Disclosure decision, statements, regulator reports with their clocks, notices, contact log. */
export function DisclosureView({ data }: { data: OpenIncident }) {
  const t = useT();
  const [part, setPart] = useState<Part>('regulator');
  // "Open the notice to individuals" from a letter batch that cannot be made yet.
  const requested = useOpenRequest((s) => s.target);
  useEffect(() => {
    if (!requested) return;
    setPart(requested);
    useOpenRequest.getState().clear();
  }, [requested]);
  return (
    <div className="disclosure">
      <p className="notice guidance" role="note">
        {t('disclosure.guidance', { version: rulesInWords(t, t.lang) })}
      </p>
      <nav className="subnav no-print" aria-label={t('disclosure.sections')}>
        {PARTS.map((p) => (
          <button key={p} type="button" aria-current={part === p ? 'true' : undefined} onClick={() => setPart(p)}>
            {t(`disclosure.nav.${p}`)}
          </button>
        ))}
      </nav>
      {/* On a revoked laptop the screens stay readable (this navigation, the versions of a
          statement or notice); only what would change something is disabled. */}
      {part === 'regulator' && (
        <ReadOnlyArea>
          <RegulatorPanel data={data} />
          <PpcDraftPanel data={data} />
        </ReadOnlyArea>
      )}
      {part === 'decision' && (
        <ReadOnlyArea>
          <DecisionPanel data={data} />
        </ReadOnlyArea>
      )}
      {part === 'statement' && <StatementsPanel data={data} />}
      {part === 'notices' && <NoticesPanel data={data} />}
      {part === 'contacts' && (
        <ReadOnlyArea>
          <ContactsLogPanel data={data} />
        </ReadOnlyArea>
      )}
    </div>
  );
}
