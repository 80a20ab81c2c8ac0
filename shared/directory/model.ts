/**
 * The emergency contact list (緊急連絡表): the people the response must reach, inside and
 * outside the company, and the call trees that say who is alerted first for a scenario and
 * severity. Workspace-wide (not per incident): the list is ready before anything happens.
 */
import type { Severity } from '../alerts/plan';

/** What a person is to the response; the list groups and filters by it. */
export const CONTACT_CATEGORIES = [
  'executive',
  'legal',
  'pr',
  'it',
  'contractor',
  'police',
  'card-company',
  'printing',
  'call-centre',
  'other',
] as const;
export type ContactCategory = (typeof CONTACT_CATEGORIES)[number];

export interface DirectoryPersonFields {
  name: string;
  organisation: string;
  /** Role or title (役職), as the person's own organisation words it. */
  title: string;
  category: ContactCategory;
  phones: string[];
  emails: string[];
  /** A chat handle (Slack, Teams, LINE WORKS…), as typed. */
  chat: string;
  /** Another person of the list who stands in when this one is out of hours. */
  deputyId: string | null;
  /** When the person can be reached, as typed ("平日 9-18", "24時間"); empty = any time. See hours.ts. */
  hours: string;
}

export interface DirectoryPerson extends DirectoryPersonFields {
  id: string;
  updatedAt: string;
  updatedBy: string;
}

export const EMPTY_PERSON: DirectoryPersonFields = {
  name: '',
  organisation: '',
  title: '',
  category: 'other',
  phones: [],
  emails: [],
  chat: '',
  deputyId: null,
  hours: '',
};

/** One rung of a call tree: these people, then this many minutes for an acknowledgement. */
export interface CallTreeStep {
  personIds: string[];
  waitMinutes: number;
}

export interface CallTreeFields {
  name: string;
  /** A scenario id (shared/boards/model.ts SCENARIO_IDS or a saved template's); null = any scenario. */
  scenario: string | null;
  /** null = any severity. */
  severity: Severity | null;
  steps: CallTreeStep[];
}

export interface CallTree extends CallTreeFields {
  id: string;
  updatedAt: string;
  updatedBy: string;
}

/** What the person on the phone got: 連絡できた / 不在 / 伝言を残した. */
export const CALL_OUTCOMES = ['reached', 'no-answer', 'left-message'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** The calling checklist of an incident: the last mark per person, and every mark (who, when). */
export interface CallCheck {
  /** `${incidentId}:${personId}` */
  id: string;
  incidentId: string;
  personId: string;
  outcome: CallOutcome;
  at: string;
  by: string;
  marks: { outcome: CallOutcome; at: string; by: string }[];
}

export const MAX_PHONES = 3;
export const MAX_EMAILS = 3;
export const MAX_STEPS = 10;
/** People named in one step: each may bring a deputy, and the alerting takes fifty people a step. */
export const MAX_STEP_PEOPLE = 25;
export const MAX_WAIT_MINUTES = 24 * 60;
