/**
 * A server with its own self-signed certificate (as a laptop hosting the team has), on
 * loopback: its fingerprint travels inside the invite, a joiner who typed the code meets
 * the certificate first and checks it against the invite, and a client pinned to it gets
 * in while one pinned to another certificate never sends a thing.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import { pinnedWebSocket } from '../../server/pinned-socket';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { hostInvite, redeemInvite } from '../../renderer/src/sync/join';
import { Lobby } from '../../renderer/src/sync/lobby';
import { firstReport, seedRows } from './edits';
import { allAppended, makeTeam, sleep, waitConverged, type Laptop, type Team } from './team';

let server: SyncServer | undefined;
let team: Team | undefined;
let dir: string | undefined;
afterEach(async () => {
  await team?.dispose();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  team = server = dir = undefined;
});

describe('a server with its own certificate', () => {
  it('is pinned through the invite: the right certificate gets in, another never hears a token', async () => {
    dir = await mkdtemp(join(tmpdir(), 'honbu-sync-tls-'));
    const pems = await generate([{ name: 'commonName', value: 'Honbu sync host' }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' });
    await writeFile(join(dir, 'cert.pem'), pems.cert);
    await writeFile(join(dir, 'key.pem'), pems.private);
    const fingerprint = createHash('sha256').update(new X509Certificate(pems.cert).raw).digest('base64url');
    server = await startSyncServer({ port: 0, dataDir: join(dir, 'data'), tlsCert: join(dir, 'cert.pem'), tlsKey: join(dir, 'key.pem') });
    expect(server.url).toMatch(/^wss:/);

    team = await makeTeam(['alice', 'bob']);
    const [alice, bob] = team.laptops as [Laptop, Laptop];
    await team.append(alice, [firstReport(), ...seedRows()]);
    const pinned = pinnedWebSocket(fingerprint);
    for (const l of team.laptops) await team.connect(l, server.url, { WebSocketPolyfill: pinned });
    await waitConverged(team.laptops, allAppended(team.laptops), 15_000);

    // A joiner who typed the code: takes whatever certificate it meets, and checks it against the invite.
    const hosted = await hostInvite({
      store: alice.store,
      masterKey: team.master,
      serverUrl: server.url,
      fingerprint,
      room: team.room,
      root: team.root,
      hostDevice: alice.device.deviceId,
      roles: [],
      WebSocketPolyfill: pinned as never,
    });
    expect(hosted.qr).toContain(`fp=${fingerprint}`);
    const met: string[] = [];
    const redeemed = await redeemInvite({
      serverUrl: server.url,
      code: hosted.code,
      deviceId: crypto.randomUUID(),
      personId: crypto.randomUUID(),
      personName: 'dan',
      now: Date.now,
      WebSocketPolyfill: pinnedWebSocket(null, met) as never,
    });
    expect(redeemed.invite.fingerprint).toBe(fingerprint);
    expect(new Set(met)).toEqual(new Set([fingerprint]));

    // Pinned to another certificate (someone in the middle): the socket is cut before it opens.
    const wrong = pinnedWebSocket('A'.repeat(43));
    await expect(Lobby.open(server.url, hosted.code, { WebSocketPolyfill: wrong as never, timeoutMs: 1500 })).rejects.toThrow(/did not answer/);
    const stray = await team.add('stray');
    const client = await team.connect(stray, server.url, { WebSocketPolyfill: wrong });
    await sleep(1000);
    expect(client.status()).toMatchObject({ state: 'connecting', lastSyncAt: null });
    expect(bob.client!.status().state).toBe('connected');
  }, 45_000);
});
