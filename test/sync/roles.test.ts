/**
 * Roles on the wire: three laptops and the real sync server. A laptop that writes what its
 * member's role does not allow (a modified client: it skips the check every honest laptop
 * makes before appending) gets nothing past the others — each refuses the event, does not
 * fold it, and says so; once direction gives the role, that member's later events count.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyDraft } from '../../shared/events/registry';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { tables } from '../../renderer/src/data/tables';
import { exportState } from '../../shared/access/exports';
import { firstReport, INCIDENT } from './edits';
import { makeTeam, storedIds, type Laptop, type Team } from './team';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = undefined;
});

const drafted = (entryId: string): AnyDraft => ({
  type: 'faq.entry-drafted',
  incidentId: INCIDENT,
  payload: { entryId, question: '情報は漏れましたか', variants: [], category: '', answer: '調査中です。' },
});
const approval = (entryId: string): AnyDraft => ({ type: 'faq.entry-approved', incidentId: INCIDENT, payload: { entryId, version: 1, factsSnapshot: {} } });
const role = (personId: string, r: 'direction' | 'operator' | 'contact-lead'): AnyDraft => ({ type: 'roles.role-assigned', incidentId: INCIDENT, payload: { personId, role: r } });

async function has(l: Laptop, id: string): Promise<boolean> {
  return (await storedIds(l)).has(id);
}

describe('roles, checked again on every laptop', () => {
  it('an approval by a member without direction is refused by the other two laptops, and shown; after direction gives the role, a new one counts', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-roles-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob', 'carol']);
    const [alice, bob, carol] = team.laptops as [Laptop, Laptop, Laptop];
    // Alice founded the workspace (the roster's anchor): direction from the start.
    await team.append(alice, [firstReport()]);
    for (const l of team.laptops) await team.connect(l, server.url);

    // Bob (no role) drafts an answer — everyday work, anyone may — and approves it, which only direction may.
    const [draft] = await team.append(bob, [drafted('faq-1')]);
    const [forged] = await team.append(bob, [approval('faq-1')]);
    // He also gives himself direction: only direction may give roles.
    const [selfMade] = await team.append(bob, [role(bob.personId, 'direction')]);

    for (const other of [alice, carol]) {
      await expect.poll(() => has(other, draft!.id), { timeout: 10_000 }).toBe(true);
      await expect.poll(() => other.client!.status().roleRefused?.map((r) => r.kind).sort(), { timeout: 10_000 }).toEqual(['faq.entry-approved', 'roles.role-assigned']);
      await other.client!.idle();
      expect(await has(other, forged!.id)).toBe(false);
      expect(await has(other, selfMade!.id)).toBe(false);
      const entry = await other.store.table(tables.faq).get('faq-1');
      expect(entry?.approval ?? null).toBeNull();
      const line = other.client!.status().roleRefused!.find((r) => r.id === forged!.id)!;
      expect(line).toMatchObject({ person: bob.personId, device: bob.device.deviceId, kind: 'faq.entry-approved', needs: ['direction'] });
    }

    // Alice gives Bob direction in this incident; his next approval counts everywhere.
    const [given] = await team.append(alice, [role(bob.personId, 'direction')]);
    await expect.poll(() => has(bob, given!.id), { timeout: 10_000 }).toBe(true);
    const [approved] = await team.append(bob, [approval('faq-1')]);
    for (const other of [alice, carol]) {
      await expect.poll(() => has(other, approved!.id), { timeout: 10_000 }).toBe(true);
      // The first one stays refused: when it was written (by its clock), Bob did not hold the role.
      expect(await has(other, forged!.id)).toBe(false);
      expect((await other.store.table(tables.faq).get('faq-1'))?.approval).not.toBeNull();
    }
  }, 60_000);

  it('an event held back for its role counts once the role given before it (by clock) arrives, on every laptop', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-roles-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob', 'carol']);
    const [alice, bob, carol] = team.laptops as [Laptop, Laptop, Laptop];
    await team.append(alice, [firstReport(), drafted('faq-2')]);
    for (const l of team.laptops) await team.connect(l, server.url);
    await expect.poll(() => has(bob, [...alice.appended].at(-1)!), { timeout: 10_000 }).toBe(true);

    // Alice, offline, gives Bob direction; Bob, not knowing yet, approves a moment later.
    alice.client!.disconnect();
    const [given] = await team.append(alice, [role(bob.personId, 'direction')]);
    await new Promise((r) => setTimeout(r, 5));
    const [approved] = await team.append(bob, [approval('faq-2')]);
    // Carol sees the approval first: held back, and said so.
    await expect.poll(() => carol.client!.status().roleRefused?.map((r) => r.id), { timeout: 10_000 }).toEqual([approved!.id]);
    expect(await has(carol, approved!.id)).toBe(false);

    // Alice comes back: the role was given before the approval, so it counts — on Carol's laptop and on Alice's.
    alice.client!.connect();
    for (const other of [alice, carol]) {
      await expect.poll(() => has(other, approved!.id), { timeout: 10_000 }).toBe(true);
      expect(await has(other, given!.id)).toBe(true);
      expect(other.client!.status().roleRefused ?? []).toEqual([]);
      expect((await other.store.table(tables.faq).get('faq-2'))?.approval).not.toBeNull();
    }
  }, 60_000);

  it('an export approved by a member whose role may not approve is refused on the other laptops; the requester approving their own is not counted; the contact lead’s approval counts everywhere', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-sync-roles-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob', 'carol']);
    const [alice, bob, carol] = team.laptops as [Laptop, Laptop, Laptop];
    const ref = { exportId: 'exp-1' };
    const request: AnyDraft = {
      type: 'access.export-requested',
      incidentId: INCIDENT,
      payload: { ...ref, kind: 'mailing-csv', format: 'shift_jis', datasetId: 'list', batchId: 'b1', rows: 120, reason: '印刷会社へ宛名を渡すため', solo: false },
    };
    await team.append(alice, [firstReport(), request]);
    for (const l of team.laptops) await team.connect(l, server.url);
    await expect.poll(() => has(bob, [...alice.appended].at(-1)!), { timeout: 10_000 }).toBe(true);

    // Bob (no role) approves anyway — a modified client skipping the check before appending.
    const [forged] = await team.append(bob, [{ type: 'access.export-approved', incidentId: INCIDENT, payload: ref }]);
    // Alice, direction, "approves" her own request: her role allows the kind, the fold does not count it.
    const [own] = await team.append(alice, [{ type: 'access.export-approved', incidentId: INCIDENT, payload: ref }]);
    for (const other of [alice, carol]) {
      await expect.poll(() => other.client!.status().roleRefused?.map((r) => r.id), { timeout: 10_000 }).toEqual([forged!.id]);
      await expect.poll(() => has(other, own!.id), { timeout: 10_000 }).toBe(true);
      expect(await has(other, forged!.id)).toBe(false);
      const line = other.client!.status().roleRefused![0]!;
      expect(line).toMatchObject({ person: bob.personId, kind: 'access.export-approved', needs: ['direction', 'contact-lead'] });
      const row = (await other.store.table(tables.accessExports).get('exp-1'))!;
      expect(exportState(row)).toMatchObject({ phase: 'waiting', approvedBy: null, flags: ['self-approval'] });
    }

    // Alice makes Carol the contact lead; Carol's approval counts on every laptop.
    const [given] = await team.append(alice, [role(carol.personId, 'contact-lead')]);
    await expect.poll(() => has(carol, given!.id), { timeout: 10_000 }).toBe(true);
    const [approved] = await team.append(carol, [{ type: 'access.export-approved', incidentId: INCIDENT, payload: ref }]);
    // (Bob's own laptop keeps his forged approval: a modified client believes itself. The others decide.)
    for (const other of [alice, carol]) {
      await expect.poll(() => has(other, approved!.id), { timeout: 10_000 }).toBe(true);
      const row = (await other.store.table(tables.accessExports).get('exp-1'))!;
      expect(exportState(row)).toMatchObject({ phase: 'approved', approvedBy: carol.personId, requestedBy: alice.personId });
    }
  }, 60_000);
});
