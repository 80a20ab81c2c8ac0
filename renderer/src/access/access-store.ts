/** The open incident's access report rows (per member and day), newest day first, kept current from change notices. */
import { liveRows } from '../data/live-rows';
import { tables } from '../data/tables';

export const accessDays = liveRows(tables.accessDays, { kind: 'where', index: 'incidentId' }, (a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : a.personId < b.personId ? -1 : 1));
