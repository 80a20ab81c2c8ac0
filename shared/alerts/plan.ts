/**
 * What a call tree asks of the alerting (issue: reach people who do not have the app open).
 * The emergency contact list and its call trees (shared/directory/) turn into one of these
 * for an incident's scenario and severity; the alerting (queue, e-mail, chat, the host's
 * escalation jobs) carries it out without knowing how it was chosen. Content-free: nothing
 * here names the incident's facts or any customer.
 */

/** How severe the team judged an incident when it was reported (重大度). */
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One person the alert must reach, with every way there is to reach them. */
export interface AlertRecipient {
  /** The person's id in the emergency contact list. */
  personId: string;
  name: string;
  emails: readonly string[];
  /** Phones are not dialled by the app: they go on the calling checklist on screen. */
  phones: readonly string[];
  /** Their deputy, alerted with them when the person is out of hours (already resolved). */
  deputyOf?: string;
}

/** One rung of the escalation: who is alerted, then how long to wait for an acknowledgement. */
export interface EscalationStep {
  recipients: readonly AlertRecipient[];
  /** Minutes without any acknowledgement before the next rung is alerted. */
  waitMinutes: number;
}

export interface EscalationPlan {
  /** The call tree it came from (for the log and the screen). */
  treeId: string;
  steps: readonly EscalationStep[];
}
