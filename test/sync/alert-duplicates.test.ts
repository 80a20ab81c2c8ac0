/**
 * One call-out per intake report (decision 019, addendum), through a real host: two laptops
 * filed the same report offline, so two incidents each started their call tree. The host
 * link hands one, stops the other (never handed; acknowledged as a duplicate in the log),
 * and does not hand a job of an intake-born incident before the laptop has caught up.
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { LevelStore } from '../../server/storage';
import { credentialToken, roomName } from '../../shared/sync/room';
import type { EscalationPlan } from '../../shared/alerts/plan';
import { duplicateEscalations } from '../../shared/alerts/duplicates';
import { dispatch, openDispatch } from '../../renderer/src/data/dispatch';
import { dropTestLaptops, twoLaptops } from '../../renderer/src/data/test-laptops';
import { AlertHostLink, type AlertDoor } from '../../renderer/src/alerts/host-link';
import { openAlertConnection } from '../../renderer/src/alerts/alert-socket';
import { readAlerts } from '../../renderer/src/alerts/read';
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

const clock = Date.UTC(2026, 11, 2, 2, 0, 0);
const PLAN: EscalationPlan = { treeId: 'tree-1', steps: [{ waitMinutes: 10, recipients: [{ personId: 'alice', name: '佐藤', emails: ['lead@company.example'], phones: [] }] }] };
// inc-b was filed first (kept); inc-a is its duplicate.
const DUP = new Map([['inc-a', 'inc-b']]);

async function setUp(): Promise<{ link: (notYet?: boolean) => AlertHostLink; read: () => ReturnType<typeof readAlerts> }> {
  dir = await mkdtemp(join(tmpdir(), 'honbu-alert-dup-'));
  smtp = await startSmtp();
  store = await LevelStore.open(dir);
  server = await startSyncServer({ port: 0, dataDir: dir, store, alerts: { now: () => clock, tickMs: false, smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'honbu', password: 'right-password', from: 'honbu@company.example' } } });
  const credential = new Uint8Array(32).fill(3);
  const room = await roomName('w', credential, 'events');
  await store.admitRoom(room, room.split('.').slice(0, 2).join('.') + '.', { subsPerTag: 100, totalRooms: 100 });
  const door: AlertDoor = { serverUrl: server.url, room, token: credentialToken(credential) };
  const { a } = await twoLaptops('alert-dups');
  session = openDispatch({ store: a, personId: 'alice' });
  const read = () => readAlerts(a);
  const link = (notYet = false) =>
    new AlertHostLink({
      door: async () => door,
      read,
      record: (report) => dispatch('alerts.record-outcomes', { report }),
      connect: (url) => openAlertConnection(url, NodeWebSocket as unknown as typeof WebSocket),
      hold: async (state) => ({ stop: duplicateEscalations(state, DUP), notYet: notYet ? new Set(state.escalations.keys()) : new Set() }),
      stopDuplicate: (jobId) => dispatch('alerts.acknowledge', { jobId, duplicate: true }),
    });
  return { link, read };
}

it('neither was handed: the kept incident’s goes out, the duplicate’s is stopped and never reaches the host', async () => {
  const { link, read } = await setUp();
  const dupJob = await dispatch('alerts.start-escalation', { incidentId: 'inc-a', plan: PLAN, severity: 'high' });
  const keptJob = await dispatch('alerts.start-escalation', { incidentId: 'inc-b', plan: PLAN, severity: 'high' });
  const l = link();
  expect((await l.round()).state).toBe('ok');
  await server!.alerts!.tick();
  await l.round();
  expect(smtp!.mails).toHaveLength(1);
  const state = await read();
  expect(state.escalations.get(dupJob)!.ack).toMatchObject({ duplicate: true, via: 'app', personId: 'alice' });
  expect(state.escalations.get(dupJob)!.deliveries.size).toBe(0);
  expect([...state.escalations.get(keptJob)!.deliveries.values()].map((d) => d.status)).toEqual(['sent']);
  // Later rounds change nothing.
  await l.round();
  await server!.alerts!.tick();
  expect(smtp!.mails).toHaveLength(1);
});

it('the duplicate’s went out first (another laptop handed it): it goes on, and the kept incident’s does not alert a second time', async () => {
  const { link, read } = await setUp();
  const dupJob = await dispatch('alerts.start-escalation', { incidentId: 'inc-a', plan: PLAN, severity: 'high' });
  const first = link();
  await first.round();
  await server!.alerts!.tick();
  expect(smtp!.mails).toHaveLength(1);
  // The other laptop's incident and escalation arrive (here: started on the same store); a fresh link that never handed anything.
  const keptJob = await dispatch('alerts.start-escalation', { incidentId: 'inc-b', plan: PLAN, severity: 'high' });
  const l = link();
  await l.round();
  await server!.alerts!.tick();
  await l.round();
  expect(smtp!.mails).toHaveLength(1);
  const state = await read();
  expect(state.escalations.get(keptJob)!.ack?.duplicate).toBe(true);
  expect(state.escalations.get(dupJob)!.ack).toBeUndefined();
});

it('a job of an intake-born incident waits until the laptop has caught up with the team', async () => {
  const { link } = await setUp();
  await dispatch('alerts.start-escalation', { incidentId: 'inc-b', plan: PLAN, severity: 'high' });
  const waiting = link(true);
  await waiting.round();
  await server!.alerts!.tick();
  expect(smtp!.mails).toHaveLength(0);
  await link(false).round();
  await server!.alerts!.tick();
  expect(smtp!.mails).toHaveLength(1);
});
