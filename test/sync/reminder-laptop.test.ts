/**
 * A laptop hands the person's reminders to the host ahead of their time (decision 024),
 * against a real host and a real SMTP server on 127.0.0.1: with the laptop then closed the
 * host mails at the reminder's time, once even when the person's second laptop handed it too;
 * a reminder acknowledged (no longer wanted) before its time is stopped at the host.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket as NodeWebSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { LevelStore } from '../../server/storage';
import { credentialToken, roomName } from '../../shared/sync/room';
import type { Reminder } from '../../shared/reminders/reminders';
import { openAlertConnection } from '../../renderer/src/alerts/alert-socket';
import { ReminderHostLink, type ReminderDoor, type ReminderWants } from '../../renderer/src/reminders/reminder-link';
import { startSmtp, startWebhooks, type SmtpFixture } from '../../e2e/alert-fixtures';

let server: SyncServer | undefined;
let store: LevelStore | undefined;
let smtp: SmtpFixture | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  await store?.close();
  await smtp?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  server = store = smtp = dir = undefined;
});

const START = Date.UTC(2026, 11, 2, 1, 0, 0);
let clock = START;

async function startHost(): Promise<ReminderDoor> {
  clock = START;
  dir = await mkdtemp(join(tmpdir(), 'honbu-reminder-laptop-'));
  smtp = await startSmtp();
  store = await LevelStore.open(dir);
  server = await startSyncServer({ port: 0, dataDir: dir, store, alerts: { now: () => clock, tickMs: false, localWebhooks: true, smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'honbu', password: 'right-password', from: 'honbu@company.example' } } });
  const credential = new Uint8Array(32).fill(3);
  const room = await roomName('w', credential, 'events');
  await store.admitRoom(room, room.split('.').slice(0, 2).join('.') + '.', { subsPerTag: 100, totalRooms: 100 });
  return { serverUrl: server.url, room, token: credentialToken(credential), workspaceId: 'w', credential };
}

const due: Reminder = {
  id: 'task:t-leak:due@2026-12-02T03:00:00.000Z',
  incidentId: 'i1',
  subject: { type: 'task', taskId: 't-leak', phase: 'containment' },
  point: 'due',
  at: '2026-12-02T03:00:00.000Z',
  deadline: '2026-12-02T03:00:00.000Z',
};
const route: ReminderWants['route'] = { personName: '佐藤 一郎', email: { personId: 'c-sato', name: '佐藤 一郎', emails: ['sato@company.example'] }, channels: [] };

function laptop(door: ReminderDoor, wants: () => ReminderWants): ReminderHostLink {
  return new ReminderHostLink({ door: async () => door, read: async () => wants(), now: () => clock, connect: (url) => openAlertConnection(url, NodeWebSocket as unknown as typeof WebSocket) });
}

describe("the person's laptops hand reminders ahead", () => {
  it('handed by two laptops two hours ahead, then every laptop closed: one mail at its time, content-free', async () => {
    const door = await startHost();
    const wants = () => ({ personId: 'p-sato', wanted: [due], route });
    expect(await laptop(door, wants).round()).toEqual({ state: 'ok', handed: 1, stopped: 0, notAccepted: 0 });
    expect(await laptop(door, wants).round()).toEqual({ state: 'ok', handed: 1, stopped: 0, notAccepted: 0 });
    clock += 119 * 60_000;
    await server!.alerts!.tick();
    expect(smtp!.mails).toHaveLength(0);
    clock += 60_000;
    await server!.alerts!.tick();
    clock += 60 * 60_000;
    await server!.alerts!.tick();
    expect(smtp!.mails.map((m) => m.to)).toEqual(['sato@company.example']);
    expect(smtp!.mails[0]!.text).toContain('本部: 対応期限のお知らせがあります。アプリを開いてください。');
    for (const f of ['t-leak', 'containment', 'task:', '佐藤']) expect(smtp!.mails[0]!.raw).not.toContain(f);
  });

  it('acknowledged before its time: the laptop stops it at the host and nothing is mailed', async () => {
    const door = await startHost();
    let wanted = [due];
    const link = laptop(door, () => ({ personId: 'p-sato', wanted, route }));
    await link.round();
    clock += 30 * 60_000;
    wanted = [];
    expect(await link.round()).toEqual({ state: 'ok', handed: 0, stopped: 1, notAccepted: 0 });
    clock += 4 * 60 * 60_000;
    await server!.alerts!.tick();
    expect(smtp!.mails).toHaveLength(0);
  });

  it('the address in the contact list corrected after handing: the mail goes to the new address only', async () => {
    const door = await startHost();
    // Typed wrong first (a colleague's address), corrected an hour later while the reminder is held.
    let wants: ReminderWants = { personId: 'p-kato', wanted: [due], route: { personName: '加藤 花子', email: { personId: 'c-kato', name: '加藤 花子', emails: ['kato.wrong@company.example'] }, channels: [] } };
    const link = laptop(door, () => wants);
    expect(await link.round()).toMatchObject({ handed: 1 });
    clock += 60 * 60_000;
    wants = { ...wants, route: { ...wants.route, email: { personId: 'c-kato', name: '加藤 花子', emails: ['hanako.kato@company.example'] } } };
    expect(await link.round()).toEqual({ state: 'ok', handed: 1, stopped: 1, notAccepted: 0 });
    clock += 2 * 60 * 60_000;
    await server!.alerts!.tick();
    expect(smtp!.mails.map((m) => m.to)).toEqual(['hanako.kato@company.example']);
  });

  it('the address corrected just after its reminder went out: not sent again to the new address', async () => {
    const door = await startHost();
    let wants: ReminderWants = { personId: 'p-kato', wanted: [due], route: { personName: '加藤 花子', email: { personId: 'c-kato', name: '加藤 花子', emails: ['kato.old@company.example'] }, channels: [] } };
    const link = laptop(door, () => wants);
    await link.round();
    clock = Date.parse(due.at) + 10 * 60_000;
    await server!.alerts!.tick();
    wants = { ...wants, route: { ...wants.route, email: { personId: 'c-kato', name: '加藤 花子', emails: ['hanako.kato@company.example'] } } };
    expect(await link.round()).toMatchObject({ state: 'ok', handed: 0, notAccepted: 0 });
    await server!.alerts!.tick();
    expect(smtp!.mails.map((m) => m.to)).toEqual(['kato.old@company.example']);
  });

  it('e-mail deselected while a reminder is held (chat kept): no mail, the chat post still at its time', async () => {
    const door = await startHost();
    const hooks = await startWebhooks();
    try {
      const chat = { id: 'ch-ops', kind: 'slack' as const, label: '対応室', url: hooks.url('/hook'), details: false };
      let wants: ReminderWants = { personId: 'p-kato', wanted: [due], route: { personName: '加藤 花子', email: { personId: 'c-kato', name: '加藤 花子', emails: ['hanako.kato@company.example'] }, channels: [chat] } };
      const link = laptop(door, () => wants);
      await link.round();
      clock += 30 * 60_000;
      wants = { ...wants, route: { ...wants.route, email: null } };
      expect(await link.round()).toEqual({ state: 'ok', handed: 1, stopped: 1, notAccepted: 0 });
      clock += 2 * 60 * 60_000;
      await server!.alerts!.tick();
      expect(smtp!.mails).toHaveLength(0);
      expect(hooks.posts).toHaveLength(1);
    } finally {
      await hooks.close();
    }
  });

  it("the task marked done on a colleague's laptop while the owner's laptops are closed: the colleague's laptop stops the owner's mail", async () => {
    const door = await startHost();
    const kato: ReminderWants['route'] = { personName: '加藤 花子', email: { personId: 'c-kato', name: '加藤 花子', emails: ['hanako.kato@company.example'] }, channels: [] };
    // The owner's laptop hands the reminder, then is closed for the night.
    await laptop(door, () => ({ personId: 'p-kato', wanted: [due], route: kato })).round();
    // The colleague's laptop sees what the owner's laptops would hand, then the task done.
    let katoWanted = [due];
    const colleague = laptop(door, () => ({ personId: 'p-mori', wanted: [], route: { personName: '森 健', email: null, channels: [] }, others: [{ personId: 'p-kato', wanted: katoWanted, route: kato }] }));
    expect(await colleague.round()).toMatchObject({ state: 'ok', stopped: 0, notAccepted: 0 });
    clock += 20 * 60_000;
    katoWanted = [];
    expect(await colleague.round()).toEqual({ state: 'ok', handed: 0, stopped: 1, notAccepted: 0 });
    clock += 3 * 60 * 60_000;
    await server!.alerts!.tick();
    expect(smtp!.mails).toHaveLength(0);
  });

  it("a task given to a person at night while all their laptops are closed: a colleague's laptop hands it, and the mail comes at its due time (not its advance)", async () => {
    const door = await startHost();
    const kato: ReminderWants['route'] = { personName: '加藤 花子', email: { personId: 'c-kato', name: '加藤 花子', emails: ['hanako.kato@company.example'] }, channels: [] };
    const advance: Reminder = { ...due, id: 'task:t-leak:advance@2026-12-02T03:00:00.000Z', point: 'advance', at: '2026-12-02T02:45:00.000Z' };
    const director = laptop(door, () => ({ personId: 'p-mori', wanted: [], route: { personName: '森 健', email: null, channels: [] }, others: [{ personId: 'p-kato', wanted: [advance, due], route: kato }] }));
    expect(await director.round()).toEqual({ state: 'ok', handed: 1, stopped: 0, notAccepted: 0 });
    expect(await director.round()).toEqual({ state: 'ok', handed: 0, stopped: 0, notAccepted: 0 });
    clock = Date.parse(advance.at);
    await server!.alerts!.tick();
    expect(smtp!.mails).toHaveLength(0);
    clock = Date.parse(due.at);
    await server!.alerts!.tick();
    expect(smtp!.mails.map((m) => m.to)).toEqual(['hanako.kato@company.example']);
    // Her own laptop opened later hands the same reminder: the host keeps it once.
    expect(await laptop(door, () => ({ personId: 'p-kato', wanted: [due], route: kato })).round()).toMatchObject({ handed: 1 });
    clock += 60_000;
    await server!.alerts!.tick();
    expect(smtp!.mails).toHaveLength(1);
  });

  it('acknowledged while the host was unreachable, then the laptop restarted: the new session still stops the held mail', async () => {
    const door = await startHost();
    await laptop(door, () => ({ personId: 'p-sato', wanted: [due], route })).round();
    // Acknowledged on the desktop with the host out of reach; the app is then quit and opened again.
    clock += 30 * 60_000;
    const restarted = laptop(door, () => ({ personId: 'p-sato', wanted: [], route, acknowledged: [due] }));
    expect(await restarted.round()).toEqual({ state: 'ok', handed: 0, stopped: 1, notAccepted: 0 });
    expect(await restarted.round()).toEqual({ state: 'ok', handed: 0, stopped: 0, notAccepted: 0 });
    clock += 3 * 60 * 60_000;
    await server!.alerts!.tick();
    expect(smtp!.mails).toHaveLength(0);
  });

  it('the chat webhook down at its time, the reminder acknowledged in the app meanwhile: the retry does not post it late', async () => {
    const door = await startHost();
    const hooks = await startWebhooks();
    try {
      const chat = { id: 'ch-ops', kind: 'slack' as const, label: '対応室', url: hooks.url('/hook'), details: false };
      let wanted = [due];
      const link = laptop(door, () => ({ personId: 'p-kato', wanted, route: { personName: '加藤 花子', email: null, channels: [chat] } }));
      await link.round();
      hooks.mode = 500;
      clock = Date.parse(due.at);
      await server!.alerts!.tick();
      clock += 5 * 60_000;
      wanted = [];
      expect(await link.round()).toMatchObject({ stopped: 1 });
      hooks.mode = 'ok';
      for (let i = 0; i < 6; i++) {
        clock += 15 * 60_000;
        await server!.alerts!.tick();
      }
      expect(hooks.posts).toHaveLength(0);
    } finally {
      await hooks.close();
    }
  });

  it('no host reachable: nothing handed, said as offline', async () => {
    const link = new ReminderHostLink({ door: async () => null, read: async () => ({ personId: 'p', wanted: [due], route }) });
    expect(await link.round()).toEqual({ state: 'offline' });
  });
});
