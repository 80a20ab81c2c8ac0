/** The server's storage: what was appended survives, a torn last record is dropped, compaction keeps the state. */
import { appendFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UpdateLog } from '../../server/update-log';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('update log', () => {
  it('replays appended updates, drops a torn tail, and compacts to the same state', async () => {
    dir = await mkdtemp(join(tmpdir(), 'honbu-ylog-'));
    const log = new UpdateLog(dir);
    const doc = new Y.Doc();
    const fd = log.open('room/../x');
    doc.on('update', (u: Uint8Array) => log.append(fd, u));
    for (let i = 0; i < 50; i++) doc.getArray('events').push([{ id: `e${i}`, ct: new Uint8Array([i]) }]);
    log.close(fd);
    // The name is hex-encoded: no path escapes the data directory.
    expect(readdirSync(dir)).toEqual([`${Buffer.from('room/../x').toString('hex')}.ylog`]);
    // A crash mid-write leaves a length header promising more bytes than follow.
    appendFileSync(join(dir, readdirSync(dir)[0]!), Buffer.from([200, 0, 0, 0, 1, 2]));

    const replay = (records: Uint8Array[]) => {
      const d = new Y.Doc();
      for (const r of records) Y.applyUpdate(d, r);
      return d.getArray('events').toJSON();
    };
    const records = log.load('room/../x');
    expect(records).toHaveLength(50);
    expect(replay(records)).toEqual(doc.getArray('events').toJSON());

    log.compact('room/../x', Y.encodeStateAsUpdate(doc));
    expect(log.load('room/../x')).toHaveLength(1);
    expect(replay(log.load('room/../x'))).toEqual(doc.getArray('events').toJSON());
    expect(log.load('never-written')).toEqual([]);
  });
});
