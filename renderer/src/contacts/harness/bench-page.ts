/**
 * The in-page half of `npm run bench` (bench/run.ts drives it): each step runs in real
 * Chromium against the real engine and returns its timings; the runner prints them.
 */
import Dexie from 'dexie';
import { CsvRecordStream } from '../../../../shared/contacts/csv-stream';
import { Tokenizer } from '../../../../shared/contacts/tokens';
import { renderTemplate } from '../../../../shared/incident/render';
import { EMPTY_FACTS } from '../../../../shared/incident/model';
import type { ContactEngine } from '../contact-engine';
import { inflateBlock } from '../block-codec';
import { openBytes } from '../../../../shared/vault/cipher';
import type { ImportClient } from '../import-client';
import type { LookupKind } from '../lookup';
import { translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/dictionary';
import { lettersHtml, mailingCsv } from '../batches';
import { writeVendorFile } from '../vendor-file';
import { CONTACT_EVENT_TYPES } from '../../../../shared/contacts/events';
import { encodeHlc, hlcTime } from '../../../../shared/events/hlc';
import type { AnyEvent } from '../../../../shared/events/registry';
import { loadAppliedLists, type OutcomePlan, resolveMany, undoList } from '../outcomes';
import { queryKey } from '../../../../shared/contacts/tokens';
import { BlockStatus } from '../status-access';
import { TOTAL_CELLS } from '../../../../shared/contacts/fallback';
import { DEFAULT_NAYOSE } from '../../../../shared/contacts/nayose';
import { runNayose } from '../nayose-run';
import { candidates, confirm } from '../lookup';
import { formatReference, referenceNumber } from '../../../../shared/contacts/reference';
import { splitByReference } from '../../../../shared/contacts/result-references';
import { referenceBook } from '../reference-numbers';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
/** Rows the running bench import has got through (read while it runs, for the memory samples). */
let importedRows = 0;
/** Records the running 名寄せ has read (the same, for its memory samples). */
let nayoseRows = 0;
const heap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;

/** A list previewed by previewReturned, waiting for applyPreviewed (the bench's calls are separate page evaluations). */
let previewed: OutcomePlan | undefined;
let resolved: number[] = [];

export function benchApi(engine: ContactEngine, client: ImportClient, file: () => Blob) {
  return {
    /** Cost of one blind-index token here (the import's hottest loop). */
    async tokenCost(n = 100_000) {
      const tok = await Tokenizer.create(new Uint8Array(32));
      const t0 = performance.now();
      for (let i = 0; i < n; i++) tok.token('phone', `+8190${i}`);
      return { usPerToken: ((performance.now() - t0) * 1000) / n };
    },

    async importOurs() {
      const f = file();
      const peek = await client.peek(f, undefined, 1);
      const heapBefore = heap();
      const t0 = performance.now();
      importedRows = 0;
      const result = await client.start(f, { incidentId: 'incident-1', mapping: peek.guess }, (p) => (importedRows = p.rows)).done;
      const ms = performance.now() - t0;
      if (!result.ok) throw new Error(`bench: import failed ${JSON.stringify(result.errors.slice(0, 3))}`);
      return { ms, rows: result.rows, bytes: f.size, datasetId: result.datasetId, heapBefore, heapAfter: heap(), timings: result.timings };
    },

    importProgress: () => importedRows,

    /** The index is merged when the bench asks (`merge`), so lookups can be measured before and after (decision 039). */
    holdMerge() {
      (engine.constructor as typeof ContactEngine).autoMerge = false;
    },

    /** The background merge of every complete list's index segments, run now and timed. */
    async merge() {
      const count = () => engine.tables.index.count();
      const recordsBefore = await count();
      const t0 = performance.now();
      const stats = await engine.mergeIndexes(true);
      return { ms: performance.now() - t0, recordsBefore, recordsAfter: await count(), buckets: stats.reduce((s, x) => s + x.buckets, 0), entries: stats.reduce((s, x) => s + x.entries, 0), done: stats.every((x) => x.done) };
    },

    /** 名寄せ over every list of the incident, in its worker, with the default rules (what the screen runs). */
    async nayose() {
      nayoseRows = 0;
      engine.cache.clear();
      const heapBefore = heap();
      const run = await runNayose(engine, 'incident-1', DEFAULT_NAYOSE, { onProgress: (done) => (nayoseRows = done) });
      const r = run.result;
      return { ms: run.ms, readMs: run.readMs, waitMs: run.waitMs, records: r.records, clusters: r.clusters, saved: r.saved, tooLarge: r.tooLarge, skippedKeys: r.skippedKeys, arrayBytes: r.arrayBytes, heapBefore, heapAfter: heap() };
    },

    nayoseProgress: () => nayoseRows,

    /** One Dexie record per row, 4 indexes, bulkPut in 10k chunks (decode + parse included, like ours). */
    async baseline() {
      const db = new Dexie('honbu-baseline');
      db.version(1).stores({ customers: 'customerNo, phone, email, kana, postcode' });
      await db.open();
      const table = db.table('customers');
      const t0 = performance.now();
      const reader = file().stream().pipeThrough(new TextDecoderStream('shift_jis') as unknown as TransformStream<Uint8Array, string>).getReader();
      const csv = new CsvRecordStream();
      let header = true;
      let batch: Record<string, string>[] = [];
      let rows = 0;
      for (;;) {
        const { value, done } = await reader.read();
        for (const r of csv.push(value ?? '', done)) {
          if (header) {
            header = false;
            continue;
          }
          const [customerNo, name, kana, postcode, address, email, phone, segment, extra] = r.cells;
          batch.push({ customerNo: customerNo!, name: name!, kana: kana!, postcode: postcode!, address: address!, email: email!, phone: phone!, segment: segment!, extra: extra! });
          if (batch.length >= 10_000) {
            await table.bulkPut(batch);
            rows += batch.length;
            batch = [];
          }
        }
        if (done) break;
      }
      if (batch.length) await table.bulkPut(batch);
      rows += batch.length;
      const ms = performance.now() - t0;
      db.close();
      await Dexie.delete('honbu-baseline');
      return { ms, rows };
    },

    async lookups(samples: { kind: LookupKind; value: string; name?: string; expect: string }[]) {
      const times = new Map<LookupKind, number[]>();
      let misses = 0;
      for (const s of samples) {
        // Cold every time: the same row is looked up by each key kind in turn, and a warm
        // block cache would flatter every kind after the first.
        engine.cache.clear();
        const t0 = performance.now();
        const found = await engine.find('incident-1', s.kind, s.value, s.name, 20);
        const ms = performance.now() - t0;
        if (s.expect && !found.some((f) => f.row.customerNo === s.expect)) misses++;
        if (!times.has(s.kind)) times.set(s.kind, []);
        times.get(s.kind)!.push(ms);
      }
      return { misses, kinds: [...times].map(([kind, xs]) => ({ kind, n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95) })) };
    },

    /**
     * Where a lookup's time goes: the index read (candidates: how many rows it returned) and
     * opening the first page's blocks (confirm), per kind, p50 of each.
     */
    async profileLookups(datasetId: string, samples: { kind: LookupKind; value: string; name?: string }[]) {
      const by = new Map<string, { index: number[]; open: number[]; rows: number[] }>();
      for (const s of samples) {
        engine.cache.clear();
        const t0 = performance.now();
        const c = await candidates(engine.tables, engine.tokenizer, datasetId, { kind: s.kind, value: s.value, name: s.name }, 3);
        const t1 = performance.now();
        await confirm(engine.cache, datasetId, c, 0, 20);
        const t2 = performance.now();
        const x = by.get(s.kind) ?? by.set(s.kind, { index: [], open: [], rows: [] }).get(s.kind)!;
        x.index.push(t1 - t0);
        x.open.push(t2 - t1);
        x.rows.push(c.rows.length);
      }
      return [...by].map(([kind, x]) => ({ kind, indexP50: pct(x.index, 50), indexP95: pct(x.index, 95), openP50: pct(x.open, 50), openP95: pct(x.open, 95), rowsP50: pct(x.rows, 50) }));
    },

    /** Where opening one row block goes (a lookup's main cost when its hits are sparse). */
    async blockCost(datasetId: string, blocks: number) {
      const t = { read: 0, decrypt: 0, inflate: 0, parse: 0 };
      const key = engine.importKeys.data;
      for (let b = 0; b < blocks; b++) {
        const id = `${datasetId}:${String(b).padStart(6, '0')}`;
        let t0 = performance.now();
        const rec = (await engine.tables.blocks.get(id))!;
        t.read += performance.now() - t0;
        t0 = performance.now();
        const deflated = await openBytes(key, rec.sealed, `contact-blocks:${id}`);
        t.decrypt += performance.now() - t0;
        t0 = performance.now();
        const json = inflateBlock(deflated);
        t.inflate += performance.now() - t0;
        t0 = performance.now();
        JSON.parse(json);
        t.parse += performance.now() - t0;
      }
      return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v / blocks]));
    },

    async statusCounts(datasetId: string) {
      const xs: number[] = [];
      let total = 0;
      for (let i = 0; i < 50; i++) {
        const t0 = performance.now();
        total = (await engine.totals(datasetId)).rows;
        xs.push(performance.now() - t0);
      }
      return { p50: pct(xs, 50), p95: pct(xs, 95), rows: total };
    },

    /** After a reload and unlock: the dashboard's first read (datasets and their totals). */
    async firstScreen() {
      const t0 = performance.now();
      const datasets = await engine.datasets('incident-1');
      const totals = await Promise.all(datasets.map((d) => engine.totals(d.id)));
      return { ms: performance.now() - t0, sinceNavigation: performance.now(), rows: totals.reduce((n, t) => n + t.rows, 0) };
    },

    async returnedMail(datasetId: string, customerNos: string[]) {
      const batchT0 = performance.now();
      const batch = await engine.createBatch({ datasetId, channel: 'post' });
      const batchMs = performance.now() - batchT0;
      const reasons = ['unknown-address', 'moved-no-forwarding', 'refused'];
      const t0 = performance.now();
      const plan = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', customerNos.map((customerNo, i) => ({ customerNo, outcome: 'failed' as const, reason: reasons[i % 3] })));
      const previewMs = performance.now() - t0;
      const event = await engine.applyOutcomes(plan);
      const ms = performance.now() - t0;
      return { eventId: event.id, ms, previewMs, applyMs: ms - previewMs, batchMs, batchRows: batch.batch.rows.length, matched: plan.preview.matched, movedTo: plan.preview.movedTo };
    },

    /** The returned-mail list alone (no batch first), previewed (`--only-bulk`); applyPreviewed applies it. */
    async previewReturned(datasetId: string, customerNos: string[]) {
      const reasons = ['unknown-address', 'moved-no-forwarding', 'refused'];
      const t0 = performance.now();
      previewed = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', customerNos.map((customerNo, i) => ({ customerNo, outcome: 'failed' as const, reason: reasons[i % 3] })));
      return { ms: performance.now() - t0, matched: previewed.preview.matched, movedTo: previewed.preview.movedTo };
    },

    /**
     * The same 50k returned letters named by reference number (照会番号), as the printing
     * vendor's return list gives them: each line parsed and sent to its list and row without
     * the index (the returned-by-reference screen's path), then previewed.
     */
    async previewReturnedByReference(incidentId: string, datasetId: string, rows: number[]) {
      const listNo = (await engine.data.listNumbers(incidentId)).byDataset.get(datasetId);
      if (listNo === undefined) throw new Error('bench: the list has no number');
      const items = rows.map((row, i) => ({ line: i + 1, column: 1, key: formatReference(referenceNumber(listNo, row)), detail: '' }));
      const t0 = performance.now();
      const split = splitByReference(items, await referenceBook(engine.data, incidentId));
      const list = split.lists.find((l) => l.datasetId === datasetId);
      previewed = await engine.previewOutcomes(datasetId, 'post', 'returned-mail', (list?.items ?? []).map((it) => ({ row: it.row, outcome: 'failed' as const })));
      return { ms: performance.now() - t0, matched: previewed.preview.matched, movedTo: previewed.preview.movedTo, mistyped: split.mistyped.length, unknown: split.unknown.length };
    },

    async applyPreviewed() {
      const t0 = performance.now();
      const event = await engine.applyOutcomes(previewed!);
      previewed = undefined;
      return { ms: performance.now() - t0, eventId: event.id };
    },

    /** The preview's two reads apart (`--only-bulk`, after the undo): the list resolved through the index… */
    async resolveOnly(datasetId: string, customerNos: string[]) {
      const t0 = performance.now();
      const found = await resolveMany(engine, datasetId, 'no', customerNos.map((v) => queryKey('no', v)?.[1] ?? v));
      resolved = [...found.values()].flat();
      return { ms: performance.now() - t0, rows: resolved.length };
    },

    /** …and the status blocks of the rows it found. */
    async statusOnly(datasetId: string) {
      const t0 = performance.now();
      const access = new BlockStatus(Number.MAX_SAFE_INTEGER, new Int32Array(TOTAL_CELLS * 64));
      await access.load(engine.tables, datasetId, resolved);
      return { ms: performance.now() - t0, blocks: access.blocks.size };
    },

    /** Stored statuses and totals against the full fold of the events. */
    /** The applied-lists screen's figures (what each list changed, whether undo is offered), its events not yet opened. */
    async appliedLists(incidentId: string) {
      const t0 = performance.now();
      const lists = await loadAppliedLists(engine, incidentId);
      return { ms: performance.now() - t0, lists: lists.length, undoable: lists.filter((l) => !l.undone && !l.blockedBy).length };
    },

    async checkFold(datasetId: string) {
      const t0 = performance.now();
      const c = await engine.checkFold(datasetId);
      return { ms: performance.now() - t0, ok: c.mismatchedRows === 0 && c.totalsMatch, ...c };
    },

    /** A phone batch of the first `limit` customers waiting for a call, with two operators (the call queue's screen). */
    async phoneBatch(datasetId: string, limit: number) {
      const t0 = performance.now();
      const made = await engine.createBatch({ datasetId, channel: 'phone', limit, operators: ['佐藤', '鈴木'] });
      return { ms: performance.now() - t0, rows: made.batch.rows.length };
    },

    /** A batch of everyone pending on the channel (every row, on a fresh list). */
    async batchAll(datasetId: string, channel: 'post' | 'email' | 'phone' = 'post') {
      const t0 = performance.now();
      const batch = await engine.createBatch({ datasetId, channel });
      return { ms: performance.now() - t0, rows: batch.batch.rows.length };
    },

    /** Undo of an applied list (the returned-mail list above): the check that it is still the latest change, and the fold. */
    async undoList(datasetId: string, eventId: string) {
      const t0 = performance.now();
      await undoList(engine, datasetId, eventId);
      return { ms: performance.now() - t0 };
    },

    /**
     * A burst of contact events from another laptop (EventStore.applyRemote): `n` call results
     * and exclusions of a few customers each, stamped now (in order) or, with `lateBy`, that
     * many ms before the latest event here (a laptop coming back online).
     */
    async syncedBurst(datasetId: string, n: number, lateBy = 0) {
      const size = (await engine.totals(datasetId)).rows;
      const last = (await engine.datasetEvents(datasetId)).at(-1);
      const wall = (last ? hlcTime(last.at) : Date.now()) - lateBy + (lateBy > 0 ? 0 : 1000);
      const events: AnyEvent[] = [];
      for (let k = 0; k < n; k++) {
        const rows = Array.from({ length: 1 + (k % 5) }, (_, j) => Math.floor((((k * 7 + j) * 2654435761) >>> 0) % size));
        const draft = k % 4 === 3
          ? { type: CONTACT_EVENT_TYPES.customersExcluded, incidentId: 'incident-1', payload: { datasetId, rows, reason: 'do-not-contact' } }
          : { type: CONTACT_EVENT_TYPES.outcomesRecorded, incidentId: 'incident-1', payload: { datasetId, channel: 'post', source: 'manual', rows, outcomes: rows.map(() => 'reached'), reasons: rows.map(() => '') } };
        events.push({ ...draft, id: crypto.randomUUID(), at: encodeHlc({ wall: wall + k, counter: 0, node: 'bench-peer' }), actor: 'person-peer' } as AnyEvent);
      }
      const t0 = performance.now();
      const fresh = await engine.store.applyRemote(events);
      return { ms: performance.now() - t0, events: fresh.length };
    },

    async exportMailing(datasetId: string, rows: number) {
      const ids = Array.from({ length: rows }, (_, i) => i);
      engine.cache.clear();
      const t0 = performance.now();
      const bytes = await mailingCsv(engine.cache, datasetId, ids, (k) => translate('ja', k as MessageKey), 'shift_jis');
      return { ms: performance.now() - t0, bytes: bytes.byteLength };
    },

    /**
     * The printing vendor's file of the first `rows` rows, written as the app writes it (rows
     * block by block, 2,000-row chunks encoded) to a sink that discards the bytes and counts
     * them: the disk is not measured. Cold block cache; peak page heap sampled per chunk.
     */
    async exportVendor(datasetId: string, rows: number, encoding: 'shift_jis' | 'utf-8-bom') {
      const ids = Array.from({ length: rows }, (_, i) => i);
      engine.cache.clear();
      let bytes = 0;
      let chunks = 0;
      let heapPeak = heap() ?? 0;
      const t0 = performance.now();
      const r = await writeVendorFile(
        engine.cache,
        datasetId,
        ids,
        { write: async (c) => void ((bytes += c.byteLength), chunks++) },
        {
          encoding,
          label: (k) => translate('ja', k as MessageKey),
          ctx: { listNo: 1 },
          onProgress: () => void (heapPeak = Math.max(heapPeak, heap() ?? 0)),
        },
        'Honbu 出力番号 bench',
      );
      const ms = performance.now() - t0;
      return { ms, rows: r.rows, bytes, chunks, unwritable: new Set(r.unwritable.map((u) => u.row)).size, review: r.review, heapPeak };
    },

    async letters(datasetId: string, count: number) {
      const ids = Array.from({ length: count }, (_, i) => i * 7);
      const t0 = performance.now();
      const body = renderTemplate(
        'このたび、{{title}}により、お客様の個人情報（{{itemsLeaked}}）が流出した可能性があることが判明しました。\n確認済み件数: {{confirmedCount}}件\nお問い合わせ: {{deskPhone}}',
        { title: '不正アクセス', facts: { ...EMPTY_FACTS, confirmedCount: 1000000, itemsLeaked: ['name', 'address'], deskPhone: '0120-000-000' } },
        { labels: { items: { name: '氏名', address: '住所' } as never, placeholders: {} as never, missing: '（未確定）', listSeparator: '、' }, locale: 'ja-JP', escape: 'html' },
      ).text;
      const out = await lettersHtml(engine.cache, datasetId, ids, body, { honorific: '様', noName: 'お客様', postcodeMark: '〒', lang: 'ja' });
      return { ms: performance.now() - t0, count: out.count, html: out.html };
    },
  };
}
