/** The disclosure part's commands as dispatch handlers: each reads the rows its command checks. */
import * as commands from '../../../shared/disclosure/commands';
import { effectiveSettings, filingFloor } from '../../../shared/disclosure/effective';
import type { DocKind, DocLang, VersionedDoc } from '../../../shared/disclosure/doc-versions';
import type { PpcDraftFields } from '../../../shared/disclosure/ppc-fields';
import { ppcFields, type ContactParty, type FilingKind, type RegulatorSettings } from '../../../shared/disclosure/regulator';
import type { CheckItem, StatementSection } from '../../../shared/disclosure/statement';
import { rowOrRefuse, type Handler } from '../data/handler';
import type { EventStore } from '../data/event-store';
import { tables } from '../data/tables';

const DOC_TABLE = { statement: tables.statements, notice: tables.notices } as const satisfies Record<DocKind, unknown>;

function docOf(store: EventStore, kind: DocKind, incidentId: string, version: number): Promise<VersionedDoc> {
  return rowOrRefuse(store, DOC_TABLE[kind], `${incidentId}:${version}`, 'version');
}

export type DisclosureHandlers = {
  'disclosure.change-settings': Handler<{ incidentId: string; changes: Partial<RegulatorSettings> }>;
  'disclosure.file-report': Handler<{ incidentId: string; kind: FilingKind; filedAt: string | null; reference: string; corrects?: string }>;
  'disclosure.record-decision': Handler<{ incidentId: string; draft: commands.DecisionDraft; timelineWhat: { publish: string; notPublish: string } }>;
  'disclosure.draft-document': Handler<{ kind: DocKind; incidentId: string; lang: DocLang; sections: StatementSection[] }>;
  'disclosure.edit-sections': Handler<{ kind: DocKind; incidentId: string; version: number; edits: StatementSection[]; startedFrom?: Record<string, string> }>;
  'disclosure.approve-document': Handler<{ kind: DocKind; incidentId: string; version: number; checklist: readonly CheckItem[] }>;
  'disclosure.publish-document': Handler<{ kind: DocKind; incidentId: string; version: number; confirmAgainstDecision?: { reason: string } }>;
  'disclosure.edit-ppc-draft': Handler<{ incidentId: string; changes: Partial<PpcDraftFields> }>;
  'disclosure.dismiss-override': Handler<{ incidentId: string; field: string; doc?: { kind: DocKind; version: number } }>;
  'disclosure.log-contact': Handler<{ incidentId: string; contactId?: string; party: ContactParty; who: string; when: string | null; notes: string }>;
};

export const disclosureHandlers: DisclosureHandlers = {
  'disclosure.change-settings': async (h, args) => {
    // The incident for the times derived from it: a cleared learned time is the discovery's, as fileReport judges it.
    const [row, incident] = await Promise.all([h.store.table(tables.disclosure).get(args.incidentId), rowOrRefuse(h.store, tables.incidents, args.incidentId, 'incident')]);
    return h.run(commands.changeSettings(h.ctx, row ?? null, args, incident));
  },
  'disclosure.file-report': async (h, args) => {
    // The floor is the effective moment the clock started (derived from the discovery when nobody set it), as the screen shows it.
    const [row, incident] = await Promise.all([
      h.store.table(tables.disclosure).get(args.incidentId),
      rowOrRefuse(h.store, tables.incidents, args.incidentId, 'incident'),
    ]);
    const { settings } = effectiveSettings(row ?? null, incident);
    return h.run(commands.fileReport(h.ctx, { learnedAt: filingFloor(args.kind, settings), filings: row?.filings ?? [] }, args));
  },
  'disclosure.record-decision': async (h, args) => {
    const people = await h.store.table(tables.people).all();
    return h.run(commands.recordDecision(h.ctx, people.filter((p) => p.name.trim() !== ''), args));
  },
  'disclosure.draft-document': async (h, args) => {
    const existing = await h.store.table(DOC_TABLE[args.kind]).where('incidentId', args.incidentId);
    return h.run(commands.draftDocument(h.ctx, existing, args));
  },
  'disclosure.edit-sections': async (h, { kind, incidentId, version, edits, startedFrom }) => {
    const doc = await docOf(h.store, kind, incidentId, version);
    return h.run(commands.editSections(h.ctx, doc, { kind, edits, ...(startedFrom ? { startedFrom } : {}) }));
  },
  'disclosure.approve-document': async (h, { kind, incidentId, version, checklist }) => {
    const [doc, incident, approver] = await Promise.all([
      docOf(h.store, kind, incidentId, version),
      rowOrRefuse(h.store, tables.incidents, incidentId, 'incident'),
      h.store.table(tables.people).get(h.ctx.actor.personId),
    ]);
    return h.run(commands.approveDocument(h.ctx, { doc, approver: approver ? { ...approver, roles: h.ctx.actor.roles } : null, facts: incident.facts }, { kind, checklist }));
  },
  'disclosure.publish-document': async (h, { kind, incidentId, version, confirmAgainstDecision }) => {
    // The decision in force is read here, not taken from the screen: one decided on another laptop counts too.
    const [doc, row] = await Promise.all([docOf(h.store, kind, incidentId, version), h.store.table(tables.disclosure).get(incidentId)]);
    const decision = row?.decision ?? null;
    return h.run(commands.publishDocument(h.ctx, doc, { kind, decision, ...(confirmAgainstDecision ? { confirmAgainstDecision } : {}) }));
  },
  'disclosure.edit-ppc-draft': async (h, args) => {
    const row = await h.store.table(tables.disclosure).get(args.incidentId);
    return h.run(commands.editPpcDraft(h.ctx, ppcFields(row), args, row?.stamps ?? {}));
  },
  'disclosure.dismiss-override': async (h, args) => {
    // A section of a statement or notice version keeps its edits in that version's row.
    const row = args.doc ? await docOf(h.store, args.doc.kind, args.incidentId, args.doc.version) : ((await h.store.table(tables.disclosure).get(args.incidentId)) ?? null);
    return h.run(commands.dismissOverride(h.ctx, row, { ...args, me: h.ctx.actor.personId }));
  },
  'disclosure.log-contact': (h, args) => h.run(commands.logContact(h.ctx, null, args)),
};
