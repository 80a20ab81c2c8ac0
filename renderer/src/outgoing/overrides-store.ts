/** The open incident's decisions to let a text go out with facts unfilled (the gate reads them), kept current. */
import { liveRows } from '../data/live-rows';
import { tables } from '../data/tables';

export const releaseOverrides = liveRows(tables.releaseOverrides, { kind: 'where', index: 'incidentId' }, (a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
