/** What a peer's board presence says, in words: "<incident title>: <phase> board". */
import { isPhase, type Phase } from '../../../../shared/boards/model';
import type { Incident } from '../../../../shared/incident/model';

/** The presence string for a board: incident and phase, both ids (sealed in transit). */
export function boardKey(incidentId: string, phase: string): string {
  return `${incidentId}/${phase}`;
}

export function describeBoard(
  board: string,
  incidents: Pick<Incident, 'id' | 'title'>[],
  phaseName: (phase: Phase) => string,
): string {
  const cut = board.lastIndexOf('/');
  if (cut < 0) return board;
  const incidentId = board.slice(0, cut);
  const phase = board.slice(cut + 1);
  const title = incidents.find((i) => i.id === incidentId)?.title ?? '';
  const what = isPhase(phase) ? phaseName(phase) : phase;
  return title ? `${title} · ${what}` : what;
}
