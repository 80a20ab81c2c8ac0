/** The open incident's access report rows (per member and day), newest day first, kept current from change notices. */
import { liveRows } from '../data/live-rows';
import { tables } from '../data/tables';

export const accessDays = liveRows(tables.accessDays, { kind: 'where', index: 'incidentId' }, (a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : a.personId < b.personId ? -1 : 1));

/** The open incident's exports (requests, approvals, files made), newest request first. */
export const accessExports = liveRows(tables.accessExports, { kind: 'where', index: 'incidentId' }, (a, b) => {
  const at = (r: { request: { at: string } | null; productions: { at: string }[] }) => r.request?.at ?? r.productions[0]?.at ?? '';
  return at(a) < at(b) ? 1 : at(a) > at(b) ? -1 : 0;
});
