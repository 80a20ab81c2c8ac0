/**
 * The laptop's side of reminders by e-mail and chat (decision 024). Each round, while
 * connected to the team's host: hands every reminder of the next day the person wants by
 * e-mail or chat as a job sealed to the host's key, held there until its time (so it goes
 * out with every laptop closed), and stops the ones handed before that are no longer
 * wanted. The job id and secret come from the reminder id and the team credential, so the
 * person's other laptop hands the same job and the host keeps it once.
 */
import { ALERT_PATHS, sealJob, secretHash } from '../../../shared/alerts/job';
import { planHandOver, reminderJob, reminderJobId, reminderJobSecret, reminderRoute, type HandedReminder, type ReminderJobArgs } from '../../../shared/reminders/delivery';
import { HAND_LATE_MINUTES, type Reminder } from '../../../shared/reminders/reminders';
import { openAlertConnection, type AlertConnection } from '../alerts/alert-socket';
import { hostRound } from '../alerts/host-round';
import type { AlertDoor } from '../alerts/host-link';

export interface ReminderDoor extends AlertDoor {
  workspaceId: string;
  /** The epoch's room credential: keys the job secret (the host sees only its token). */
  credential: Uint8Array<ArrayBuffer>;
}

export interface ReminderWants {
  personId: string;
  /** remindersAhead for the person, already limited to what they chose e-mail or chat for. */
  wanted: Reminder[];
  /** Where the jobs go: the person's contact list entry (if e-mail is chosen) and chat channels. */
  route: Omit<ReminderJobArgs, 'reminder'>;
  /**
   * The same for the team's other people who chose e-mail or chat, as their laptops would read
   * it. A reminder that leaves their list (the task done or given to someone else, the deadline
   * moved, the report filed) is stopped from here too: their laptops may all be closed.
   */
  /**
   * The person's reminders still ahead that they acknowledged: stopped at the host even when
   * this laptop does not remember handing them (acknowledged with the host out of reach, then
   * the app restarted).
   */
  acknowledged?: Reminder[];
  others?: { personId: string; wanted: Reminder[]; route: Omit<ReminderJobArgs, 'reminder'> }[];
}

export interface ReminderLinkOptions {
  door: () => Promise<ReminderDoor | null>;
  read: () => Promise<ReminderWants>;
  now?: () => number;
  connect?: (serverUrl: string) => Promise<AlertConnection>;
}

export type ReminderRound = { state: 'offline' } | { state: 'refused' } | { state: 'ok'; handed: number; stopped: number; notAccepted: number };

export class ReminderHostLink {
  /** Held in memory: a restarted laptop hands again (the host answers `exists`), and stops only what it knows of. */
  private readonly handed = new Map<string, HandedReminder>();
  /** Other people's reminders seen at the last round (what their laptops hand), by person, route and reminder. */
  private seen = new Map<string, Seen>();
  /** Acknowledged reminders this session already asked the host to stop. */
  private readonly stoppedAcknowledged = new Set<string>();
  private readonly connect: (serverUrl: string) => Promise<AlertConnection>;
  private readonly now: () => number;

  constructor(private readonly o: ReminderLinkOptions) {
    this.connect = o.connect ?? ((url) => openAlertConnection(url));
    this.now = o.now ?? Date.now;
  }

  async round(): Promise<ReminderRound> {
    return hostRound(await this.o.door(), this.connect, async (conn, auth, { publicKey }, door) => {
      const wants = await this.o.read();
      // Handed jobs are known by reminder and route: a route changed after handing (an address
      // corrected, a channel deselected) stops the old job and hands a new one.
      const route = reminderRoute(wants.route);
      const key = (id: string) => `${route}\n${id}`;
      const byKey = new Map(wants.wanted.map((r) => [key(r.id), r]));
      const plan = planHandOver([...byKey.keys()].map((id) => ({ id })), this.handed, this.now());
      // A reminder whose time has come under the old route went out then: not again to the new one.
      const gone = new Set([...this.handed].filter(([, h]) => Date.parse(h.at) <= this.now()).map(([k]) => k.slice(k.lastIndexOf('\n') + 1)));
      plan.hand = plan.hand.filter((k) => !gone.has(byKey.get(k)!.id));
      const hand = (personId: string, r: Reminder, to: ReminderWants['route'], routeKey: string) => this.hand(conn, door, auth, publicKey, personId, r, to, routeKey);
      let handed = 0;
      let notAccepted = 0;
      for (const k of plan.hand) {
        const reminder = byKey.get(k)!;
        const h = await hand(wants.personId, reminder, wants.route, route);
        if (h === 'nowhere') continue;
        if (h === 'refused') {
          notAccepted++;
          continue;
        }
        this.handed.set(k, h);
        handed++;
      }
      let stopped = 0;
      for (const id of plan.stop) {
        const h = this.handed.get(id)!;
        const ack = await conn.call('POST', `${ALERT_PATHS.jobs}/${h.jobId}/ack`, { 'x-honbu-job': h.secret }, JSON.stringify({ personId: wants.personId }));
        if (ack.status !== 200) continue;
        this.handed.delete(id);
        stopped++;
      }
      for (const r of wants.acknowledged ?? []) {
        const k = key(r.id);
        if (this.handed.has(k) || this.stoppedAcknowledged.has(k) || Date.parse(r.at) <= this.now()) continue;
        const jobId = await reminderJobId(door.workspaceId, wants.personId, r.id, route);
        const ack = await conn.call('POST', `${ALERT_PATHS.jobs}/${jobId}/ack`, { 'x-honbu-job': await reminderJobSecret(door.credential, jobId) }, JSON.stringify({ personId: wants.personId }));
        // 404: never handed. Either way asked once a session.
        if (ack.status === 200 || ack.status === 404) this.stoppedAcknowledged.add(k);
        if (ack.status === 200 && (ack.body as { result?: string } | undefined)?.result === 'acknowledged') stopped++;
      }
      const others = await this.forOthers(conn, door, wants, hand);
      return { state: 'ok' as const, handed: handed + others.handed, stopped: stopped + others.stopped, notAccepted: notAccepted + others.notAccepted };
    });
  }

  /** Seals one reminder's job and hands it: the job's id and secret once the host holds it (`exists` too). */
  private async hand(conn: AlertConnection, door: ReminderDoor, auth: Record<string, string>, publicKey: string, personId: string, reminder: Reminder, to: ReminderWants['route'], routeKey: string): Promise<HandedReminder | 'nowhere' | 'refused'> {
    const content = reminderJob({ ...to, reminder });
    if (!content) return 'nowhere';
    const jobId = await reminderJobId(door.workspaceId, personId, reminder.id, routeKey);
    const secret = await reminderJobSecret(door.credential, jobId);
    const sealed = await sealJob(publicKey, jobId, content);
    const put = await conn.call('POST', ALERT_PATHS.jobs, auth, JSON.stringify({ jobId, secretHash: await secretHash(secret), ...sealed }));
    // 400: a host from before decision 024 refuses a job to hold; it stays on screen (a fallback at the due time is not built yet).
    return put.status === 200 || put.status === 201 ? { jobId, secret, at: reminder.at } : 'refused';
  }

  /**
   * What the other people's laptops would do, had they been open: hand what came into their
   * lists since the last round (a task given to them at night) and stop what left them (a task
   * done, reassigned or moved here), its time still ahead. Their advance warning is a choice on
   * their own laptops: that point is left to them.
   */
  private async forOthers(conn: AlertConnection, door: ReminderDoor, wants: ReminderWants, hand: (personId: string, r: Reminder, to: ReminderWants['route'], routeKey: string) => Promise<HandedReminder | 'nowhere' | 'refused'>): Promise<{ handed: number; stopped: number; notAccepted: number }> {
    const out = { handed: 0, stopped: 0, notAccepted: 0 };
    const now = new Map<string, Seen>();
    const seenIds = new Set([...this.seen.values()].map((s) => `${s.personId}\n${s.reminderId}`));
    for (const o of wants.others ?? []) {
      if (o.personId === wants.personId) continue;
      const route = reminderRoute(o.route);
      for (const r of o.wanted) {
        const k = `${o.personId}\n${route}\n${r.id}`;
        const s = { personId: o.personId, reminderId: r.id, route, at: r.at };
        // Seen before (handed then), or its time come under another route (sent then): not again.
        if (this.seen.has(k) || (Date.parse(r.at) <= this.now() && seenIds.has(`${o.personId}\n${r.id}`)) || r.point === 'advance') {
          now.set(k, s);
          continue;
        }
        const h = await hand(o.personId, r, o.route, route);
        if (h === 'refused') out.notAccepted++; // not remembered: tried again next round
        else now.set(k, s);
        if (typeof h === 'object') out.handed++;
      }
    }
    for (const [k, s] of this.seen) {
      // As for the person's own (planHandOver): within the hour after its time a retry may still be pending.
      if (now.has(k) || Date.parse(s.at) <= this.now() - HAND_LATE_MINUTES * 60_000) continue;
      const jobId = await reminderJobId(door.workspaceId, s.personId, s.reminderId, s.route);
      const secret = await reminderJobSecret(door.credential, jobId);
      const ack = await conn.call('POST', `${ALERT_PATHS.jobs}/${jobId}/ack`, { 'x-honbu-job': secret }, JSON.stringify({ personId: s.personId }));
      // 404: never handed (no channel reached, a host that refused it); 'already': their laptop stopped it first.
      if (ack.status === 200 && (ack.body as { result?: string } | undefined)?.result === 'acknowledged') out.stopped++;
      else if (ack.status !== 200 && ack.status !== 404) now.set(k, s); // the host busy: tried again next round
    }
    this.seen = now;
    return out;
  }
}

interface Seen {
  personId: string;
  reminderId: string;
  route: string;
  at: string;
}
