/**
 * The open incident's disclosure part: the decision and clocks row, regulator contacts,
 * statements and notices by version, each kept current from change notices.
 */
import { liveRows } from '../data/live-rows';
import { tables } from '../data/tables';

export const disclosureRow = liveRows(tables.disclosure, { kind: 'row' });
export const contactsLog = liveRows(tables.contactsLog, { kind: 'where', index: 'incidentId' }, (a, b) => b.when.localeCompare(a.when));
export const statements = liveRows(tables.statements, { kind: 'where', index: 'incidentId' }, (a, b) => a.version - b.version);
export const notices = liveRows(tables.notices, { kind: 'where', index: 'incidentId' }, (a, b) => a.version - b.version);
