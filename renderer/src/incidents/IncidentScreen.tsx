import { BoardsView } from '../boards/BoardsView';
import { DeadlinesView } from '../boards/DeadlinesView';
import { DisclosureView } from '../disclosure/DisclosureView';
import { ClosingView } from './ClosingView';
import { FaqView } from '../faq/FaqView';
import { ContactsView } from '../contacts/ui/ContactsView';
import { ErrorBoundary } from '../errors/ErrorBoundary';
import { IncidentRecordUnreadable } from '../errors/RecordUnreadable';
import { useRecordUnreadable } from '../data/unreadable';
import { useT } from '../i18n/i18n';
import { useNav, type IncidentTab } from '../shell/nav-store';
import { DuplicateNotice } from './DuplicateNotice';
import { IncidentHeader } from './IncidentHeader';
import { OverviewView } from './OverviewView';
import { SituationReport } from './SituationReport';
import { TimelineView } from './TimelineView';
import { useOpenIncident } from './open-incident';
import { ReadOnlyArea } from '../ui/read-only';
import { NotAMember } from '../roles/Membership';
import { useMyRoles, useOperatorMode } from '../roles/roles-store';
import { useMayOpenIncident } from './incidents-store';
import { OperatorScreen } from './OperatorScreen';
import { ExecView } from '../exec/ExecView';
import { mayReadExecPage } from '../../../shared/exec/access';

const TABS: IncidentTab[] = ['overview', 'board', 'deadlines', 'contacts', 'faq', 'disclosure', 'timeline', 'sitrep', 'closing'];
/** The executives' page, for the roles that may read it (shared/exec/access). */
const EXEC_TAB: IncidentTab = 'exec';

export function IncidentScreen() {
  const t = useT();
  const incidentId = useNav((s) => s.incidentId);
  const tab = useNav((s) => s.tab);
  const setTab = useNav((s) => s.setTab);
  // Each part re-reads only what a commit touched; the tab waits only for the parts it shows.
  // Whoever is not a member of the incident is shown nothing of it, however they got here
  // (the list, a stale link, the nav store); an operator gets its three screens only.
  const member = useMayOpenIncident(incidentId);
  const operator = useOperatorMode();
  const open = useOpenIncident(member ? incidentId : null, operator ? 'faq' : tab);
  // An event of the incident was refused when read (altered on disk: decision 040): said on
  // every tab; the tabs show what the rest of the record gives, the closing report nothing.
  const unreadable = useRecordUnreadable(incidentId);
  const tabs = mayReadExecPage(useMyRoles(incidentId)) ? [...TABS, EXEC_TAB] : TABS;

  if (member === false) return <NotAMember />;
  if (!open || open.incident.id !== incidentId) return null;
  if (operator) return <OperatorScreen open={open} />;
  return (
    <div className="incident">
      <IncidentHeader incident={open.incident} disclosure={open.disclosure} statements={open.statements} />
      <DuplicateNotice incident={open.incident} />
      <div role="tablist" aria-label={t('tabs.label')} className="tabs">
        {tabs.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls="incident-panel"
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={(e) => {
              const i = tabs.indexOf(id);
              if (e.key === 'ArrowRight') setTab(tabs[(i + 1) % tabs.length]!);
              if (e.key === 'ArrowLeft') setTab(tabs[(i + tabs.length - 1) % tabs.length]!);
            }}
          >
            {t(`tabs.${id}`)}
          </button>
        ))}
      </div>
      {/* Views of other parts are read only as a whole on a revoked laptop; this part's own
          views disable their editing controls and keep their navigation and filters. */}
      <div role="tabpanel" id="incident-panel" aria-labelledby={`tab-${tab}`} className="panel">
        <ErrorBoundary scope="screen" resetKey={tab}>
        <IncidentRecordUnreadable incidentId={open.incident.id} closing={tab === 'closing'} />
        {tab === 'overview' && <OverviewView data={open} />}
        {tab === 'board' && <BoardsView data={open} />}
        {tab === 'deadlines' && <DeadlinesView data={open} />}
        {tab === 'contacts' && <ReadOnlyArea><ContactsView data={open} /></ReadOnlyArea>}
        {tab === 'faq' && <ReadOnlyArea><FaqView data={open} /></ReadOnlyArea>}
        {tab === 'disclosure' && <DisclosureView data={open} />}
        {tab === 'timeline' && <TimelineView data={open} />}
        {tab === 'sitrep' && <SituationReport data={open} />}
        {tab === 'closing' && !unreadable && <ReadOnlyArea><ClosingView data={open} /></ReadOnlyArea>}
        {tab === 'exec' && <ExecView data={open} />}
        </ErrorBoundary>
      </div>
    </div>
  );
}
