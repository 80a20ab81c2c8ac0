import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ListChannelClosed, type ListChannel, type ListTransport } from '../sync/list-channel';
import { shareList } from './list-share';
import { dropTestDatabases, importText, openTestEngine } from './test-engine';

afterEach(dropTestDatabases);

describe('sharing a list when the channel closes with packs on their way', () => {
  it('fails with the closed channel, once, and leaves no pack failing unhandled', async () => {
    const { db, engine } = await openTestEngine();
    const rows = Array.from({ length: 3000 }, (_, i) => `C${i},顧客 ${i},東京都千代田区${i}`);
    const datasetId = await importText(engine, db, ['顧客番号,氏名,住所', ...rows].join('\r\n') + '\r\n');
    const closed = new ListChannelClosed(4403, 'not a member');
    let puts = 0;
    // Every put fails as the server closes the channel; the first fails first, the others after it.
    const channel = {
      getSlot: async () => undefined,
      put: () => {
        const n = puts++;
        return new Promise((_, reject) => setTimeout(() => reject(closed), n === 0 ? 5 : 40));
      },
      close: () => undefined,
    } as unknown as ListChannel;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const slot = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const tr: ListTransport = { channel, epoch: 0, lists: key, listSlot: slot, deviceId: 'd' };
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(shareList(engine, datasetId, tr, { packBytes: 4_000 })).rejects.toBe(closed);
      expect(puts).toBeGreaterThan(1);
      // The later puts fail after the share gave up: nobody is left to hear them.
      await new Promise((r) => setTimeout(r, 100));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
