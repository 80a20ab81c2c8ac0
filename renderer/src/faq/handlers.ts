/** The FAQ and enquiry commands as dispatch handlers. */
import { COMPANY_ROW_ID } from '../../../shared/company/profile';
import * as commands from '../../../shared/faq/commands';
import type { Group } from '../../../shared/faq/grouping';
import { movedAway } from '../../../shared/faq/answered';
import type { EnquiryFields, KeptTwin } from '../../../shared/faq/model';
import { MADE_GROUP } from '../../../shared/faq/moved-groups';
import { EMPTY_FACTS } from '../../../shared/incident/model';
import { rowOrRefuse, type Handler } from '../data/handler';
import { tables } from '../data/tables';

export type FaqHandlers = {
  /** Value: the new entry's id. `away`: `movedAway` of the incident's enquiries as the screen has them (read from the store when not given). */
  'faq.draft-entry': Handler<{ incidentId: string | null; text: commands.EntryText & { variants?: string[] }; enquiryIds?: string[]; away?: ReadonlyMap<string, string> }, string>;
  'faq.edit-entry': Handler<{ entryId: string; text: commands.EntryText }>;
  /** `seen`: the clock of the version the screen showed; refused when a newer one arrived since (decision 067). */
  'faq.approve-entry': Handler<{ entryId: string; seen?: string }>;
  'faq.retire-entry': Handler<{ entryId: string; reason: string }>;
  'faq.attach-group': Handler<{ entryId: string; group: Group; questions: ReadonlyMap<string, string>; away?: ReadonlyMap<string, string> }>;
  /** Value: the new enquiry's id. */
  'faq.log-enquiry': Handler<{ incidentId: string | null; fields: EnquiryFields }, string>;
  'faq.edit-enquiry': Handler<{ incidentId: string | null; enquiryId: string; changes: Partial<EnquiryFields> }>;
  /** Moves an enquiry: to another's automatic group (its id), a group people made (`g:` key), a new group (NEW_GROUP), or back (null). */
  'faq.regroup-enquiry': Handler<{ enquiryId: string; groupWith: string | null; kept?: KeptTwin[] }>;
};

const entry = (h: Parameters<FaqHandlers['faq.edit-entry']>[0], id: string) => rowOrRefuse(h.store, tables.faq, id, 'entry');
/** The incident's enquiries a move has taken away from where the grouping puts them, and since when. */
const awayIn = async (store: Parameters<FaqHandlers['faq.edit-entry']>[0]['store'], incidentId: string | null) => movedAway(await store.table(tables.enquiries).where('incidentId', incidentId ?? ''));

export const faqHandlers: FaqHandlers = {
  // Where each question is when attached (moved away or at home) is kept with it: as the screen has the log, else read from it.
  'faq.draft-entry': async (h, args) => h.run(commands.draftEntry(h.ctx, null, { ...args, away: args.enquiryIds?.length ? (args.away ?? (await awayIn(h.store, args.incidentId))) : undefined })),
  'faq.edit-entry': async (h, { entryId, text }) => h.run(commands.editEntry(h.ctx, await entry(h, entryId), text)),
  'faq.approve-entry': async (h, { entryId, seen }) => {
    const row = await entry(h, entryId);
    // The answer quotes the incident's facts as they are now; an entry of no incident quotes none.
    const incident = row.incidentId ? await h.store.table(tables.incidents).get(row.incidentId) : undefined;
    // The company's own address and numbers (the return address for a misdelivered letter) may be given.
    const company = await h.store.table(tables.company).get(COMPANY_ROW_ID);
    return h.run(commands.approveEntry(h.ctx, { entry: row, facts: incident?.facts ?? EMPTY_FACTS, company }, { seen }));
  },
  'faq.retire-entry': async (h, { entryId, reason }) => h.run(commands.retireEntry(h.ctx, await entry(h, entryId), { reason })),
  'faq.attach-group': async (h, { entryId, group, questions, away }) => {
    const row = await entry(h, entryId);
    // Its questions moved since they were attached are attached again; where each is now is kept with it.
    return h.run(commands.attachGroup(h.ctx, row, { group, questions, away: away ?? (await awayIn(h.store, row.incidentId)) }));
  },
  'faq.log-enquiry': (h, args) => h.run(commands.logEnquiry(h.ctx, null, args)),
  'faq.edit-enquiry': (h, args) => h.run(commands.editEnquiry(h.ctx, null, args)),
  'faq.regroup-enquiry': async (h, { enquiryId, groupWith, kept }) => {
    const enquiry = await rowOrRefuse(h.store, tables.enquiries, enquiryId, 'enquiry');
    const target = groupWith === null || groupWith.startsWith(MADE_GROUP) ? null : ((await h.store.table(tables.enquiries).get(groupWith)) ?? null);
    return h.run(commands.regroupEnquiry(h.ctx, { enquiry, target }, { groupWith, kept }));
  },
};
