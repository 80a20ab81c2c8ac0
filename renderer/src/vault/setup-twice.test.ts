/**
 * Two setups at once — the form sent twice before the first had written, or a second tab of
 * the same workspace (web build) — make one workspace: before, both passed the "already exists"
 * check while their keys were derived, and the second's vault replaced the first's, leaving the
 * first's profile sealed by a master key no record holds (found by a stranger's attack).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { TEST_KDF_COST, deriveKek, type KdfRunner } from '../../../shared/vault/kdf';
import { WrongPassphraseError } from '../../../shared/vault/vault';
import { HonbuDb } from '../data/db';
import { createWorkspace, readVaultRecord, unlockWorkspace } from '../data/workspace';
import { tables } from '../data/tables';
import { database, useSession } from './session-store';

const PASS = '港の見える丘で三時に会う';
const OTHER = '別のタブで打った合言葉です';

describe('two setups at once', () => {
  it('the form sent twice: one workspace, the second does nothing, and the profile reads after a lock and unlock', async () => {
    const session = useSession.getState();
    const results = await Promise.allSettled([session.create(PASS, '山田 花子'), session.create(PASS, '山田 花子')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);

    useSession.getState().lock('manual');
    await vi.waitFor(() => expect(useSession.getState().status).toBe('locked'));
    expect(await useSession.getState().unlock(PASS)).toBe(true);
    const { store, identity } = useSession.getState();
    expect((await store!.table(tables.people).get(identity!.personId))?.name).toBe('山田 花子');
    // One profile event: none left behind sealed by a master key no record holds.
    expect(await database().events.count()).toBe(1);
  }, 60_000);

  it('two tabs: the setup whose key came second is refused and writes nothing; the first workspace opens with its passphrase only', async () => {
    const db = new HonbuDb(`twice-${crypto.randomUUID()}`);
    // The second tab's derivation finishes after the first has written its vault.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const slow: KdfRunner = async (p, params, salt) => {
      await held;
      return deriveKek(p, params, salt);
    };
    const second = createWorkspace(db, OTHER, { name: '佐藤 一郎' }, { cost: TEST_KDF_COST, derive: slow });
    const first = await createWorkspace(db, PASS, { name: '山田 花子' }, { cost: TEST_KDF_COST });
    const record = await readVaultRecord(db);
    release();
    await expect(second).rejects.toThrow(/already exists/);
    expect(await readVaultRecord(db)).toEqual(record);
    expect(await db.events.count()).toBe(1);
    const again = await unlockWorkspace(db, PASS);
    expect(again.identity).toEqual(first.identity);
    expect((await again.store.table(tables.people).get(first.identity.personId))?.name).toBe('山田 花子');
    await expect(unlockWorkspace(db, OTHER)).rejects.toBeInstanceOf(WrongPassphraseError);
    db.close();
    await db.delete();
  });
});
