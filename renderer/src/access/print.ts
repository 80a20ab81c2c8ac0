/** Printing a document of an incident: recorded (who, when, what) before the print dialog opens. */
import type { PrintKind } from '../../../shared/access/events';
import { dispatch } from '../data/dispatch';
import { printPage } from '../platform/platform';

export async function printRecorded(incidentId: string, kind: PrintKind, suggestedName: string): Promise<void> {
  await dispatch('access.record-print', { incidentId, kind });
  await printPage(suggestedName);
}
