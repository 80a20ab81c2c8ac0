/**
 * Numbered upgrades of imported customer lists. The Dexie schema does not change (see
 * data/migrations), but what is inside the sealed records does, and only an unlocked
 * workspace can read them: so these run after unlock, dataset by dataset, and each
 * leaves its version in the dataset's sealed details. Never edit a shipped version: add
 * the next one (and its test in upgrades.test.ts).
 *
 * 2 — No-answer retries: "N retries" now means N + 1 attempts (it meant N). Statuses are
 *     refolded from the events under the new rule. Lookup tokens for the postcode alone
 *     and for given names (kanji and kana) are added to the index, so postcode + family
 *     name finds the customer and a kana search can be narrowed.
 * 3 — The batches and the reached-over-time chart are projections (contact-batches,
 *     contact-series, migration 8) kept with the statuses, and the totals remember the
 *     clock of the latest event folded: all rebuilt from the events.
 */
import { sealJson } from '../../../shared/vault/cipher';
import { KINDS_SINCE_V2, normaliseKeys } from '../../../shared/contacts/tokens';
import { openBlock } from './block-codec';
import type { ContactReader } from './contact-data';
import { datasetAad } from './import-commit';
import { buildIndexParts } from './index-build';
import { segmentRecords } from './index-codec';
import { rebuildStatuses } from './rebuild';
import { BLOCK_ROWS, COMMIT_ROWS, type DatasetMeta, pad } from './tables';

/**
 * The upgrade to this version is the refold only (rebuildStatuses): a list kept at the
 * version before it owes a refold, which the next unlock makes (an adoption whose refold met
 * an event that does not open, decision 040). Keep that true when adding a version.
 */
export const DATASET_VERSION = 3;

/** Blocks tokenised per write: the same unit an import commits. */
const GROUP_BLOCKS = COMMIT_ROWS / BLOCK_ROWS;

/** Awaited before each of an upgrade's transactions (the engine's background turn: EventStore.backgroundTurn). */
type Pace = () => Promise<void>;
const noPace: Pace = async () => undefined;

async function addTokens(engine: ContactReader, datasetId: string, rows: number, kinds: readonly string[], pace: Pace): Promise<void> {
  const t = engine.data.tables;
  const blocks = Math.ceil(rows / BLOCK_ROWS);
  for (let first = 0; first < blocks; first += GROUP_BLOCKS) {
    await pace();
    const ids = Array.from({ length: Math.min(GROUP_BLOCKS, blocks - first) }, (_, i) => `${datasetId}:${pad(first + i)}`);
    const recs = await t.blocks.bulkGet(ids);
    const keys = [];
    for (const [i, rec] of recs.entries()) {
      if (!rec) throw new Error(`contacts: block ${first + i} of a dataset is missing`);
      for (const r of await openBlock(engine.importKeys.data, rec.id, rec.sealed, (first + i) * BLOCK_ROWS)) keys.push(normaliseKeys(r));
    }
    const index = segmentRecords(datasetId, first, buildIndexParts(engine.tokenizer, first * BLOCK_ROWS, keys, kinds));
    // Same ids on a second run: an upgrade interrupted by a lock simply runs again.
    await t.index.bulkPut(index);
  }
}

/**
 * Brings one complete dataset to DATASET_VERSION. Returns whether anything was done. Runs in
 * the background after unlock: `pace` is awaited before each of its transactions, so the
 * person's own work never waits behind one that started while it was under way.
 */
export async function upgradeDataset(engine: ContactReader, datasetId: string, pace: Pace = noPace): Promise<boolean> {
  const t = engine.data.tables;
  const rec = await t.datasets.get(datasetId);
  if (!rec || rec.state !== 'complete') return false;
  const meta = await engine.data.meta(rec);
  const from = meta.version ?? 1;
  if (from >= DATASET_VERSION) return false;
  // The refold writes statuses, totals, chart and batches: version 3 needs no more than it.
  await pace();
  // One of its events does not open (decision 040): not upgraded, nothing folded without
  // it; the next unlock tries again (once the record is mended, it goes through).
  if (!(await rebuildStatuses(engine, datasetId, { background: true }))) return false;
  if (from < 2) await addTokens(engine, datasetId, rec.rows, KINDS_SINCE_V2, pace);
  const next: DatasetMeta = { ...meta, version: DATASET_VERSION };
  const sealed = await sealJson(engine.importKeys.data, next, datasetAad(datasetId));
  await pace();
  await engine.data.store.writeDerived({
    tables: ['contact-datasets'],
    prepare: async () => ({
      write: async () => {
        const now = await t.datasets.get(datasetId);
        if (now) await t.datasets.put({ ...now, sealed });
      },
      touched: [['contact-datasets', [datasetId]]],
    }),
  }, { background: true });
  return true;
}

/** Every complete dataset of the workspace, one after the other. */
export async function upgradeAll(engine: ContactReader, pace: Pace = noPace): Promise<number> {
  let n = 0;
  for (const rec of await engine.data.tables.datasets.where('state').equals('complete').toArray()) {
    if (await upgradeDataset(engine, rec.id, pace)) n++;
    // Replayed without an event that did not open (TotalsRecord.refoldOwed): refolded whole
    // once it opens again (a refold that meets it writes nothing and leaves the mark).
    else if ((await engine.data.tables.totals.get(rec.id))?.refoldOwed) {
      await pace();
      if (await rebuildStatuses(engine, rec.id, { background: true })) n++;
    }
  }
  return n;
}
