/** Every projection the store maintains, in one list so append and rebuild agree. */
import type { AnyProjection, ProjectionSpec } from '../../../shared/events/projection';
import { tasksProjection } from '../../../shared/boards/tasks';
import { templatesProjection } from '../../../shared/boards/templates';
import { decisionsProjection } from '../../../shared/incident/decisions';
import { incidentsProjection, reportsProjection } from '../../../shared/incident/projections';
import { peopleProjection } from '../../../shared/people/profile';
import { contactsLogProjection, disclosureProjection } from '../../../shared/disclosure/regulator';
import { statementsProjection } from '../../../shared/disclosure/statement-events';
import { enquiriesProjection, faqProjection } from '../../../shared/faq/events';
import { companyProjection } from '../../../shared/company/profile';
import { noticesProjection } from '../../../shared/disclosure/notice';

const erase = <Row extends { id: string }>(spec: ProjectionSpec<Row>) => spec as unknown as AnyProjection;

export const ALL_PROJECTIONS: AnyProjection[] = [
  erase(peopleProjection),
  erase(incidentsProjection),
  erase(reportsProjection),
  erase(tasksProjection),
  erase(decisionsProjection),
  erase(templatesProjection),
  erase(statementsProjection),
  erase(disclosureProjection),
  erase(contactsLogProjection),
  erase(faqProjection),
  erase(enquiriesProjection),
  erase(companyProjection),
  erase(noticesProjection),
];
