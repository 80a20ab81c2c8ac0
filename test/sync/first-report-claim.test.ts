/**
 * A genuine team member's modified client (mallory: her device in the roster, her own key,
 * person and device — every check of the chunk passes) writes a "first report" of an incident
 * bob filed, stamped before his. It made her direction there and took direction from bob
 * (found by a stranger). The app's first report carries the incident's own id as its event id:
 * any other is refused on every laptop, and listed as refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnyDraft } from '../../shared/events/registry';
import type { HonbuEvent } from '../../shared/events/event';
import { encodeHlc } from '../../shared/events/hlc';
import { sealEventsChunk } from '../../shared/sync/chunk';
import { startSyncServer, type SyncServer } from '../../server/sync-server';
import { tables } from '../../renderer/src/data/tables';
import { firstReport } from './edits';
import { intrude, teamRoom, until, type Intruder } from './intruder';
import { makeTeam, storedIds, type Laptop, type Team } from './team';

let server: SyncServer | undefined;
let team: Team | undefined;
let dataDir: string | undefined;
const intruders: Intruder[] = [];
afterEach(async () => {
  for (const i of intruders.splice(0)) i.destroy();
  await team?.dispose();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  team = server = dataDir = undefined;
});

const has = async (l: Laptop, id: string) => (await storedIds(l)).has(id);

/** An event as mallory's modified client writes it: her device, her person, any clock. */
function forged(l: Laptop, draft: AnyDraft, wall: number): HonbuEvent {
  return { ...draft, id: crypto.randomUUID(), at: encodeHlc({ wall, counter: 0, node: l.device.deviceId }), actor: l.personId } as HonbuEvent;
}

async function push(l: Laptop, events: HonbuEvent[], url: string): Promise<void> {
  const room = await teamRoom(team!, l);
  const rogue = intrude(url, room.name, room.token);
  intruders.push(rogue);
  await until(() => rogue.synced(), 5000, 'the rogue client to sync');
  rogue.doc.getArray('events').push([await sealEventsChunk(events, room.keys, l.device)]);
}

const INC = '5b8e2f1c-7d3a-4e6b-9c1f-2a4d6e8f0b13';
const drafted = (entryId: string): AnyDraft => ({
  type: 'faq.entry-drafted',
  incidentId: INC,
  payload: { entryId, question: '情報は漏れましたか', variants: [], category: '', answer: '調査中です。' },
});
const approval = (entryId: string): AnyDraft => ({ type: 'faq.entry-approved', incidentId: INC, payload: { entryId, version: 1, factsSnapshot: {} } });

describe('a backdated first report of an incident another member filed', () => {
  it('is refused and listed on every laptop: the filer keeps direction, the claimant approves nothing', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'honbu-first-report-claim-'));
    server = await startSyncServer({ port: 0, dataDir });
    team = await makeTeam(['alice', 'bob', 'mallory']);
    const [alice, bob, mallory] = team.laptops as [Laptop, Laptop, Laptop];
    for (const l of team.laptops) await team.connect(l, server.url);
    // Bob files the incident: he is its direction (decision 014). Mallory has nothing in it.
    const [filed] = await team.append(bob, [{ ...firstReport(), incidentId: INC } as AnyDraft, drafted('faq-1')]);
    expect(filed!.id).toBe(INC);
    for (const l of [alice, mallory]) await expect.poll(() => has(l, filed!.id), { timeout: 10_000 }).toBe(true);

    // Mallory's modified client writes a "first report" of the same incident, stamped before Bob's.
    const base = firstReport() as { payload: object };
    const takeover = forged(mallory, { ...firstReport(), incidentId: INC, payload: { ...base.payload, title: '乗っ取り' } } as AnyDraft, 1_700_000_000_000);
    await push(mallory, [takeover], server.url);
    // Then an FAQ approval in Bob's incident (direction only).
    const mApproval = forged(mallory, approval('faq-1'), Date.now());
    await push(mallory, [mApproval], server.url);
    // Wait until Alice's laptop has dealt with both (stored, or listed as refused).
    const settled = async (l: Laptop, id: string) => (await has(l, id)) || (l.client!.status().roleRefused ?? []).some((r) => r.id === id);
    for (const l of [alice, bob]) {
      await expect.poll(() => settled(l, takeover.id), { timeout: 10_000 }).toBe(true);
      await expect.poll(() => settled(l, mApproval.id), { timeout: 10_000 }).toBe(true);
      await l.client!.idle();
    }
    // Bob, who filed the incident, approves too (the test laptops do not guard their own appends; Alice's judges it).
    const [bApproval] = await team.append(bob, [approval('faq-1')]);
    await expect.poll(() => settled(alice, bApproval!.id), { timeout: 10_000 }).toBe(true);
    const observed: Record<string, unknown> = {};
    for (const l of [alice, bob]) {
      const inc = (await l.store.table(tables.incidents).get(INC)) as { createdBy?: string };
      observed[l.name] = {
        takeoverStored: await has(l, takeover.id),
        mallorysApprovalStored: await has(l, mApproval.id),
        refusalsShown: (l.client!.status().roleRefused ?? []).map((r) => r.kind),
        createdByMallory: inc.createdBy === mallory.personId,
      };
    }
    observed.bobsApprovalCountsOnAlice = await has(alice, bApproval!.id);
    // What should hold: the backdated "first report" of an incident that exists is refused (and shown),
    // Mallory's approval is refused, Bob keeps direction of the incident he filed.
    const expected = { takeoverStored: false, mallorysApprovalStored: false, createdByMallory: false };
    expect(observed).toMatchObject({ alice: expected, bob: expected, bobsApprovalCountsOnAlice: true });
    // Listed as refused, with the kind of event, on both laptops.
    for (const l of [alice, bob]) expect((l.client!.status().roleRefused ?? []).map((r) => r.id)).toEqual(expect.arrayContaining([takeover.id, mApproval.id]));
  }, 60_000);

});
