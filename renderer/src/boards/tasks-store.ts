/** The open incident's tasks, kept current from change notices (the legal dues are set where they are read). */
import { liveRows } from '../data/live-rows';
import { tables } from '../data/tables';

export const tasks = liveRows(tables.tasks, { kind: 'where', index: 'incidentId' });
