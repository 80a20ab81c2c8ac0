import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkAppendOnly, MAX_CHUNK_IDS } from './append-only';

const env = (id: string, ct = new Uint8Array([1, 2, 3])) => ({ v: 2, e: 0, id, device: 'dev-1', sig: new Uint8Array(64), ct });
const chunk = (ids: string[], ct = new Uint8Array([1, 2, 3])) => ({ v: 3, e: 0, device: 'dev-1', ids, sig: new Uint8Array(64), ct });

/** The update a change to a document produces. */
function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  let out: Uint8Array | undefined;
  const grab = (u: Uint8Array) => (out = u);
  doc.on('update', grab);
  change(doc);
  doc.off('update', grab);
  return out!;
}

describe('append-only check', () => {
  it('accepts envelopes pushed or inserted anywhere in the events array, and names their clients', () => {
    const doc = new Y.Doc();
    const first = updateOf(doc, (d) => d.getArray('events').push([env('a'), env('b')]));
    expect(checkAppendOnly(first, 'w')).toEqual({ ok: true, clients: [doc.clientID], structs: 1, spans: new Map([[doc.clientID, { from: 0, to: 2 }]]) });
    // Inserted in the middle: the item's parent is not encoded, only its neighbours.
    const middle = updateOf(doc, (d) => d.getArray('events').insert(1, [env('c')]));
    expect(checkAppendOnly(middle, 'w')).toMatchObject({ ok: true });
    expect(checkAppendOnly(Y.encodeStateAsUpdate(doc), 'w')).toMatchObject({ ok: true });
    // Signed chunks beside single envelopes (rooms written before chunks keep theirs).
    const chunks = updateOf(doc, (d) => d.getArray('events').push([chunk(['c1', 'c2', 'c3']), chunk(['c4'], new Uint8Array(1024 * 1024))]));
    expect(checkAppendOnly(chunks, 'w')).toMatchObject({ ok: true, structs: 1 });
  });

  it('refuses deletes, replacements, other arrays, map keys, nested types and anything that is not an envelope', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, updateOf(new Y.Doc(), (d) => d.getArray('events').push([env('a'), env('b')])));
    const cases: [string, (d: Y.Doc) => void][] = [
      ['deletes', (d) => d.getArray('events').delete(0, 1)],
      ['deletes', (d) => d.transact(() => (d.getArray('events').delete(0, 1), d.getArray('events').insert(0, [env('a', new Uint8Array([9]))])))],
      ['wrong-array', (d) => d.getArray('other').push([env('x')])],
      ['map-key', (d) => d.getMap('events-map').set('k', env('x'))],
      ['nested-type', (d) => d.getArray('events').push([new Y.Array()])],
      ['not-a-record', (d) => d.getText('events').insert(0, 'hello')],
      ['bad-record', (d) => d.getArray('events').push([null])],
      ['bad-record', (d) => d.getArray('events').push([42])],
      ['bad-record', (d) => d.getArray('events').push(['a string'])],
      ['bad-record', (d) => d.getArray('events').push([{ ...env('x'), extra: 1 }])],
      ['bad-record', (d) => d.getArray('events').push([{ ...env('x'), sig: new Uint8Array(0) }])],
      ['bad-record', (d) => d.getArray('events').push([{ ...env('../../etc') }])],
      ['bad-record', (d) => d.getArray('events').push([{ ...env('x'), v: 1 }])],
      ['bad-record', (d) => d.getArray('events').push([{ ...env('x'), e: -1 }])],
      ['bad-record', (d) => d.getArray('events').push([{ ...env('x'), e: 1.5 }])],
      ['bad-record', (d) => d.getArray('events').push([{ ...env('x'), e: '2' }])],
      ['too-large', (d) => d.getArray('events').push([env('big', new Uint8Array(5 * 1024 * 1024))])],
      // Signed chunks: within the size limit, 1…1000 distinct sane ids, exactly their six fields.
      ['too-large', (d) => d.getArray('events').push([chunk(['a1', 'a2'], new Uint8Array(1024 * 1024 + 1))])],
      ['bad-record', (d) => d.getArray('events').push([chunk([])])],
      ['bad-record', (d) => d.getArray('events').push([chunk(['a1', 'a1'])])],
      ['bad-record', (d) => d.getArray('events').push([chunk(['a1', '../x'])])],
      ['bad-record', (d) => d.getArray('events').push([chunk(Array.from({ length: MAX_CHUNK_IDS + 1 }, (_, i) => `id-${i}`))])],
      ['bad-record', (d) => d.getArray('events').push([{ ...chunk(['a1']), id: 'a1' }])],
      ['bad-record', (d) => d.getArray('events').push([{ ...chunk(['a1']), sig: new Uint8Array(0) }])],
      ['bad-record', (d) => d.getArray('events').push([{ ...chunk(['a1']), ids: 'a1' }])],
    ];
    for (const [reason, change] of cases) {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      expect(checkAppendOnly(updateOf(copy, change), 'w'), reason).toMatchObject({ ok: false, reason });
    }
    // A nested type inside an accepted item cannot be reached either: its content is refused first.
    const map = new Y.Doc();
    expect(checkAppendOnly(updateOf(map, (d) => d.getArray('events').push([new Y.Map()])), 'w')).toMatchObject({ ok: false, reason: 'nested-type' });
    expect(checkAppendOnly(new Uint8Array([1, 2, 3, 250]), 'w')).toMatchObject({ ok: false, reason: 'undecodable' });
  });

  it('invite rooms take offers, join requests and answers in their own two arrays', () => {
    const doc = new Y.Doc();
    const offer = { v: 2, kind: 'offer', inviteId: 'abc_DEF-123', data: 'xyz.abc' };
    expect(checkAppendOnly(updateOf(doc, (d) => d.getArray('offers').push([offer, { ...offer, kind: 'answer' }])), 'i')).toMatchObject({ ok: true });
    expect(checkAppendOnly(updateOf(doc, (d) => d.getArray('joins').push([{ ...offer, kind: 'join' }])), 'i')).toMatchObject({ ok: true });
    for (const bad of [{ ...offer, kind: 'other' }, { ...offer, v: 1 }, { ...offer, data: '' }, { ...offer, data: 'x'.repeat(20_000) }, { v: 1, inviteId: 'abc', sealed: 'old' }]) {
      expect(checkAppendOnly(updateOf(doc, (d) => d.getArray('joins').push([bad])), 'i'), JSON.stringify(bad).slice(0, 60)).toMatchObject({ ok: false });
    }
    expect(checkAppendOnly(updateOf(doc, (d) => d.getArray('events').push([env('a')])), 'i')).toMatchObject({ ok: false });
    expect(checkAppendOnly(updateOf(new Y.Doc(), (d) => d.getArray('events').push([offer])), 'w')).toMatchObject({ ok: false });
  });

  it('whatever accepted updates arrive, in any order, the document only ever holds the events array of envelopes', () => {
    // The invariant the server relies on: items inherit their parent from neighbours that
    // were themselves accepted, so no accepted item can end up anywhere else.
    const writers = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    const server = new Y.Doc();
    let n = 0;
    let seed = 17;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 60; round++) {
      const w = writers[Math.floor(rand() * writers.length)]!;
      const arr = w.getArray('events');
      const update = updateOf(w, (d) => d.getArray('events').insert(Math.floor(rand() * (arr.length + 1)), [env(`e${n++}`), env(`e${n++}`)]));
      expect(checkAppendOnly(update, 'w')).toMatchObject({ ok: true });
      Y.applyUpdate(server, update);
      // Writers also learn from each other now and then, so later inserts sit between others' items.
      if (rand() < 0.3) for (const other of writers) Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    }
    expect([...server.share.keys()]).toEqual(['events']);
    const events = server.getArray('events');
    expect(events.length).toBe(n);
    let item = events._start;
    while (item) {
      expect(item.parent).toBe(events);
      expect(item.deleted).toBe(false);
      expect(item.content).toBeInstanceOf(Y.ContentAny);
      item = item.right;
    }
  });
});
