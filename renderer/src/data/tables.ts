/**
 * The projection tables, typed. Each entry ties a table to the fold that fills it (its
 * ProjectionSpec, so the row type comes from the fold) and to the clear fields it can be
 * queried by. Reads go through these (`store.table(tables.tasks).where('incidentId', id)`),
 * so a read can neither name a table that does not exist nor claim a row type of its own.
 * A test checks every index named here is one the database declares.
 */
import type { AnyProjection, ProjectionSpec } from '../../../shared/events/projection';
import { exportsProjection } from '../../../shared/access/exports';
import { accessDaysProjection } from '../../../shared/access/report';
import { tasksProjection } from '../../../shared/boards/tasks';
import { templatesProjection } from '../../../shared/boards/templates';
import { companyProjection } from '../../../shared/company/profile';
import { callChecksProjection, callTreesProjection, directoryPeopleProjection } from '../../../shared/directory/projections';
import { contactsLogProjection, disclosureProjection } from '../../../shared/disclosure/regulator';
import { noticesProjection } from '../../../shared/disclosure/notice';
import { statementsProjection } from '../../../shared/disclosure/statement-events';
import { enquiriesProjection, faqProjection } from '../../../shared/faq/events';
import { faqHandoversProjection } from '../../../shared/faq/handover-events';
import { callReportDaysProjection } from '../../../shared/faq/vendor-events';
import { decisionsProjection } from '../../../shared/incident/decisions';
import { factEditsProjection } from '../../../shared/incident/overrides';
import { incidentsProjection, reportsProjection } from '../../../shared/incident/projections';
import { releaseOverridesProjection } from '../../../shared/outgoing/overrides';
import { peopleProjection } from '../../../shared/people/profile';

type Row = { id: string };

export interface TableRef<R extends Row = Row, Index extends string = string> {
  /** The Dexie table. */
  readonly name: string;
  readonly spec: ProjectionSpec<R>;
  /** Clear fields the table is indexed by (see the numbered migrations). */
  readonly indexes: readonly Index[];
}

function table<R extends Row, const Index extends string = never>(spec: ProjectionSpec<R>, indexes: readonly Index[] = []): TableRef<R, Index> {
  return { name: spec.table, spec, indexes };
}

export const tables = {
  people: table(peopleProjection),
  incidents: table(incidentsProjection, ['updatedAt', 'drill']),
  reports: table(reportsProjection, ['incidentId']),
  tasks: table(tasksProjection, ['incidentId', 'status']),
  decisions: table(decisionsProjection, ['incidentId', 'at']),
  templates: table(templatesProjection),
  statements: table(statementsProjection, ['incidentId']),
  disclosure: table(disclosureProjection),
  contactsLog: table(contactsLogProjection, ['incidentId']),
  faq: table(faqProjection, ['incidentId']),
  enquiries: table(enquiriesProjection, ['incidentId', 'day']),
  company: table(companyProjection),
  notices: table(noticesProjection, ['incidentId']),
  factEdits: table(factEditsProjection, ['incidentId']),
  releaseOverrides: table(releaseOverridesProjection, ['incidentId']),
  accessDays: table(accessDaysProjection, ['incidentId', 'day']),
  accessExports: table(exportsProjection, ['incidentId']),
  directoryPeople: table(directoryPeopleProjection),
  callTrees: table(callTreesProjection),
  callChecks: table(callChecksProjection, ['incidentId']),
  faqHandovers: table(faqHandoversProjection, ['incidentId']),
  callReportDays: table(callReportDaysProjection, ['incidentId']),
} as const;

export type Tables = typeof tables;
/** The row type of a table, and the clear fields it can be queried by. */
export type RowOf<T> = T extends { spec: ProjectionSpec<infer R> } ? R : never;
export type IndexOf<T> = T extends { indexes: readonly (infer I extends string)[] } ? I : never;

// Each spec is stored under its own table; erased once here for the store's list.
const erase = <R extends Row>(spec: ProjectionSpec<R>) => spec as unknown as AnyProjection;

/** Every projection the store maintains, in one list so append and rebuild agree. */
export const ALL_PROJECTIONS: AnyProjection[] = Object.values(tables).map((t: TableRef) => erase(t.spec));
