/**
 * The alerting's commands (decision 018): start an escalation for an incident from an
 * EscalationPlan (the call tree's, shared/alerts/plan.ts), acknowledge it, record what the
 * host reported, and the team's chat channels. Pure: the secret and the host's reports are
 * handed in by the renderer (renderer/src/alerts/).
 */
import { accept, refuse, unchanged, type CommandContext, type CommandResult, type Problem } from '../events/command';
import type { AnyDraft } from '../events/registry';
import { ACKNOWLEDGED, EMAIL, CHANNEL_REMOVED, CHANNEL_SAVED, EMAIL_DETAILS_SET, ESCALATION_STARTED, OUTCOMES_RECORDED } from './events';
import type { ChatKind, JobReport } from './job';
import { detailedText, plainText } from './message';
import { furtherAlong, type AlertsState } from './model';
import type { EscalationPlan, Severity } from './plan';

export interface AlertsProblem extends Problem {
  reason: 'required' | 'invalid' | 'not-found' | 'already' | 'no-recipients' | 'unchanged' | 'insecure-url';
}


export interface StartArgs {
  incidentId: string | null;
  plan: EscalationPlan;
  severity: Severity;
  /** The incident's short title, sent only on channels opted in for details (scrubbed). */
  title?: string;
  /** Made by the renderer (newJobSecret): reads the job at the host. */
  secret: string;
  test?: boolean;
}

/** Starts an escalation. Value: the job id. Refused when the plan reaches nobody, or the same call tree already runs for the incident unacknowledged. */
export function startEscalation(ctx: CommandContext, state: AlertsState, a: StartArgs): CommandResult<string> {
  const steps = a.plan.steps.map((s) => ({
    waitMinutes: Math.max(0, Math.round(s.waitMinutes)),
    // The loose check (EMAIL): an address the host will not send to (MAILBOX: saved before the
    // contact list refused it) still reaches the host, which says so, instead of dropping out unsaid.
    recipients: s.recipients.map((r) => ({ personId: r.personId, name: r.name.slice(0, 200), emails: r.emails.filter((m) => EMAIL.test(m) && m.length <= 254).slice(0, 5) })),
  }));
  const channels = [...state.channels.values()];
  if (steps.length === 0 || (channels.length === 0 && !steps.some((s) => s.recipients.some((r) => r.emails.length > 0)))) return refuse([{ field: 'plan', reason: 'no-recipients' }]);
  // The event's limits (events.ts): a week's wait, ten rungs of fifty people.
  if (steps.length > 10 || steps.some((s) => s.waitMinutes > 7 * 24 * 60 || s.recipients.length > 50 || s.recipients.some((r) => !r.personId || r.personId.length > 100))) return refuse([{ field: 'plan', reason: 'invalid' }]);
  if (!a.test) {
    for (const e of state.escalations.values()) {
      if (e.incidentId === a.incidentId && e.job.treeId === a.plan.treeId && !e.ack && !e.job.test) return refuse([{ field: 'plan', reason: 'already' }]);
    }
  }
  const jobId = ctx.newId();
  const detailed = a.title && (state.emailDetails || channels.some((c) => c.details)) ? detailedText(a.severity, a.title) : undefined;
  const draft: AnyDraft = {
    type: ESCALATION_STARTED,
    incidentId: a.incidentId,
    payload: {
      jobId,
      secret: a.secret,
      treeId: a.plan.treeId,
      severity: a.severity,
      steps,
      channels,
      plain: plainText(a.severity, a.test),
      ...(detailed && !a.test ? { detailed } : {}),
      emailDetails: state.emailDetails,
      ...(a.test ? { test: true as const } : {}),
    },
  };
  return accept([draft], jobId);
}

/** "確認しました": stops the escalation (the host is told when the laptop is connected). */
export function acknowledge(ctx: CommandContext, state: AlertsState, a: { jobId: string; duplicate?: boolean }): CommandResult {
  const esc = state.escalations.get(a.jobId);
  if (!esc) return refuse([{ field: 'jobId', reason: 'not-found' }]);
  if (esc.ack) return refuse([{ field: 'jobId', reason: 'already' }]);
  return accept([{ type: ACKNOWLEDGED, incidentId: esc.incidentId, payload: { jobId: a.jobId, personId: ctx.actor.personId, via: 'app', at: ctx.now, ...(a.duplicate ? { duplicate: true as const } : {}) } }]);
}

/** What the host reported that the log does not have yet; no events when nothing is new. */
export function recordOutcomes(_ctx: CommandContext, state: AlertsState, a: { report: JobReport }): CommandResult {
  const esc = state.escalations.get(a.report.jobId);
  if (!esc) return refuse([{ field: 'jobId', reason: 'not-found' }]);
  // Not yet tried is not news: the log records sends, failures and cancellations.
  const outcomes = a.report.deliveries.filter((d) => d.status !== 'pending' && furtherAlong(esc.deliveries.get(d.key), d));
  const events: AnyDraft[] = [];
  if (outcomes.length > 0) events.push({ type: OUTCOMES_RECORDED, incidentId: esc.incidentId, payload: { jobId: esc.jobId, outcomes } });
  if (a.report.ack && !esc.ack && a.report.ack.via === 'link') events.push({ type: ACKNOWLEDGED, incidentId: esc.incidentId, payload: { jobId: esc.jobId, ...a.report.ack } });
  return accept(events);
}

/** A webhook must be https (a secret in the URL), except on this machine (tests, a local relay). */
export function checkWebhookUrl(url: string): AlertsProblem['reason'] | null {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return 'invalid';
  }
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]')) return null;
  return u.protocol === 'http:' ? 'insecure-url' : 'invalid';
}

export function saveChannel(ctx: CommandContext, state: AlertsState, a: { id?: string; kind: ChatKind; label: string; url: string; details: boolean }): CommandResult<string> {
  const problems: AlertsProblem[] = [];
  if (a.label.trim() === '') problems.push({ field: 'label', reason: 'required' });
  const bad = a.url.trim() === '' ? 'required' : checkWebhookUrl(a.url);
  if (bad) problems.push({ field: 'url', reason: bad });
  if (problems.length > 0) return refuse(problems);
  const id = a.id ?? ctx.newId();
  const payload = { id, kind: a.kind, label: a.label.trim().slice(0, 200), url: a.url.trim(), details: a.details };
  const old = state.channels.get(id);
  if (old && JSON.stringify(old) === JSON.stringify(payload)) return unchanged('label');
  return accept([{ type: CHANNEL_SAVED, incidentId: null, payload }], id);
}

export function removeChannel(_ctx: CommandContext, state: AlertsState, a: { id: string }): CommandResult {
  if (!state.channels.has(a.id)) return refuse([{ field: 'id', reason: 'not-found' }]);
  return accept([{ type: CHANNEL_REMOVED, incidentId: null, payload: { id: a.id } }]);
}

export function setEmailDetails(_ctx: CommandContext, state: AlertsState, a: { details: boolean }): CommandResult {
  if (state.emailDetails === a.details) return unchanged('details');
  return accept([{ type: EMAIL_DETAILS_SET, incidentId: null, payload: { details: a.details } }]);
}
