/**
 * A laptop's side of the host's alerting (decision 018): an escalation started while the
 * laptop cannot reach the host waits in its sealed log and goes out once when it does; a
 * second laptop session (or the same after a host restart) hands it again and nothing is
 * sent twice; what the host reports becomes events of the incident, read back field by
 * field; "確認しました" in the app stops the escalation at the host.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { LevelStore } from '../../server/storage';
import { credentialToken, roomName } from '../../shared/sync/room';
import type { EscalationPlan } from '../../shared/alerts/plan';
import { dispatch, openDispatch } from '../../renderer/src/data/dispatch';
import { dropTestLaptops, twoLaptops } from '../../renderer/src/data/test-laptops';
import { AlertHostLink, type AlertDoor } from '../../renderer/src/alerts/host-link';
import { openAlertConnection } from '../../renderer/src/alerts/alert-socket';
import { WebSocket as NodeWebSocket } from 'ws';
import { readAlerts } from '../../renderer/src/alerts/read';
import { escalationsOf } from '../../shared/alerts/model';
import { startSmtp, type SmtpFixture } from '../../e2e/alert-fixtures';

let server: SyncServer | undefined;
let store: LevelStore | undefined;
let smtp: SmtpFixture | undefined;
let dir: string | undefined;
let session: { dispose(): void } | undefined;
afterEach(async () => {
  session?.dispose();
  await server?.close();
  await store?.close();
  await smtp?.close();
  await dropTestLaptops();
  if (dir) await rm(dir, { recursive: true, force: true });
  server = store = smtp = dir = session = undefined;
});

let clock = Date.UTC(2026, 11, 2, 2, 0, 0);

async function startHost(): Promise<AlertDoor> {
  store = await LevelStore.open(dir!);
  server = await startSyncServer({ port: 0, dataDir: dir!, store, alerts: { now: () => clock, tickMs: false, smtp: { host: '127.0.0.1', port: smtp!.port, security: 'none', user: 'honbu', password: 'right-password', from: 'honbu@company.example' } } });
  const credential = new Uint8Array(32).fill(3);
  const room = await roomName('w', credential, 'events');
  await store.admitRoom(room, room.split('.').slice(0, 2).join('.') + '.', { subsPerTag: 100, totalRooms: 100 });
  return { serverUrl: server.url, room, token: credentialToken(credential) };
}

const PLAN: EscalationPlan = {
  treeId: 'tree-1',
  steps: [
    { waitMinutes: 10, recipients: [{ personId: 'alice', name: '佐藤', emails: ['lead@company.example'], phones: [] }] },
    { waitMinutes: 10, recipients: [{ personId: 'p-exec', name: '鈴木', emails: ['exec@company.example'], phones: [] }] },
  ],
};

it('queued while offline, sent once on reconnect and after a host restart, outcomes in the log, acknowledged in the app', async () => {
  dir = await mkdtemp(join(tmpdir(), 'honbu-alert-laptop-'));
  smtp = await startSmtp();
  const { a } = await twoLaptops('alerts');
  session = openDispatch({ store: a, personId: 'alice' });
  let door: AlertDoor | null = null;
  const link = () => new AlertHostLink({ door: async () => door, read: () => readAlerts(a), record: (report) => dispatch('alerts.record-outcomes', { report }), connect: (url) => openAlertConnection(url, NodeWebSocket as unknown as typeof WebSocket) });

  const jobId = await dispatch('alerts.start-escalation', { incidentId: 'inc-1', plan: PLAN, severity: 'high' });
  const first = link();
  expect(await first.round()).toEqual({ state: 'offline' });

  door = await startHost();
  expect((await first.round()).state).toBe('ok');
  await server!.alerts!.tick();
  expect(smtp.mails.map((m) => m.to)).toEqual(['lead@company.example']);
  await first.round();

  // The host's report, as events of the incident.
  const events = await a.readEvents('inc-1', ['alerts.outcomes-recorded']);
  expect(events).toHaveLength(1);
  const outcome = events[0]!.payload as { jobId: string; outcomes: { key: string; personId: string; channel: string; status: string; attempts: number; sentAt: number }[] };
  expect(outcome.jobId).toBe(jobId);
  expect(outcome.outcomes).toEqual([{ key: '0:alice:email', step: 0, personId: 'alice', channel: 'email', status: 'sent', attempts: 1, sentAt: clock }]);
  await first.round(); // nothing new: nothing appended
  expect(await a.readEvents('inc-1', ['alerts.outcomes-recorded'])).toHaveLength(1);

  // The host restarts; a new session of the laptop hands the job again: kept once, not resent.
  await server!.close();
  await store!.close();
  expect(await first.round()).toEqual({ state: 'offline' }); // the host is down: nothing lost, tried again later
  door = await startHost();
  const second = link();
  expect((await second.round()).state).toBe('ok');
  await server!.alerts!.tick();
  expect(smtp.mails).toHaveLength(1);

  // Alice acknowledges in the app; the next round tells the host, which then alerts nobody else.
  await dispatch('alerts.acknowledge', { jobId });
  await second.round();
  clock += 30 * 60_000;
  await server!.alerts!.tick();
  expect(smtp.mails).toHaveLength(1);
  const esc = escalationsOf(await readAlerts(a), 'inc-1')[0]!;
  expect(esc.ack).toMatchObject({ personId: 'alice', via: 'app' });
  expect([...esc.deliveries.values()].map((d) => d.status)).toEqual(['sent']);
});
