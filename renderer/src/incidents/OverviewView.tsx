import { CallChecklist } from '../directory/CallChecklist';
import { ReadOnlyArea } from '../ui/read-only';
import { AlertStatus } from '../alerts/AlertStatus';
import { DetailsCard } from './DetailsCard';
import { FactsCard } from './FactsCard';
import { FollowUpForm } from './FollowUpForm';
import { ReportHistory } from './ReportHistory';
import type { OpenIncident } from './open-incident';

export function OverviewView({ data }: { data: OpenIncident }) {
  return (
    <div className="overview">
      <div className="col">
        <CallChecklist incident={data.incident} />
        <FactsCard incident={data.incident} factEdits={data.factEdits} />
        <AlertStatus incidentId={data.incident.id} />
        <ReportHistory reports={data.reports} />
      </div>
      <div className="col">
        <ReadOnlyArea>
          <FollowUpForm incident={data.incident} />
          <DetailsCard key={data.incident.id} incident={data.incident} />
        </ReadOnlyArea>
      </div>
    </div>
  );
}
