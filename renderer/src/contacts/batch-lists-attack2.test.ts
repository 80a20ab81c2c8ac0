/**
 * A stranger's attack on decision 047 (batch-lists.ts and its use in sealBatch / openBatch):
 * round trips of everything a batch can hold, the form before, summaries sealed, opened,
 * changed by a later event and sealed again; and damaged integer lists, which must be refused
 * as BatchListsDamagedError, quickly, without reading past their end or allocating what their
 * counts claim.
 */
/* eslint-disable no-restricted-imports -- one test runs the decoder in a child process (a small heap): in-process, the record it reads kills the test worker */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
/* eslint-enable no-restricted-imports */
import { describe, expect, it } from 'vitest';
import { applyToSummary, newSummary } from '../../../shared/contacts/batch-summary';
import { CONTACT_EVENT_TYPES as C } from '../../../shared/contacts/events';
import { encodeHlc } from '../../../shared/events/hlc';
import type { AnyEvent } from '../../../shared/events/registry';
import { sealBytes, sealJson } from '../../../shared/vault/cipher';
import { BatchListsDamagedError, type BatchLists, decodeBatchLists, encodeBatchLists } from './batch-lists';
import { openBatch, sealBatch } from './contact-data';
import { batchAad } from './tables';

const key = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
let clock = Date.UTC(2026, 11, 1);
const event = (type: string, payload: object) =>
  ({ id: crypto.randomUUID(), type, incidentId: 'i', at: encodeHlc({ wall: (clock += 1000), counter: 0, node: 'a' }), actor: 'p', payload: { datasetId: 'd', ...payload } }) as AnyEvent;
const created = (payload: object) => newSummary(event(C.batchCreated, payload) as never);

const MAX = 2 ** 31 - 1;
const MIN = -(2 ** 31);

let seed = 47;
const rnd = (m: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % m);

/** Lists of the kinds a batch can hold, and a few it should not but may (duplicates, descending, negatives). */
function someList(len: number): number[] {
  const xs: number[] = [];
  let v = [0, 1, -2, -1, MAX - 3, MAX, MIN, MIN + 1, 700_000, rnd(2 ** 31)][rnd(10)]!;
  for (let i = 0; i < len; i++) {
    const k = rnd(10);
    // k = 5 keeps v: a duplicate
    if (k < 5) v = v === MAX ? MIN : v + 1; // runs, wrapping at the 32-bit edge
    else if (k === 6) v = v - 1 < MIN ? MAX : v - 1; // descending
    else if (k === 7) v = [MAX, MIN, -2, -1, 0][rnd(5)]!;
    else if (k > 7) v = rnd(2 ** 32) - 2 ** 31;
    xs.push(v);
  }
  return xs;
}

/** Damaged lists must be refused as such; anything else (another error, a hang) is a failure. */
function refused(ints: ArrayLike<number>): boolean {
  try {
    decodeBatchLists(Int32Array.from(ints));
    return false;
  } catch (e) {
    if (e instanceof BatchListsDamagedError) return true;
    throw e;
  }
}

describe('batch lists: round trips (a stranger’s data)', () => {
  it('gives back any lists exactly: edges of 32 bits, runs across them, -2 as a first row, empty and one-element lists', () => {
    const edges = [[], [0], [-2], [-2, -1, 0], [MAX], [MIN], [MAX, MIN], [MAX - 1, MAX], [MIN, MIN + 1], [MAX, MAX], [5, 4, 3, 2], [7, 7, 7, 8, 9], [-1], [1, 2, 3, 1, 2, 3]];
    // An assignment has one number per row; the event's, at most one per row (events.ts).
    const fit = (a: number[], n: number) => Array.from({ length: n }, (_, i) => (a.length ? a[i % a.length]! : -1));
    for (const rows of edges)
      for (const a of edges)
        for (const payload of [undefined, [], fit(a, rows.length), a.slice(0, rows.length)]) {
          const l: BatchLists = { rows, payloadAssignment: payload, assignment: fit(a, rows.length) };
          expect(decodeBatchLists(encodeBatchLists(l))).toEqual(l);
        }
    for (let t = 0; t < 1500; t++) {
      const len = rnd(t % 100 === 0 ? 2000 : 30);
      const l: BatchLists = { rows: someList(len), payloadAssignment: rnd(2) ? undefined : someList(rnd(2) ? len : rnd(len + 1)), assignment: someList(len) };
      const ints = encodeBatchLists(l);
      expect(ints[0]).toBe(-2);
      const back = decodeBatchLists(ints);
      expect(back).toEqual(l);
      // Every value back is a 32-bit integer, as sealed.
      for (const xs of [back.rows, back.assignment, back.payloadAssignment ?? []]) for (const x of xs) if ((x | 0) !== x) expect(x | 0).toBe(x);
    }
  });

  it('a 5M-row batch with gaps every few thousand rows, and an operator per row, comes back exactly and is small where it can be', () => {
    const rows: number[] = [];
    for (let r = 3; rows.length < 5_000_000; r++) if (r % 4093 !== 0 && r % 7919 !== 1) rows.push(r);
    const assignment = rows.map(() => -1);
    const ints = encodeBatchLists({ rows, payloadAssignment: undefined, assignment });
    expect(ints.length).toBeLessThan(10_000);
    const back = decodeBatchLists(ints);
    expect(back.rows.length).toBe(rows.length);
    let firstWrong = -1;
    for (let i = 0; i < rows.length && firstWrong < 0; i++) if (back.rows[i] !== rows[i] || back.assignment[i] !== -1) firstWrong = i;
    expect(firstWrong).toBe(-1);
    expect(back.assignment.length).toBe(rows.length);
    // The lists are separate arrays (applyToSummary changes the assignment in place).
    expect(back.assignment === (back.rows as unknown)).toBe(false);
  });

  it('a phone batch sealed, opened, changed by a later event, sealed and opened again, equals the fold of the same events', async () => {
    const k = await key();
    for (let t = 0; t < 40; t++) {
      const id = `p${t}`;
      const n = 1 + rnd(300);
      const start = rnd(3) === 0 ? MAX - n - 5 : rnd(1000);
      const rows = Array.from({ length: n }, (_, i) => (rnd(5) === 0 ? start + i + rnd(3) + 1 : start + i));
      const operators = ['佐藤', '鈴木', '田中'].slice(0, 1 + rnd(3));
      const withPayload = rnd(3) > 0;
      const payload = { batchId: id, channel: withPayload ? 'phone' : 'post', rows, ...(withPayload ? { operators, assignment: rows.map((_, i) => i % operators.length) } : {}) };
      const e0 = event(C.batchCreated, payload);
      const direct = newSummary(e0 as never);
      let viaRecords = await openBatch(k, await sealBatch(k, newSummary(e0 as never)));
      expect(viaRecords).toEqual(direct);
      const later: AnyEvent[] = [];
      for (let j = 0; j < 4; j++) {
        const pick = rows.filter(() => rnd(3) === 0);
        const ops = [['高橋'], ['佐藤', '伊藤'], ['鈴木']][rnd(3)]!;
        later.push(
          [
            event(C.batchReassigned, { batchId: id, operators: ops, rows: pick, assignment: pick.map((_, i) => i % ops.length) }),
            event(C.batchSent, { batchId: id, sentAt: new Date(clock).toISOString() }),
            event(C.batchCancelled, { batchId: id, channel: payload.channel, rows: pick }),
          ][rnd(3)]!,
        );
      }
      for (const e of later) {
        applyToSummary(direct, e);
        applyToSummary(viaRecords, e);
        const rec = await sealBatch(k, viaRecords);
        expect(rec.lists).toBeDefined();
        viaRecords = await openBatch(k, rec);
        expect(viaRecords).toEqual(direct);
      }
    }
  });

  it('a record in the form before (three counts, then the integers) opens, takes a re-assignment, and is sealed in the new form alike', async () => {
    const k = await key();
    const s = created({ batchId: 'old1', channel: 'phone', rows: [0, 1, 2, 3, MAX, 5], operators: ['佐藤', '鈴木'], assignment: [0, 1, 0] });
    const { rows, assignment: payload, ...head } = s.batch;
    const ints = Int32Array.from([rows.length, payload!.length, s.assignment.length, ...rows, ...payload!, ...s.assignment]);
    const rec = {
      id: 'old1',
      datasetId: 'd',
      sealed: await sealJson(k, { ...s, batch: { ...head, rows: [] }, assignment: [] }, batchAad('old1')),
      lists: await sealBytes(k, new Uint8Array(ints.buffer), `${batchAad('old1')}:lists`),
    };
    const opened = await openBatch(k, rec);
    expect(opened).toEqual(s);
    const e = event(C.batchReassigned, { batchId: 'old1', operators: ['高橋'], rows: [MAX, 2], assignment: [0, 0] });
    applyToSummary(opened, e);
    applyToSummary(s, e);
    const again = await sealBatch(k, opened);
    expect(again.lists).toBeDefined();
    expect(await openBatch(k, again)).toEqual(s);
    // The form before without the event's assignment (-1), and empty.
    expect(decodeBatchLists(Int32Array.of(2, -1, 2, 7, 8, -1, -1))).toEqual({ rows: [7, 8], payloadAssignment: undefined, assignment: [-1, -1] });
    expect(decodeBatchLists(Int32Array.of(0, -1, 0))).toEqual({ rows: [], payloadAssignment: undefined, assignment: [] });
  });
});

describe('batch lists: damaged integers', () => {
  it('every cut and every extension of real encodings is refused as damaged, never another error', () => {
    for (let t = 0; t < 400; t++) {
      const len = rnd(20);
      const l: BatchLists = { rows: someList(len), payloadAssignment: rnd(2) ? undefined : someList(len), assignment: someList(len) };
      const good = encodeBatchLists(l);
      for (let cut = 0; cut < good.length; cut++) expect(refused(good.subarray(0, cut)), `cut ${cut} of ${Array.from(good)}`).toBe(true);
      expect(refused([...good, 0])).toBe(true);
      expect(refused([...good, -2, 0])).toBe(true);
    }
  });

  it('lying counts, negative and enormous run lengths, k whose 2k passes 2^31: refused at once', () => {
    const t0 = performance.now();
    for (const bad of [
      [-2],
      [-2, 0],
      [-2, 0, 0],
      [-2, 0, 9, 0, 0, 0],
      [-2, 0, 0, -1, 0, 0],
      [-2, 0, 1, 3, 2 ** 30, 0, 0],
      [-2, 0, 1, 3, MAX, 0, 0],
      [-2, 0, 1, 3, -1, 0, 0],
      [-2, 0, 1, 3, MIN, 0, 0],
      [-2, 0, 1, 3, 1, 0, -3, 0, 0],
      [-2, 0, 1, 3, 1, 0, 0, 0, 0],
      [-2, 0, 1, 3, 2, 0, 2, 9, 2, 0, 0],
      [-2, 0, 1, 3, 1, 0, MAX, 0, 0],
      [-2, 0, 2, -5, 1, 0, 0],
      [-2, 0, 0, MAX, 0, 0],
      [-2, 0, 0, 1],
      [-2, 1, 0, 0, 0, 0],
      // the form before: counts past the end, negative counts
      [0, 0, 1],
      [MAX, -1, 0],
      [1, -1, MAX, 4],
      [-1, -1, 0],
      [MIN, -1, 0],
      [2, 5, 0, 1, 2, 3],
    ])
      expect(refused(bad), `[${bad}]`).toBe(true);
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('random damage to small encodings gives lists or BatchListsDamagedError, never another error', () => {
    // Small values only: a shifted value becomes a count, and a count of 2^31 is another test (below).
    const SMALL = [-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8];
    const small = (len: number) => {
      const xs: number[] = [];
      for (let i = 0, v = rnd(12) - 3; i < len; i++) xs.push(rnd(3) ? v++ : (v = rnd(12) - 3));
      return xs;
    };
    for (let t = 0; t < 20_000; t++) {
      const len = rnd(8);
      const good = Array.from(encodeBatchLists({ rows: small(len), payloadAssignment: rnd(2) ? undefined : small(len), assignment: small(len) }));
      const bad = good.slice();
      for (let j = 0, m = 1 + rnd(3); j < m; j++) {
        const op = rnd(3);
        const at = rnd(bad.length + 1);
        if (op === 0 && at < bad.length) bad[at] = SMALL[rnd(SMALL.length)]!;
        else if (op === 1) bad.splice(at, 0, SMALL[rnd(SMALL.length)]!);
        else bad.splice(at, 1);
      }
      try {
        const back = decodeBatchLists(Int32Array.from(bad));
        // Whatever decodes holds no more numbers than the small counts allowed.
        expect(back.rows.length + back.assignment.length + (back.payloadAssignment?.length ?? 0)).toBeLessThan(100);
      } catch (e) {
        if (!(e instanceof BatchListsDamagedError)) throw new Error(`[${bad}]: ${String(e)}`);
      }
    }
  });
});

describe('batch lists: defects (these fail now)', () => {
  it('openBatch refuses lists whose assignment count is not the row count (the summary holds one operator per row)', async () => {
    const k = await key();
    const s = created({ batchId: 'm1', channel: 'post', rows: [1, 2, 3] });
    const { rows: _rows, assignment: _payload, ...head } = s.batch;
    const sealed = await sealJson(k, { ...s, batch: { ...head, rows: [] }, assignment: [] }, batchAad('m1'));
    const open = async (ints: number[]) => openBatch(k, { id: 'm1', datasetId: 'd', sealed, lists: await sealBytes(k, new Uint8Array(Int32Array.from(ints).buffer), `${batchAad('m1')}:lists`) });
    // As sealBatch writes it: opens.
    expect((await open([-2, 0, 1, 3, 1, 1, 3, 2, 3, -1])).assignment).toEqual([-1, -1, -1]);
    // Three rows, five assignments; three rows, none; an event's assignment longer than its rows
    // (events.ts refuses one: assignment.length ≤ rows.length). Each opens now, as a summary
    // whose assignment does not match its rows.
    const bad = [
      [-2, 0, 1, 3, 1, 1, 3, 2, 5, -1],
      [-2, 0, 1, 3, 1, 1, 3, 0, 0],
      [-2, 1, 1, 3, 1, 1, 3, 2, 7, 0, 2, 3, -1],
    ];
    const outcomes: string[] = [];
    for (const ints of bad) outcomes.push(await open(ints).then((o) => `opened: ${o.batch.rows.length} rows, ${o.assignment.length} assignments, ${o.batch.assignment?.length ?? '-'} in the event`, (e: Error) => e.name));
    expect(outcomes).toEqual(['BatchListsDamagedError', 'BatchListsDamagedError', 'BatchListsDamagedError']);
  });

  it('a run that steps past 2^31-1 is damage: the writer never makes one, and its rows are not 32-bit integers', () => {
    // RUNS of 2: first 2^31-1, length 2 → rows [2147483647, 2147483648]
    const ints = [-2, 0, 1, 2, 1, MAX, 2, 0, 0];
    let back: BatchLists | undefined;
    try {
      back = decodeBatchLists(Int32Array.from(ints));
    } catch (e) {
      expect(e).toBeInstanceOf(BatchListsDamagedError);
    }
    expect(back?.rows).toBeUndefined();
  });

  it('a mark other than 0 or 1 for the event’s assignment is damage, not "absent"', () => {
    expect(refused([-2, 7, 0, 0, 0, 0])).toBe(true);
    expect(refused([-2, -1, 0, 0, 0, 0])).toBe(true);
  });

  it('a 7-integer record whose SAME count is 2^31-1 is refused, and does not bring the process down', async () => {
    // Run in a child with a small heap: in-process it would kill the test worker (in Node 20 with
    // any heap: "Fatal JavaScript invalid size error 169220804"; in the browser, the tab).
    const dir = mkdtempSync(join(tmpdir(), 'batch-lists-attack2-'));
    const lib = join(dir, 'bl.mjs');
    await build({ entryPoints: [fileURLToPath(new URL('./batch-lists.ts', import.meta.url))], bundle: true, format: 'esm', platform: 'node', outfile: lib, logLevel: 'silent' });
    const script = join(dir, 'run.mjs');
    writeFileSync(
      script,
      `import { decodeBatchLists } from './bl.mjs';
       for (const ints of JSON.parse(process.argv[2])) {
         try { decodeBatchLists(Int32Array.from(ints)); console.log('accepted'); }
         catch (e) { console.log(e.name); }
       }`,
    );
    const inputs = [
      // no rows; "no operator" × 2^31-1
      [-2, 0, 0, 0, 2, MAX, -1],
      // rows 0..2^31-2 as one run, "no operator" × 2^31-1: more than any array V8 can hold
      [-2, 0, 1, MAX, 1, 0, MAX, 2, MAX, -1],
    ];
    const r = spawnSync(process.execPath, ['--max-old-space-size=256', script, JSON.stringify(inputs)], { encoding: 'utf8', timeout: 8000 });
    rmSync(dir, { recursive: true, force: true });
    const said = r.stdout.trim().split('\n').filter(Boolean);
    expect({ status: r.status, signal: r.signal, said, stderr: r.stderr.split('\n').find((x) => /FATAL|Fatal/.test(x)) }).toEqual({
      status: 0,
      signal: null,
      said: ['BatchListsDamagedError', 'BatchListsDamagedError'],
      stderr: undefined,
    });
  }, 10_000);
});
