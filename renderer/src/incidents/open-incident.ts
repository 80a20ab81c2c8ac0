/**
 * What the incident screens read, put together from the parts' own stores. Each part's
 * store follows the change notices and re-reads only the rows a commit touched (the
 * timeline puts in the events it is handed), so no append re-reads or re-decrypts the
 * incident. A tab waits only for the parts it shows: the board never waits for thousands
 * of enquiries or the whole event history.
 */
import { useEffect, useMemo } from 'react';
import { toDisposable, type Disposable } from '../../../shared/lifecycle/disposable';
import type { AccessDay } from '../../../shared/access/report';
import type { ExportRow } from '../../../shared/access/exports';
import type { Task } from '../../../shared/boards/tasks';
import type { CompanyProfile } from '../../../shared/company/profile';
import { incidentClocks, withLegalDues } from '../../../shared/disclosure/effective';
import type { VersionedDoc } from '../../../shared/disclosure/doc-versions';
import type { ContactLogEntry, DisclosureRow } from '../../../shared/disclosure/regulator';
import type { Statement } from '../../../shared/disclosure/statement-events';
import type { AnyEvent } from '../../../shared/events/registry';
import type { Enquiry, FaqEntry } from '../../../shared/faq/model';
import type { FaqHandover } from '../../../shared/faq/handover';
import type { Decision } from '../../../shared/incident/decisions';
import type { Incident, Report } from '../../../shared/incident/model';
import type { FactEdits } from '../../../shared/incident/overrides';
import type { ReleaseOverride } from '../../../shared/outgoing/overrides';
import { accessDays, accessExports } from '../access/access-store';
import { savedTemplates } from '../boards/templates-store';
import { tasks } from '../boards/tasks-store';
import { company, useCompany } from '../company/company-store';
import { DIRECTORY_STORES } from '../directory/directory-store';
import type { EventStore } from '../data/event-store';
import type { HonbuDb } from '../data/db';
import type { LiveRows } from '../data/live-rows';
import { contactsLog, disclosureRow, notices, statements } from '../disclosure/disclosure-store';
import { callReportDays, enquiries, faqEntries, faqHandovers } from '../faq/faq-store';
import type { CallReportDay } from '../../../shared/faq/vendor-events';
import { releaseOverrides } from '../outgoing/overrides-store';
import { people } from '../people/people-store';
import type { IncidentTab } from '../shell/nav-store';
import { decisions, factEdits, incidentList, reports } from './incidents-store';
import { timeline, useTimeline } from './timeline-store';

export interface OpenIncident {
  incident: Incident;
  reports: Report[];
  tasks: Task[];
  decisions: Decision[];
  /** Every event of the incident in clock order; read only for the screens that list them (timeline, closing). */
  events: AnyEvent[];
  statements: Statement[];
  disclosure: DisclosureRow | null;
  contactsLog: ContactLogEntry[];
  /** Read only for the screens that list them (the FAQ tab). */
  enquiries: Enquiry[];
  faq: FaqEntry[];
  /** Notices to individuals, by version. */
  notices: VersionedDoc[];
  /** The workspace's company profile (sender of statements and notices, PPC reporter). */
  company: CompanyProfile | null;
  /** Per fact: the writes its overrides are worked out from (FactOverrides). */
  factEdits: FactEdits[];
  /** Decisions to let a text go out with facts unfilled, oldest first (the release gate). */
  releaseOverrides: ReleaseOverride[];
  /** Per member and day: customers looked at, files exported (read only for the access report). */
  accessDays: AccessDay[];
  /** Files of customers asked for, approved, made (the two-person export), newest first; read for the contacts and access tabs. */
  accessExports: ExportRow[];
  /** The FAQ handed over to the call-centre vendor, oldest first; read for the FAQ tab. */
  faqHandovers: FaqHandover[];
  /** The call-centre vendor's daily report, a row per day; read for the FAQ tab (KPIs). */
  callReportDays: CallReportDay[];
}

/** The incident's row stores, by the part of OpenIncident each fills. */
const SCOPED = {
  reports,
  tasks,
  decisions,
  statements,
  disclosure: disclosureRow,
  contactsLog,
  enquiries,
  faq: faqEntries,
  notices,
  factEdits,
  releaseOverrides,
  accessDays,
  accessExports,
  faqHandovers,
  callReportDays,
};

export type Part = keyof typeof SCOPED | 'events';

/** Small parts every tab reads; the large ones are read for the tabs that show them. */
const ALWAYS: Part[] = ['reports', 'tasks', 'decisions', 'statements', 'disclosure', 'contactsLog', 'faq', 'notices', 'factEdits', 'releaseOverrides'];
const BY_TAB: Partial<Record<IncidentTab, Part[]>> = {
  faq: ['enquiries', 'faqHandovers', 'callReportDays'],
  // The callbacks due (decision 033) are escalated enquiries.
  deadlines: ['enquiries'],
  timeline: ['events'],
  closing: ['events'],
  // The access record (direction) and the export requests are parts of the contact tracker's screen.
  contacts: ['accessDays', 'accessExports'],
  // The executives' page counts enquiries and their top questions.
  exec: ['enquiries'],
};

export function partsFor(tab: IncidentTab): Part[] {
  return [...ALWAYS, ...(BY_TAB[tab] ?? [])];
}

// The directory's checklist store is focused by its own panel, not by focusIncident.
const WORKSPACE = [incidentList, people, savedTemplates, company, ...DIRECTORY_STORES];

/**
 * Binds every store the screens read to the unlocked workspace's event store; disposing
 * unbinds them (lock), which drops every decrypted row and event they hold at once.
 */
export function bindWorkspaceStores(store: EventStore): Disposable {
  for (const s of [...WORKSPACE, ...Object.values(SCOPED)]) s.bind(store);
  timeline.bind(store);
  return toDisposable(() => {
    for (const s of [...WORKSPACE, ...Object.values(SCOPED)]) s.bind(null);
    timeline.bind(null);
  });
}

/** What every screen store holds now (the lock test checks none of it outlives the session). */
export function screenStoreStates(): unknown[] {
  return [...[...WORKSPACE, ...Object.values(SCOPED)].map((s) => s.use.getState()), useTimeline.getState()];
}

/**
 * While the unlock waits for its key: the rows the first screen will read — the workspace's
 * lists, and the parts of the incident open on this tab — read from disk still sealed, so
 * that once the key is there only their opening is left (data/table-reader.ts).
 */
export function readAheadFirstScreen(db: HonbuDb, incidentId: string | null, tab: IncidentTab): void {
  for (const s of WORKSPACE) s.readAhead(db, null);
  if (incidentId === null) return;
  for (const p of partsFor(tab)) if (p !== 'events') SCOPED[p].readAhead(db, incidentId);
}

/** The incident the screens show from now on (null: none). Its parts are read when wanted. */
export function focusIncident(id: string | null): void {
  for (const s of Object.values(SCOPED)) s.focus(id);
  timeline.focus(id);
}

function want(part: Part): void {
  if (part === 'events') timeline.want();
  else SCOPED[part].want();
}

/** Resolves once the parts are read for the focused incident (tests; the bench). */
export async function partsLoaded(parts: Part[]): Promise<void> {
  await Promise.all(parts.map((p) => (p === 'events' ? timeline.loaded() : SCOPED[p].loaded())));
}

function useRows<R>(live: LiveRows<R>, id: string | null): R[] | null {
  return live.use((s) => (s.ready && s.key === id ? s.rows : null));
}

/**
 * The open incident as the tab on show needs it, or null until its parts are read. Parts the
 * tab does not need are empty unless read earlier (they then stay current).
 */
export function useOpenIncident(id: string | null, tab: IncidentTab): OpenIncident | null {
  const needs = partsFor(tab);
  const needsKey = needs.join();
  useEffect(() => {
    focusIncident(id);
    for (const p of needsKey.split(',') as Part[]) want(p);
  }, [id, needsKey]);

  const incident = incidentList.use((s) => s.rows.find((r) => r.id === id) ?? null);
  const companyRow = useCompany();
  const events = useTimeline((s) => (s.ready && s.key === id ? s.events : null));
  const reportRows = useRows(reports, id);
  const taskRows = useRows(tasks, id);
  const decisionRows = useRows(decisions, id);
  const statementRows = useRows(statements, id);
  const disclosureRows = useRows(disclosureRow, id);
  const contactsLogRows = useRows(contactsLog, id);
  const enquiryRows = useRows(enquiries, id);
  const faqRows = useRows(faqEntries, id);
  const noticeRows = useRows(notices, id);
  const factEditRows = useRows(factEdits, id);
  const overrideRows = useRows(releaseOverrides, id);
  const accessRows = useRows(accessDays, id);
  const exportRows = useRows(accessExports, id);
  const handoverRows = useRows(faqHandovers, id);
  const reportDayRows = useRows(callReportDays, id);
  const loaded: Record<Part, boolean> = {
    reports: reportRows !== null,
    tasks: taskRows !== null,
    decisions: decisionRows !== null,
    statements: statementRows !== null,
    disclosure: disclosureRows !== null,
    contactsLog: contactsLogRows !== null,
    enquiries: enquiryRows !== null,
    faq: faqRows !== null,
    notices: noticeRows !== null,
    factEdits: factEditRows !== null,
    releaseOverrides: overrideRows !== null,
    events: events !== null,
    accessDays: accessRows !== null,
    accessExports: exportRows !== null,
    faqHandovers: handoverRows !== null,
    callReportDays: reportDayRows !== null,
  };
  const ready = incident !== null && needs.every((p) => loaded[p]);
  return useMemo(() => {
    if (!ready || !incident) return null;
    const disclosure = disclosureRows?.[0] ?? null;
    // A task that is a legal duty is due when its clock says (one source for the deadline).
    const withDues = withLegalDues(taskRows ?? [], incidentClocks(incident, disclosure, Date.now()));
    return {
      incident,
      reports: reportRows ?? [],
      // ISO instants sort by their characters; localeCompare (collation) took most of this memo.
      tasks: withDues.sort((a, b) => byChars(a.dueAt ?? '\uffff', b.dueAt ?? '\uffff') || byChars(a.createdAt, b.createdAt)),
      decisions: decisionRows ?? [],
      events: events ?? [],
      statements: statementRows ?? [],
      disclosure,
      contactsLog: contactsLogRows ?? [],
      enquiries: enquiryRows ?? [],
      faq: faqRows ?? [],
      notices: noticeRows ?? [],
      company: companyRow,
      factEdits: factEditRows ?? [],
      releaseOverrides: overrideRows ?? [],
      accessDays: accessRows ?? [],
      accessExports: exportRows ?? [],
      faqHandovers: handoverRows ?? [],
      callReportDays: reportDayRows ?? [],
    };
  }, [reportDayRows, ready, incident, companyRow, events, reportRows, taskRows, decisionRows, statementRows, disclosureRows, contactsLogRows, enquiryRows, faqRows, noticeRows, factEditRows, overrideRows, accessRows, exportRows, handoverRows]);
}

const byChars = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
