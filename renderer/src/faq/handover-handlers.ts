/** 委託先に渡す as a dispatch handler: reads the incident's entries and handovers, runs the pure command. */
import { COMPANY_ROW_ID } from '../../../shared/company/profile';
import { handOver } from '../../../shared/faq/handover-commands';
import { CommandRefused, type Handler } from '../data/handler';
import { tables } from '../data/tables';

export type FaqHandoverHandlers = {
  /** Value: the new handover's id and number. */
  'faq.hand-over': Handler<{ incidentId: string; render: (template: string) => string; leaveOut: string[] }, { handoverId: string; version: number }>;
};

export const faqHandoverHandlers: FaqHandoverHandlers = {
  'faq.hand-over': async (h, { incidentId, render, leaveOut }) => {
    const incident = await h.store.table(tables.incidents).get(incidentId);
    if (!incident) throw new CommandRefused([{ field: 'incident', reason: 'not-found' }]);
    const entries = await h.store.table(tables.faq).where('incidentId', incidentId);
    const handovers = await h.store.table(tables.faqHandovers).where('incidentId', incidentId);
    // The company's own address and numbers may be in an answer (read as the approval reads them).
    const company = await h.store.table(tables.company).get(COMPANY_ROW_ID);
    return h.run(handOver(h.ctx, { incidentId, title: incident.title, entries, facts: incident.facts, handovers, company }, { render, leaveOut }));
  },
};
