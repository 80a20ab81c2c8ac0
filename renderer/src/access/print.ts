/** Printing a document of an incident: recorded (who, when, what) before the print dialog opens. */
import type { PrintKind } from '../../../shared/access/events';
import { dispatch } from '../data/dispatch';
import { printPage } from '../platform/platform';

export async function printRecorded(incidentId: string, kind: PrintKind, suggestedName: string): Promise<void> {
  await dispatch('access.record-print', { incidentId, kind });
  await printPage(suggestedName);
}

/**
 * The menu's 印刷 (Electron) or Ctrl+P (the web build) prints the screen as it stands. With an
 * incident open, its customers (a card, a lookup, a call queue) may be on it: the print is on
 * record (kind "screen") before the dialog opens, and not made when the record is refused.
 */
export async function printScreen(incidentId: string | null): Promise<void> {
  if (incidentId !== null) await dispatch('access.record-print', { incidentId, kind: 'screen' });
  await printPage('honbu.pdf');
}
