/**
 * For data-layer tests: two event stores ("laptops") on fake-indexeddb sharing one workspace
 * key, each with its own device, actor and a clock a second apart per stamp. Databases are
 * deleted by `dropTestLaptops` (call it in afterEach).
 */
import { createVault } from '../../../shared/vault/vault';
import { TEST_KDF_COST } from '../../../shared/vault/kdf';
import { HonbuDb } from './db';
import { EventStore } from './event-store';
import { ALL_PROJECTIONS } from './projections';

const dbs: HonbuDb[] = [];

export async function dropTestLaptops(): Promise<void> {
  for (const db of dbs.splice(0)) await db.delete();
}

export async function twoLaptops(prefix: string): Promise<{ a: EventStore; b: EventStore }> {
  const { keys } = await createVault('two laptops share one key', TEST_KDF_COST);
  let t = 1_700_000_000_000;
  const make = (device: string, actor: string) => {
    const db = new HonbuDb(`${prefix}-${crypto.randomUUID()}`);
    dbs.push(db);
    return new EventStore(db, keys.data, ALL_PROJECTIONS, { deviceId: device, actor }, () => (t += 1000), keys.index);
  };
  return { a: make('dev-a', 'alice'), b: make('dev-b', 'bob') };
}
