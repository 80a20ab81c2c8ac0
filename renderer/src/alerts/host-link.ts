/**
 * The laptop's side of the host's alerting (decision 018). Each round, while connected:
 * hands every escalation of the log the host has not confirmed to it — sealed at that
 * moment to the host's key, read from the host over the pinned connection — asks the
 * host how each unfinished one goes and records what is new, and tells it of
 * acknowledgements made in the app. Any laptop of the team may do this; the host keeps a
 * job once per id, so a job started offline goes out once, on whichever reconnect.
 */
import { ALERT_PATHS, sealJob, secretHash, type HostAlertStatus, type JobReport } from '../../../shared/alerts/job';
import type { AlertsState, Escalation } from '../../../shared/alerts/model';
import { openAlertConnection, type AlertConnection } from './alert-socket';
import { type AlertDoor, hostRound } from './host-round';

export type { AlertDoor } from './host-round';

export interface HostLinkOptions {
  door: () => Promise<AlertDoor | null>;
  read: () => Promise<AlertsState>;
  record: (report: JobReport) => Promise<void>;
  /** Opens the host's alert socket (tests: with Node's ws). */
  connect?: (serverUrl: string) => Promise<AlertConnection>;
  /**
   * Escalations not to hand over now (decision 019, addendum): `stop` — another escalation of
   * the same intake report goes on (shared/alerts/duplicates.ts); `notYet` — filed from an
   * intake report while this laptop has not caught up with the team since it connected, both
   * ways (catch-up.ts): a laptop that filed the same report may already have alerted, or may
   * reconnect before this laptop's incident is on the server.
   */
  hold?: (state: AlertsState) => Promise<{ stop: ReadonlySet<string>; notYet: ReadonlySet<string> }>;
  /** Records that a duplicate's escalation stopped (alerts.acknowledged, as a duplicate). */
  stopDuplicate?: (jobId: string) => Promise<void>;
}

export type HostView = { state: 'offline' } | { state: 'refused' } | { state: 'ok'; status: HostAlertStatus };

export class AlertHostLink {
  /** Jobs the host confirmed it holds, and those it said are over (nothing more to ask). */
  private readonly handed = new Set<string>();
  private readonly done = new Set<string>();
  private readonly connect: (serverUrl: string) => Promise<AlertConnection>;

  constructor(private readonly o: HostLinkOptions) {
    this.connect = o.connect ?? ((url) => openAlertConnection(url));
  }

  /** One round; the host's status (for the settings screen), or why there is none. */
  async round(): Promise<HostView> {
    return hostRound(await this.o.door(), this.connect, async (conn, auth, status) => {
      let state = await this.o.read();
      let hold = (await this.o.hold?.(state)) ?? { stop: new Set<string>(), notYet: new Set<string>() };
      for (let pass = 0; pass < 2 && hold.stop.size > 0; pass++) {
        // One another laptop handed before this laptop knew of both: if it has alerted anyone,
        // it is the one that goes on (its report is recorded, and the choice made again), not a second round.
        const sending = [];
        for (const jobId of hold.stop) {
          const esc = state.escalations.get(jobId);
          if (esc && (await this.alreadySending(conn, esc))) sending.push(jobId);
        }
        if (sending.length > 0 && pass === 0) {
          state = await this.o.read();
          hold = (await this.o.hold?.(state)) ?? hold;
          continue;
        }
        for (const jobId of hold.stop) if (!sending.includes(jobId)) await this.o.stopDuplicate?.(jobId);
        state = await this.o.read();
        break;
      }
      for (const esc of state.escalations.values()) {
        if (this.done.has(esc.jobId) || (hold.stop.has(esc.jobId) && !esc.ack)) continue;
        if (esc.ack?.duplicate) await this.stopAtHost(conn, esc);
        else if (!hold.notYet.has(esc.jobId) || this.handed.has(esc.jobId)) await this.follow(conn, auth, status.publicKey, esc);
      }
      return { state: 'ok' as const, status };
    });
  }

  /** Whether the host holds this job and has sent (or tried) any of it; what it said is recorded. */
  private async alreadySending(conn: AlertConnection, esc: Escalation): Promise<boolean> {
    const res = await conn.call('GET', `${ALERT_PATHS.jobs}/${esc.jobId}`, { 'x-honbu-job': esc.job.secret });
    if (res.status !== 200) return false;
    const report = res.body as JobReport;
    await this.o.record(report);
    return report.deliveries.some((d) => d.status !== 'pending');
  }

  /**
   * A duplicate's escalation is never handed over; if another laptop handed it already, the
   * host is told it is acknowledged (what is pending is cancelled). A host that does not know
   * it (404) has nothing to stop.
   */
  private async stopAtHost(conn: AlertConnection, esc: Escalation): Promise<void> {
    const job = { 'x-honbu-job': esc.job.secret };
    const res = await conn.call('POST', `${ALERT_PATHS.jobs}/${esc.jobId}/ack`, job, JSON.stringify({ personId: esc.ack?.personId ?? null }));
    if (res.status === 404) {
      this.done.add(esc.jobId);
      return;
    }
    if (res.status !== 200) return;
    const report = await conn.call('GET', `${ALERT_PATHS.jobs}/${esc.jobId}`, job);
    if (report.status === 200) await this.o.record(report.body as JobReport);
    this.done.add(esc.jobId);
  }

  private async follow(conn: AlertConnection, auth: Record<string, string>, hostKey: string, esc: Escalation): Promise<void> {
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
      const res = await conn.call('POST', ALERT_PATHS.jobs, auth, body);
      if (res.status !== 200 && res.status !== 201) return;
      this.handed.add(esc.jobId);
    }
    const job = { 'x-honbu-job': esc.job.secret };
    if (esc.ack?.via === 'app') {
      const res = await conn.call('POST', `${ALERT_PATHS.jobs}/${esc.jobId}/ack`, job, JSON.stringify({ personId: esc.ack.personId }));
      if (res.status !== 200) return;
    }
    const res = await conn.call('GET', `${ALERT_PATHS.jobs}/${esc.jobId}`, job);
    if (res.status !== 200) return;
    const report = res.body as JobReport;
    await this.o.record(report);
    const settled = report.deliveries.every((d) => d.status !== 'pending' && d.status !== 'retrying');
    if (report.state === 'acknowledged' || (report.state === 'finished' && settled)) this.done.add(esc.jobId);
  }
}
