/**
 * The alerting as folded from its events: the team's chat channels, and per incident the
 * escalations with what the host reported about each delivery and who acknowledged.
 * Outcomes are folded by delivery key, keeping the furthest along (two laptops recording
 * the same report, or reports arriving out of order, give the same state).
 */
import type { HonbuEvent } from '../events/event';
import type { DeliveryReport } from './job';
import {
  ACKNOWLEDGED,
  CHANNEL_REMOVED,
  CHANNEL_SAVED,
  EMAIL_DETAILS_SET,
  ESCALATION_STARTED,
  OUTCOMES_RECORDED,
  type AlertsEvent,
  type ChannelSavedPayload,
  type EscalationStartedPayload,
} from './events';

export interface Escalation {
  jobId: string;
  incidentId: string | null;
  /** Clock of the starting event (orders escalations) and who started it. */
  at: string;
  startedBy: string;
  job: EscalationStartedPayload;
  deliveries: Map<string, DeliveryReport>;
  ack?: { personId: string | null; via: 'app' | 'link'; at: number; recordedBy: string; duplicate?: true };
}

export interface AlertsState {
  channels: Map<string, ChannelSavedPayload>;
  emailDetails: boolean;
  escalations: Map<string, Escalation>;
}

export const emptyAlerts = (): AlertsState => ({ channels: new Map(), emailDetails: false, escalations: new Map() });

const RANK: Record<DeliveryReport['status'], number> = { pending: 0, retrying: 1, sent: 2, 'gave-up': 2, cancelled: 2 };

/** Whether `b` is further along than `a` (more attempts, or the same attempts and a final status). */
export function furtherAlong(a: DeliveryReport | undefined, b: DeliveryReport): boolean {
  if (!a) return true;
  if (b.attempts !== a.attempts) return b.attempts > a.attempts;
  return RANK[b.status] > RANK[a.status];
}

export function foldAlerts(events: readonly HonbuEvent[], state: AlertsState = emptyAlerts()): AlertsState {
  for (const e of events as AlertsEvent[]) {
    switch (e.type) {
      case CHANNEL_SAVED:
        state.channels.set(e.payload.id, e.payload);
        break;
      case CHANNEL_REMOVED:
        state.channels.delete(e.payload.id);
        break;
      case EMAIL_DETAILS_SET:
        state.emailDetails = e.payload.details;
        break;
      case ESCALATION_STARTED:
        // The first event of a job id counts (a second one with the same id changes nothing).
        if (!state.escalations.has(e.payload.jobId)) state.escalations.set(e.payload.jobId, { jobId: e.payload.jobId, incidentId: e.incidentId, at: e.at, startedBy: e.actor, job: e.payload, deliveries: new Map() });
        break;
      case OUTCOMES_RECORDED: {
        const esc = state.escalations.get(e.payload.jobId);
        if (!esc) break;
        for (const o of e.payload.outcomes) {
          const d: DeliveryReport = { key: o.key, step: o.step, personId: o.personId, channel: o.channel, status: o.status, attempts: o.attempts, ...(o.sentAt ? { sentAt: o.sentAt } : {}), ...(o.error ? { error: o.error } : {}) };
          if (furtherAlong(esc.deliveries.get(o.key), d)) esc.deliveries.set(o.key, d);
        }
        break;
      }
      case ACKNOWLEDGED: {
        const esc = state.escalations.get(e.payload.jobId);
        if (esc && !esc.ack) esc.ack = { personId: e.payload.personId, via: e.payload.via, at: e.payload.at, recordedBy: e.actor, ...(e.payload.duplicate ? { duplicate: true as const } : {}) };
        break;
      }
    }
  }
  return state;
}

/** An incident's escalations, newest first. */
export function escalationsOf(state: AlertsState, incidentId: string | null): Escalation[] {
  return [...state.escalations.values()].filter((e) => e.incidentId === incidentId).sort((a, b) => (a.at < b.at ? 1 : -1));
}

/** The people an escalation has alerted so far (the host's reports), for "who may acknowledge". */
export function alertedPeople(esc: Escalation): Set<string> {
  const out = new Set<string>();
  for (const d of esc.deliveries.values()) if (d.personId && d.status !== 'cancelled') out.add(d.personId);
  return out;
}
