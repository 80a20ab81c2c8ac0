/**
 * Test and benchmark page for the contacts engine. Built only by the E2E tests and the
 * benchmark (into dist/contacts-harness, see e2e/fixtures/contacts-harness.ts), never by
 * `npm run build:renderer`: nothing in the app imports this folder, so the shipped app
 * has no such hook.
 * It drives the real engine — worker, IndexedDB, WebCrypto — in real Chromium.
 */
import type { Channel, ColumnMapping, Delimiter, FileEncoding } from '../../../../shared/contacts/model';
import { TEST_KDF_COST } from '../../../../shared/vault/kdf';
import { HonbuDb } from '../../data/db';
import { EventStore } from '../../data/event-store';
import { ALL_PROJECTIONS } from '../../data/projections';
import { createWorkspace, readVaultRecord, unlockWorkspace } from '../../data/workspace';
import { ContactEngine } from '../contact-engine';
import { ImportClient, type RunningImport } from '../import-client';
import type { ImportProgress, ImportRequest } from '../import-pipeline';
import type { LookupKind } from '../lookup';
import { translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/dictionary';
import { checkFold, type OutcomeItem } from '../outcomes';
import { mailingCsv } from '../batches';
import { openDispatch } from '../../data/dispatch';
import { useContacts } from '../ui/contacts-store';
import { benchApi } from './bench-page';
import { liveApi } from './bench-live';
import { arm, armedResult, mountLookup } from './lookup-ui';
import { compareShiftJis } from './shift-jis-check';
import { type Screen, showScreen } from './screens';

const INCIDENT = 'incident-1';
let engine: ContactEngine | undefined;
let client: ImportClient | undefined;
let generated: Blob | undefined;
const progress: ImportProgress[] = [];
let running: RunningImport | undefined;
/** A second laptop of the same team: its own database, the same workspace keys. */
let peer: { engine: ContactEngine; client: ImportClient } | undefined;
/** Who unlocked (the actor of commands the screens dispatch). */
let personId = '';
let dispatchBinding: { dispose(): void } | undefined;

/**
 * The screens record what they show (a lookup's hits, a call queue) through dispatch, as
 * in the app after unlock: bound to this page's workspace for the bench's screens only.
 */
function bindDispatch() {
  dispatchBinding?.dispose();
  dispatchBinding = openDispatch({ store: need().engine.store, personId });
}

function need(): { engine: ContactEngine; client: ImportClient } {
  if (!engine || !client) throw new Error('harness: call open() first');
  return { engine, client };
}

const api = {
  INCIDENT,
  /** Creates or unlocks the workspace (cheap KDF: this page is for tests only). */
  async open(dbName = 'honbu-contacts', passphrase = 'harness passphrase 2026') {
    const db = new HonbuDb(dbName);
    const ws = (await readVaultRecord(db))
      ? await unlockWorkspace(db, passphrase)
      : await createWorkspace(db, passphrase, { name: 'harness' }, { cost: TEST_KDF_COST });
    personId = ws.identity.personId;
    engine = await ContactEngine.open(ws.store);
    client = new ImportClient(engine);
    return true;
  },
  /**
   * Unlocks as the app does: the app's contacts store opens the engine on the workspace's
   * store (kept current by its change notices) and reads the incident's lists; this page
   * then drives that same engine. Returns ms from the call to the lists read.
   */
  async openUi(dbName = 'honbu-contacts', passphrase = 'harness passphrase 2026') {
    const t0 = performance.now();
    const ws = await unlockWorkspace(new HonbuDb(dbName), passphrase);
    personId = ws.identity.personId;
    await useContacts.getState().open(ws.store);
    await useContacts.getState().load(INCIDENT);
    const state = useContacts.getState();
    if (!state.engine || !state.client) throw new Error('harness: the contacts store did not open');
    engine = state.engine;
    client = state.client;
    bindDispatch();
    return performance.now() - t0;
  },
  fileFromInput(): File {
    const f = (document.getElementById('file') as HTMLInputElement).files?.[0];
    if (!f) throw new Error('harness: no file chosen');
    return f;
  },
  async peek(encoding?: FileEncoding, delimiter?: Delimiter) {
    return need().client.peek(api.fileFromInput(), encoding, 5, delimiter);
  },
  /** Imports the chosen (or generated) file through the worker. */
  async importFile(opts: { mapping?: ColumnMapping; encoding?: FileEncoding; delimiter?: Delimiter; resumeId?: string; channelOrder?: Channel[]; generated?: boolean; stopAfterRows?: number; commitRows?: number } = {}) {
    const { client: c } = need();
    const file = opts.generated ? generated! : api.fileFromInput();
    const mapping = opts.mapping ?? (await c.peek(file, opts.encoding, 1, opts.delimiter)).guess;
    const request: ImportRequest = { incidentId: INCIDENT, mapping, encoding: opts.encoding, delimiter: opts.delimiter, resumeId: opts.resumeId, channelOrder: opts.channelOrder, stopAfterRows: opts.stopAfterRows, commitRows: opts.commitRows };
    progress.length = 0;
    const t0 = performance.now();
    const result = await c.start(file, request, (p) => progress.push(p)).done;
    return { result, ms: performance.now() - t0, progress: progress.slice(-3), progressCount: progress.length };
  },
  /** Starts an import and returns at once (for the kill test). */
  async startImport(opts: { commitRows?: number; generated?: boolean } = {}) {
    const { client: c } = need();
    const file = opts.generated ? generated! : api.fileFromInput();
    const mapping = (await c.peek(file, undefined, 1)).guess;
    progress.length = 0;
    running = c.start(file, { incidentId: INCIDENT, mapping, commitRows: opts.commitRows }, (p) => progress.push(p));
    running.done.catch(() => undefined);
    return true;
  },
  /** Cancels the import startImport began and waits for its result. */
  async cancelImport() {
    running?.cancel();
    return running?.done;
  },
  /** Fetches a fixture the test server serves (large files do not fit through the protocol). */
  async fetchFixture(path: string) {
    generated = await (await fetch(path)).blob();
    return generated.size;
  },
  lastProgress: () => progress[progress.length - 1] ?? null,
  setGenerated(blob: Blob) {
    generated = blob;
  },
  datasets: () => need().engine.datasets(INCIDENT),
  unfinished: () => need().engine.unfinishedImports(INCIDENT),
  discard: (id: string) => need().engine.discardImport(id),
  totals: (datasetId: string, segment?: string) => need().engine.totals(datasetId, segment),
  find: (kind: LookupKind, value: string, name?: string) => need().engine.find(INCIDENT, kind, value, name),
  card: (datasetId: string, row: number) => need().engine.card(datasetId, row),
  createBatch: async (datasetId: string, channel: Channel, operators?: string[]) => (await need().engine.createBatch({ datasetId, channel, operators })).batch,
  markSent: (datasetId: string, batchId: string, at: string) => need().engine.markBatchSent(datasetId, batchId, at),
  async applyList(datasetId: string, channel: Channel, source: string, items: OutcomeItem[]) {
    const e = need().engine;
    const plan = await e.previewOutcomes(datasetId, channel, source, items);
    const event = await e.applyOutcomes(plan);
    return { preview: plan.preview, eventId: event.id };
  },
  undo: (datasetId: string, eventId: string) => need().engine.undo(datasetId, eventId),
  publishNotice: (datasetId: string) => need().engine.publishNotice(datasetId, 'statement-1'),
  checkFold: (datasetId: string) => checkFold(need().engine, datasetId),
  async mailingCsvSize(datasetId: string, rows: number[]) {
    return (await mailingCsv(need().engine.cache, datasetId, rows, (k) => translate('ja', k as MessageKey))).byteLength;
  },
  /** Counts records in the contact tables (to prove "never half there"). */
  async tableCounts() {
    // The index of a complete list is merged in the background (decision 039): counted once it settled.
    await need().engine.mergeIndexes();
    const t = need().engine.tables;
    return { datasets: await t.datasets.count(), blocks: await t.blocks.count(), index: await t.index.count(), status: await t.status.count(), totals: await t.totals.count() };
  },
  /** Opens the second laptop (same keys, its own database) for the adopt-by-same-file test. */
  async openPeer(dbName = 'honbu-contacts-peer') {
    const { keys } = need().engine.store;
    const store = new EventStore(new HonbuDb(dbName), keys.data, ALL_PROJECTIONS, { deviceId: 'peer-device', actor: 'peer' }, Date.now, keys.index);
    const e = await ContactEngine.open(store);
    peer = { engine: e, client: new ImportClient(e) };
    return true;
  },
  /** Sync in both directions: each side applies the events it lacks. */
  async syncPeer() {
    const a = need().engine;
    const b = peer!.engine;
    const fromA = await b.store.applyRemote(await a.store.readEvents());
    const fromB = await a.store.applyRemote(await b.store.readEvents());
    await Promise.all([a.settled(), b.settled()]);
    return { toPeer: fromA.length, fromPeer: fromB.length };
  },
  peerMissing: () => peer!.engine.missingDatasets(INCIDENT),
  /** Adopts a missing dataset on the peer with the chosen (or generated) file, through the worker. */
  async peerAdopt(datasetId: string, opts: { generated?: boolean } = {}) {
    const file = opts.generated ? generated! : api.fileFromInput();
    progress.length = 0;
    const result = await peer!.client.adopt(file, datasetId, (p) => progress.push(p)).done;
    return { result, progressCount: progress.length };
  },
  peerTotals: (datasetId: string) => peer!.engine.totals(datasetId),
  peerCheckFold: (datasetId: string) => checkFold(peer!.engine, datasetId),
  peerExclude: (datasetId: string, rows: number[]) => peer!.engine.exclude(datasetId, rows, 'deceased'),
  async peerTableCounts() {
    await peer!.engine.mergeIndexes();
    const t = peer!.engine.tables;
    return { datasets: await t.datasets.count(), blocks: await t.blocks.count(), index: await t.index.count(), status: await t.status.count(), totals: await t.totals.count() };
  },
  bench: () => benchApi(need().engine, need().client, () => generated!),
  /** The lookup screen itself, for keystroke-to-results timings (see lookup-ui.tsx). */
  /** The contact screens at the list's size (after openUi); see screens.tsx and bench-live.ts. */
  live: () => liveApi(need().engine, INCIDENT),
  async showScreen(screen: Screen) {
    const ready: Record<Screen, () => boolean> = {
      dashboard: () => document.querySelector('[data-kpi="total"]') !== null,
      lookup: () => document.getElementById('lk-value') !== null,
      batches: () => document.querySelector('.contacts .card') !== null,
      calls: () => document.querySelector('.contacts .card, .contacts .hint') !== null,
      // Drawn once its lists are read: their table, or the words for none.
      applied: () => document.querySelector('.applied-lists tbody tr, #rs-history ~ .hint + .hint') !== null,
    };
    return showScreen(INCIDENT, screen, ready[screen]);
  },
  /** Our Shift_JIS decoder against the browser's (decision 059). */
  compareShiftJis: (seed: number, randomBytes: number) => compareShiftJis(seed, randomBytes),
  ui: {
    mount: () => {
      bindDispatch();
      return mountLookup(need().engine, INCIDENT);
    },
    arm: (key: string) => arm(need().engine, key),
    result: () => armedResult(),
  },
};

(window as unknown as { __honbuContacts: typeof api }).__honbuContacts = api;
export type HarnessApi = typeof api;
