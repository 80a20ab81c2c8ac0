/**
 * The two-person export through dispatch, as the screens run it: a contact lead given the role
 * in one incident only (not the whole workspace) is a second person who may approve there.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from '../data/db';
import { dispatch, openDispatch } from '../data/dispatch';
import { createWorkspace } from '../data/workspace';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

const ASK = { kind: 'mailing-csv', format: 'shift_jis', datasetId: 'ds-1', batchId: 'b-1', rows: 12, reason: '印刷会社へ宛名を渡す' } as const;

describe('approving an export with a role given in the incident', () => {
  it('a contact lead of this incident only may approve and decline through the screens’ commands', async () => {
    const db = new HonbuDb(`export-dispatch-${crypto.randomUUID()}`);
    dbs.push(db);
    const ws = await createWorkspace(db, 'export dispatch passphrase', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    const founder = openDispatch({ store: ws.store, personId: ws.identity.personId });
    await dispatch('roles.assign-role', { personId: 'p-lead', role: 'contact-lead', incidentId: 'inc-a' });
    founder.dispose();
    // Two requests by the founder in a team of two (the roster is not under test here).
    const first = { exportId: 'exp-first' };
    const second = { exportId: 'exp-second' };
    await ws.store.append([first, second].map(({ exportId }) => ({ type: 'access.export-requested' as const, incidentId: 'inc-a', payload: { exportId, ...ASK, solo: false } })));

    const lead = openDispatch({ store: ws.store, personId: 'p-lead' });
    // (One store stands for both laptops here, so the events carry its person: the commands are under test, not the fold.)
    await expect(dispatch('access.approve-export', { incidentId: 'inc-a', exportId: first.exportId })).resolves.toBeUndefined();
    await expect(dispatch('access.close-export', { incidentId: 'inc-a', exportId: second.exportId })).resolves.toBeUndefined();
    // The incident named must be the export's: another incident lends no role.
    await expect(dispatch('access.approve-export', { incidentId: 'inc-b', exportId: second.exportId })).rejects.toMatchObject({ problems: [{ field: 'export', reason: 'not-found' }] });
    lead.dispose();
    const kinds = (await ws.store.readEvents('inc-a')).map((e) => e.type);
    expect(kinds).toContain('access.export-approved');
    expect(kinds).toContain('access.export-refused');
  });
});
