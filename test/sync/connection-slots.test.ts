/**
 * The server's websocket places (server/connection-slots.ts): sockets that have not shown a
 * member's credential are held to a small cap per address, members' sockets to a larger one —
 * so a crisis team whose laptops all reach the server from one office address is not turned away.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket as RawSocket } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionSlots } from '../../server/connection-slots';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { CLOSE } from '../../shared/sync/close-codes';
import { allAppended, makeTeam, waitConverged, type Team } from './team';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = undefined;
});

describe('connection places', () => {
  it('move a socket to its address’s members’ count once it shows a credential, and give each back once', () => {
    const slots = new ConnectionSlots(2, 3);
    const a = slots.admit('10.0.0.1')!;
    const b = slots.admit('10.0.0.1')!;
    expect(slots.admit('10.0.0.1')).toBeNull();
    expect(slots.promote(a)).toBe(true);
    // The address has an unproven place again; its members hold one.
    const c = slots.admit('10.0.0.1')!;
    expect(c).not.toBeNull();
    expect(slots.promote(b)).toBe(true);
    expect(slots.promote(c)).toBe(true);
    // Members' places are per address too: a client inventing credentials of its own stays bounded.
    const d = slots.admit('10.0.0.1')!;
    expect(slots.promote(d)).toBe(false);
    expect(slots.promote(slots.admit('10.0.0.2')!)).toBe(true);
    expect(slots.held()).toEqual({ unproven: 1, members: 4 });
    slots.release(a);
    slots.release(a);
    slots.release(d);
    expect(slots.held()).toEqual({ unproven: 0, members: 3 });
  });

  it('an office of six laptops behind one address, with room for four strangers: every laptop syncs and opens its list socket, and a stranger beyond the four is refused', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-slots-'));
    server = await startSyncServer({ port: 0, dataDir, limits: { connectionsPerAddress: 4 } });
    team = await makeTeam(['aoi', 'ben', 'chika', 'daiki', 'emi', 'fumi']);
    for (const l of team.laptops) await team.connect(l, server.url);
    await waitConverged(team.laptops, allAppended(team.laptops), 20_000);
    // One after another, as laptops come and go (at the same instant, more than four would be unproven at once: those retry).
    const transports = [];
    for (const l of team.laptops) transports.push(await l.client!.listTransport());
    // Six room sockets and six list sockets from 127.0.0.1, all members: none takes a stranger's place.
    const url = server.url.replace(/\/+$/, '') + '/lists';
    const codes = await Promise.all(
      Array.from({ length: 6 }, () => {
        const ws = new RawSocket(url);
        ws.on('error', () => undefined);
        return Promise.race([new Promise<number>((resolve) => ws.on('close', (code) => resolve(code))), new Promise<string>((r) => setTimeout(() => (ws.terminate(), r('open')), 1500))]);
      }),
    );
    expect(codes.filter((c) => c === 'open')).toHaveLength(4);
    expect(codes.filter((c) => c === CLOSE.tooMany)).toHaveLength(2);
    for (const t of transports) t.channel.close();
  });
});
