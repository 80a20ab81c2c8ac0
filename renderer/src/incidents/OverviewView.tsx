import { CallChecklist } from '../directory/CallChecklist';
import { ReadOnlyArea } from '../ui/read-only';
import { AlertStatus } from '../alerts/AlertStatus';
import { DetailsCard } from './DetailsCard';
import { FactsCard } from './FactsCard';
import { FollowUpForm } from './FollowUpForm';
import { ReportHistory } from './ReportHistory';
import { useIntakeDuplicates } from './incidents-store';
import type { OpenIncident } from './open-incident';

export function OverviewView({ data }: { data: OpenIncident }) {
  // A duplicate of an intake report's incident: the phoning is done on the one kept, not twice.
  const duplicate = useIntakeDuplicates().has(data.incident.id);
  return (
    <div className="overview">
      <div className="col">
        {!duplicate && <CallChecklist incident={data.incident} />}
        <FactsCard incident={data.incident} factEdits={data.factEdits} statements={data.statements} />
        <AlertStatus incidentId={data.incident.id} />
        <ReportHistory reports={data.reports} />
      </div>
      <div className="col">
        <ReadOnlyArea>
          <FollowUpForm incident={data.incident} />
          <DetailsCard key={data.incident.id} incident={data.incident} disclosure={data.disclosure} />
        </ReadOnlyArea>
      </div>
    </div>
  );
}
