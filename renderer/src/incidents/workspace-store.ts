/**
 * What the incident screens read: the incident list, and everything about the incident
 * that is open. Refreshed from the projections after every append (they are small: the
 * bulk customer data never comes through here).
 */
import { create } from 'zustand';
import type { ScenarioTemplate } from '../../../shared/boards/model';
import { BUILTIN_TEMPLATES } from '../../../shared/boards/scenarios';
import type { Task } from '../../../shared/boards/tasks';
import { mergeTemplates, type StoredTemplate } from '../../../shared/boards/templates';
import type { HonbuEvent } from '../../../shared/events/event';
import type { Decision } from '../../../shared/incident/decisions';
import type { Incident, Report } from '../../../shared/incident/model';
import type { Person } from '../../../shared/people/profile';
import type { ContactLogEntry, DisclosureRow } from '../../../shared/disclosure/regulator';
import type { Statement } from '../../../shared/disclosure/statement-events';
import type { VersionedDoc } from '../../../shared/disclosure/doc-versions';
import { incidentClocks, withLegalDues } from '../../../shared/disclosure/effective';
import { COMPANY_ROW_ID, type CompanyProfile } from '../../../shared/company/profile';
import type { Enquiry, FaqEntry } from '../../../shared/faq/model';
import type { EventStore } from '../data/event-store';

export interface OpenIncident {
  incident: Incident;
  reports: Report[];
  tasks: Task[];
  decisions: Decision[];
  events: HonbuEvent[];
  statements: Statement[];
  disclosure: DisclosureRow | null;
  contactsLog: ContactLogEntry[];
  enquiries: Enquiry[];
  faq: FaqEntry[];
  /** Notices to individuals, by version. */
  notices: VersionedDoc[];
  /** The workspace's company profile (sender of statements and notices, PPC reporter). */
  company: CompanyProfile | null;
}

interface WorkspaceState {
  store: EventStore | null;
  incidents: Incident[];
  templates: ScenarioTemplate[];
  people: Person[];
  /** The company profile (settings; the sender of what goes out). */
  company: CompanyProfile | null;
  /** The incident the screens show; set at once, so a refresh in flight cannot bring back another. */
  openId: string | null;
  open: OpenIncident | null;
  attach(store: EventStore | null): void;
  openIncident(id: string | null): Promise<void>;
  refresh(): Promise<void>;
}

let unsubscribe: (() => void) | null = null;

async function readOpen(store: EventStore, id: string): Promise<OpenIncident | null> {
  const incident = await store.readRow<Incident>('incidents', id);
  if (!incident) return null;
  const [reports, tasks, decisions, events, statements, disclosure, contactsLog, enquiries, faq, notices, company] = await Promise.all([
    store.readRowsWhere<Report>('reports', 'incidentId', id),
    store.readRowsWhere<Task>('tasks', 'incidentId', id),
    store.readRowsWhere<Decision>('decisions', 'incidentId', id),
    store.readEvents(id),
    store.readRowsWhere<Statement>('statements', 'incidentId', id),
    store.readRow<DisclosureRow>('disclosure', id),
    store.readRowsWhere<ContactLogEntry>('contacts-log', 'incidentId', id),
    store.readRowsWhere<Enquiry>('enquiries', 'incidentId', id),
    store.readRowsWhere<FaqEntry>('faq', 'incidentId', id),
    store.readRowsWhere<VersionedDoc>('notices', 'incidentId', id),
    store.readRow<CompanyProfile>('company', COMPANY_ROW_ID),
  ]);
  // A task that is a legal duty is due when its clock says (one source for the deadline).
  const withDues = withLegalDues(tasks, incidentClocks(incident, disclosure ?? null, Date.now()));
  return {
    incident,
    reports: reports.sort((a, b) => a.number - b.number),
    tasks: withDues.sort((a, b) => (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff') || a.createdAt.localeCompare(b.createdAt)),
    decisions: decisions.sort((a, b) => b.at.localeCompare(a.at)),
    events,
    statements: statements.sort((a, b) => a.version - b.version),
    disclosure: disclosure ?? null,
    contactsLog: contactsLog.sort((a, b) => b.when.localeCompare(a.when)),
    enquiries: enquiries.sort((a, b) => b.at.localeCompare(a.at) || b.loggedAt.localeCompare(a.loggedAt)),
    faq: faq.sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    notices: notices.sort((a, b) => a.version - b.version),
    company: company ?? null,
  };
}

export const useWorkspace = create<WorkspaceState>((set, get) => ({
  store: null,
  incidents: [],
  templates: BUILTIN_TEMPLATES,
  people: [],
  company: null,
  openId: null,
  open: null,

  attach(store) {
    unsubscribe?.();
    unsubscribe = null;
    set({ store, incidents: [], openId: null, open: null, people: [], company: null, templates: BUILTIN_TEMPLATES });
    if (!store) return;
    unsubscribe = store.subscribe(() => void get().refresh());
    void get().refresh();
  },

  async openIncident(id) {
    const { store } = get();
    set({ openId: id });
    const open = id && store ? await readOpen(store, id) : null;
    if (get().openId === id) set({ open });
  },

  async refresh() {
    const { store, openId } = get();
    if (!store) return;
    const [incidents, saved, people, company] = await Promise.all([
      store.readRows<Incident>('incidents'),
      store.readRows<StoredTemplate>('templates'),
      store.readRows<Person>('people'),
      store.readRow<CompanyProfile>('company', COMPANY_ROW_ID),
    ]);
    incidents.sort((a, b) => (b.facts.discoveredAt ?? b.createdAt).localeCompare(a.facts.discoveredAt ?? a.createdAt));
    const next = openId ? await readOpen(store, openId) : null;
    if (get().store !== store) return; // locked meanwhile
    set({ incidents, templates: mergeTemplates(BUILTIN_TEMPLATES, saved), people, company: company ?? null });
    if (get().openId === openId) set({ open: next });
  },
}));
