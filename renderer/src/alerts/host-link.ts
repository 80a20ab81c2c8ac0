/**
 * The laptop's side of the host's alerting (decision 018). Each round, while connected:
 * hands every escalation of the log the host has not confirmed to it — sealed at that
 * moment to the host's key, read from the host over the pinned connection — asks the
 * host how each unfinished one goes and records what is new, and tells it of
 * acknowledgements made in the app. Any laptop of the team may do this; the host keeps a
 * job once per id, so a job started offline goes out once, on whichever reconnect.
 */
import { ALERT_PATHS, alertBase, sealJob, secretHash, type HostAlertStatus, type JobReport } from '../../../shared/alerts/job';
import type { AlertsState, Escalation } from '../../../shared/alerts/model';

/** What opens the host's alert door: the epoch's events room and its credential. */
export interface AlertDoor {
  serverUrl: string;
  room: string;
  token: string;
}

export interface HostLinkOptions {
  door: () => Promise<AlertDoor | null>;
  read: () => Promise<AlertsState>;
  record: (report: JobReport) => Promise<void>;
  fetch?: typeof fetch;
}

export type HostView = { state: 'offline' } | { state: 'refused' } | { state: 'ok'; status: HostAlertStatus };

export class AlertHostLink {
  /** Jobs the host confirmed it holds, and those it said are over (nothing more to ask). */
  private readonly handed = new Set<string>();
  private readonly done = new Set<string>();
  private readonly fetch: typeof fetch;

  constructor(private readonly o: HostLinkOptions) {
    this.fetch = o.fetch ?? ((...a) => globalThis.fetch(...a));
  }

  /** One round; the host's status (for the settings screen), or why there is none. */
  async round(): Promise<HostView> {
    const door = await this.o.door();
    if (!door) return { state: 'offline' };
    const base = alertBase(door.serverUrl);
    const auth = { authorization: `Bearer ${door.token}`, 'x-honbu-room': door.room };
    let status: HostAlertStatus;
    try {
      const res = await this.fetch(base + ALERT_PATHS.status, { headers: auth });
      if (res.status === 403) return { state: 'refused' };
      if (!res.ok) return { state: 'offline' };
      status = (await res.json()) as HostAlertStatus;
    } catch {
      return { state: 'offline' };
    }
    const state = await this.o.read();
    for (const esc of state.escalations.values()) {
      if (this.done.has(esc.jobId)) continue;
      try {
        await this.follow(base, auth, status.publicKey, esc);
      } catch {
        // The host went away mid-round: the next round picks up where this one stopped.
        return { state: 'offline' };
      }
    }
    return { state: 'ok', status };
  }

  private async follow(base: string, auth: Record<string, string>, hostKey: string, esc: Escalation): Promise<void> {
    if (!this.handed.has(esc.jobId)) {
      const { secret, ...content } = esc.job;
      const sealed = await sealJob(hostKey, esc.jobId, {
        v: 1,
        severity: content.severity,
        steps: content.steps,
        channels: content.channels,
        plain: content.plain,
        ...(content.detailed ? { detailed: content.detailed } : {}),
        emailDetails: content.emailDetails,
        ...(content.test ? { test: true as const } : {}),
      });
      const body = JSON.stringify({ jobId: esc.jobId, secretHash: await secretHash(secret), ...sealed });
      const res = await this.fetch(base + ALERT_PATHS.jobs, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body });
      if (res.status !== 200 && res.status !== 201) return;
      this.handed.add(esc.jobId);
    }
    const job = { 'x-honbu-job': esc.job.secret };
    if (esc.ack?.via === 'app') {
      const res = await this.fetch(`${base}${ALERT_PATHS.jobs}/${esc.jobId}/ack`, { method: 'POST', headers: { ...job, 'content-type': 'application/json' }, body: JSON.stringify({ personId: esc.ack.personId }) });
      if (!res.ok) return;
    }
    const res = await this.fetch(`${base}${ALERT_PATHS.jobs}/${esc.jobId}`, { headers: job });
    if (!res.ok) return;
    const report = (await res.json()) as JobReport;
    await this.o.record(report);
    const settled = report.deliveries.every((d) => d.status !== 'pending' && d.status !== 'retrying');
    if (report.state === 'acknowledged' || (report.state === 'finished' && settled)) this.done.add(esc.jobId);
  }
}
