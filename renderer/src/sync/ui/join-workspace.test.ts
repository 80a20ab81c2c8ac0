import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { unwrapMasterKey } from '../../../../shared/vault/vault';
import { openJson, sealJson } from '../../../../shared/vault/cipher';
import { TEST_KDF_COST } from '../../../../shared/vault/kdf';
import { WrongPassphraseError } from '../../../../shared/vault/vault';
import { HonbuDb } from '../../data/db';
import { createWorkspace, joinWorkspace, readVaultRecord, unlockWorkspace } from '../../data/workspace';
import { tables } from '../../data/tables';

const dbs: HonbuDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});
const fresh = () => {
  const db = new HonbuDb(`join-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
};

describe('joinWorkspace', () => {
  it('makes a vault around the team key under the joiner’s own passphrase', async () => {
    const host = fresh();
    const a = await createWorkspace(host, 'host passphrase long enough', { name: '山田 花子' }, { cost: TEST_KDF_COST });
    const master = await unwrapMasterKey((await readVaultRecord(host))!, 'host passphrase long enough');

    const laptop = fresh();
    const identity = { deviceId: crypto.randomUUID(), personId: crypto.randomUUID() };
    const b = await joinWorkspace(laptop, master, 'joiner has another passphrase', identity, { name: '佐藤 一郎' }, { cost: TEST_KDF_COST });
    expect(b.identity).toEqual(identity);
    expect((await b.store.table(tables.people).get(identity.personId))?.name).toBe('佐藤 一郎');

    // Same data key: what one laptop seals, the other opens.
    const sealed = await sealJson(a.store.keys.data, { hello: '本部' }, 'test');
    expect(await openJson(b.store.keys.data, sealed, 'test')).toEqual({ hello: '本部' });

    // The joiner's passphrase opens it after a restart; the host's does not.
    const again = await unlockWorkspace(laptop, 'joiner has another passphrase');
    expect(again.identity).toEqual(identity);
    await expect(unlockWorkspace(laptop, 'host passphrase long enough')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(joinWorkspace(laptop, master, 'joiner has another passphrase', identity, { name: 'x' }, { cost: TEST_KDF_COST })).rejects.toThrow(/already exists/);
  });
});
