/**
 * A workspace set up in another tab (web build) while this one showed the setup form: this
 * tab's setup is refused without an error on screen, and it shows the unlock screen, where the
 * other tab's passphrase opens the workspace.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { createWorkspace, readVaultRecord } from '../data/workspace';
import { useErrors } from '../errors/error-store';
import { database, useSession } from './session-store';

describe('a workspace set up in another tab meanwhile', () => {
  it('this tab goes to the unlock screen, nothing it typed is written, and no error is shown', async () => {
    const other = await createWorkspace(database(), '別のタブで決めた合言葉です', { name: '佐藤 一郎' }, { cost: TEST_KDF_COST });
    await other.store.close();
    const record = await readVaultRecord(database());
    const shown = useErrors.getState().count;

    await useSession.getState().create('このタブで打った合言葉です', '山田 花子');
    expect(useSession.getState().status).toBe('locked');
    expect(useErrors.getState().count).toBe(shown);
    expect(await readVaultRecord(database())).toEqual(record);

    expect(await useSession.getState().unlock('このタブで打った合言葉です')).toBe(false);
    expect(await useSession.getState().unlock('別のタブで決めた合言葉です')).toBe(true);
    expect(useSession.getState().me?.name).toBe('佐藤 一郎');
  }, 60_000);
});
