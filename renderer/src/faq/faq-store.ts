/**
 * The open incident's FAQ entries and enquiries, kept current from change notices. Enquiries
 * are read when a screen that lists them is first shown: a busy desk logs thousands.
 */
import { liveRows } from '../data/live-rows';
import { tables } from '../data/tables';

export const faqEntries = liveRows(tables.faq, { kind: 'where', index: 'incidentId' }, (a, b) => a.createdAt.localeCompare(b.createdAt));
export const enquiries = liveRows(tables.enquiries, { kind: 'where', index: 'incidentId' }, (a, b) => b.at.localeCompare(a.at) || b.loggedAt.localeCompare(a.loggedAt));
/** The FAQ handed over to the call-centre vendor, oldest first (decision 034). */
export const faqHandovers = liveRows(tables.faqHandovers, { kind: 'where', index: 'incidentId' }, (a, b) => a.version - b.version || a.at.localeCompare(b.at));

/** The vendor's daily report days (KPIs), by day. */
export const callReportDays = liveRows(tables.callReportDays, { kind: 'where', index: 'incidentId' }, (a, b) => a.day.localeCompare(b.day));
