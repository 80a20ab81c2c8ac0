/**
 * A lock in the middle of 名寄せ: the run stops at once with the lock's expected error, the
 * worker (holding every name, address and phone sent so far) is ended, and no further
 * block is opened and sent after the lock.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_NAYOSE } from '../../../shared/contacts/nayose';
import { StoreClosedError } from '../data/store-contract';
import { inlineSink, type NayoseSink, runNayose } from './nayose-run';
import { csvText } from './test-data';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(() => dropTestDatabases());

describe('a lock in the middle of 名寄せ', () => {
  it('stops the run with the lock, ends its worker, and sends nothing after the lock', async () => {
    const { db, engine } = await openTestEngine();
    // Three lists: one chunk each.
    for (let i = 0; i < 3; i++) await importText(engine, db, csvText(30), { fileName: `list-${i}.csv` });
    const inner = inlineSink();
    const sent: string[] = [];
    let closed = false;
    let locked = false;
    let sentAfterLock = 0;
    const sink: NayoseSink = {
      async send(m) {
        sent.push(m.type);
        if (locked && m.type === 'rows') sentAfterLock++;
        const reply = await inner.send(m);
        // The lock comes while the worker works on the first list.
        if (m.type === 'rows' && !locked) {
          locked = true;
          engine.dispose();
        }
        return reply;
      },
      close() {
        closed = true;
        inner.close();
      },
    };
    const outcome = await runNayose(engine, 'inc', DEFAULT_NAYOSE, { sink }).then(
      () => 'finished',
      (e: unknown) => e,
    );
    expect(outcome).toBeInstanceOf(StoreClosedError);
    expect(sentAfterLock).toBe(0);
    expect(sent).not.toContain('finish');
    expect(closed).toBe(true);
  });
});
