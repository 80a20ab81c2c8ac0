/** Commands of the disclosure part: each appends events; the folds live in shared/disclosure. */
import type { Facts } from '../../../shared/incident/model';
import type { ContactParty, DisclosureDecision, FilingKind, RegulatorSettings } from '../../../shared/disclosure/regulator';
import type { StatementSection } from '../../../shared/disclosure/statement';
import type { EventStore } from '../data/event-store';

export async function changeRegulatorSettings(store: EventStore, incidentId: string, changes: Partial<RegulatorSettings>): Promise<void> {
  await store.append([{ type: 'regulator.settings-changed', incidentId, payload: { changes } }]);
}

export async function fileRegulatorReport(store: EventStore, incidentId: string, kind: FilingKind, filedAt: string, reference: string): Promise<void> {
  await store.append([{ type: 'regulator.report-filed', incidentId, payload: { kind, filedAt, reference } }]);
}

export async function logContact(
  store: EventStore,
  incidentId: string,
  entry: { party: ContactParty; who: string; when: string; notes: string },
): Promise<void> {
  await store.append([{ type: 'regulator.contact-logged', incidentId, payload: { contactId: crypto.randomUUID(), ...entry } }]);
}

/** The disclosure decision, and the same decision as a timeline entry (who decided what, why). */
export async function recordDisclosureDecision(store: EventStore, incidentId: string, decision: DisclosureDecision, timelineWhat: string): Promise<void> {
  await store.append([
    { type: 'disclosure.decision-recorded', incidentId, payload: decision },
    {
      type: 'decision.recorded',
      incidentId,
      payload: { decisionId: crypto.randomUUID(), phase: 'statement', what: timelineWhat, why: decision.why, decidedBy: decision.decidedBy },
    },
  ]);
}

export async function draftStatement(store: EventStore, incidentId: string, version: number, sections: StatementSection[]): Promise<void> {
  await store.append([{ type: 'statement.drafted', incidentId, payload: { version, sections } }]);
}

/** Several sections saved at once: one append, so they land (or fail) together. */
export async function editStatementSections(store: EventStore, incidentId: string, version: number, edits: StatementSection[]): Promise<void> {
  if (edits.length === 0) return;
  await store.append(edits.map(({ key, text }) => ({ type: 'statement.section-edited', incidentId, payload: { version, key, text } })));
}

export async function approveStatement(
  store: EventStore,
  incidentId: string,
  version: number,
  approvedBy: string,
  sections: StatementSection[],
  factsSnapshot: Facts,
): Promise<void> {
  await store.append([{ type: 'statement.approved', incidentId, payload: { version, approvedBy, sections, factsSnapshot } }]);
}

export async function publishStatement(store: EventStore, incidentId: string, version: number): Promise<void> {
  await store.append([{ type: 'statement.published', incidentId, payload: { version } }]);
}
