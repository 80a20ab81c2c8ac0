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
  /** Opens the host's alert socket (tests: with Node's ws). */
  connect?: (serverUrl: string) => Promise<AlertConnection>;
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
    const door = await this.o.door();
    if (!door) return { state: 'offline' };
    const auth = { authorization: `Bearer ${door.token}`, 'x-honbu-room': door.room };
    let conn: AlertConnection;
    try {
      conn = await this.connect(door.serverUrl);
    } catch {
      return { state: 'offline' };
    }
    try {
      const res = await conn.call('GET', ALERT_PATHS.status, auth);
      if (res.status === 403) return { state: 'refused' };
      if (res.status !== 200) return { state: 'offline' };
      const status = res.body as HostAlertStatus;
      const state = await this.o.read();
      for (const esc of state.escalations.values()) {
        if (!this.done.has(esc.jobId)) await this.follow(conn, auth, status.publicKey, esc);
      }
      return { state: 'ok', status };
    } catch {
      // The host went away mid-round: the next round picks up where this one stopped.
      return { state: 'offline' };
    } finally {
      conn.close();
    }
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
