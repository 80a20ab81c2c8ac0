/**
 * The synced log kept on this laptop (issue 12, item 7): the Yjs document of each epoch's
 * room, sealed under the workspace's at-rest key in the meta table, so a restart loads it
 * and the server sends only what the laptop lacks (Yjs compares state vectors) instead of
 * the whole room.
 *
 * Beside the document it keeps the ids of this laptop's own events that had a copy checked
 * against its signature and acknowledged by the server when it was written: those count as
 * present again without verifying thousands of signatures at every start. The record is
 * sealed with AES-GCM (only this laptop's key opens or forges it), bound to its epoch and to
 * the server it came from: a laptop pointed at another server starts from nothing there.
 * Anything that does not open is deleted and the room is fetched whole, as before.
 */
import type { HonbuDb } from '../data/db';
import { concatBytes, fromUtf8, utf8 } from '../../../shared/vault/bytes';
import { openBytes, sealBytes } from '../../../shared/vault/cipher';

export interface CachedRoom {
  /** The room's Yjs document as a single update. */
  update: Uint8Array;
  /** Own event ids with a verified, acknowledged copy in it. */
  present: string[];
}

const keyOf = (epoch: number) => `sync:cache:${epoch}`;
const aad = (epoch: number, serverUrl: string) => `honbu/sync-cache/v1:${epoch}:${serverUrl}`;

export class RoomCache {
  constructor(
    private readonly db: HonbuDb,
    private readonly key: () => CryptoKey,
    private readonly serverUrl: string,
  ) {}

  async load(epoch: number): Promise<CachedRoom | null> {
    const record = await this.db.meta.get(keyOf(epoch));
    if (!(record?.value instanceof Uint8Array)) return null;
    try {
      const plain = await openBytes(this.key(), record.value, aad(epoch, this.serverUrl));
      const head = new DataView(plain.buffer, plain.byteOffset).getUint32(0);
      const present = JSON.parse(fromUtf8(plain.subarray(4, 4 + head))) as unknown;
      if (!Array.isArray(present) || !present.every((id) => typeof id === 'string')) throw new Error('sync cache: bad present list');
      return { update: plain.subarray(4 + head), present };
    } catch {
      // Another server, another key, or damage: fetch the room whole, as without a cache.
      await this.drop(epoch);
      return null;
    }
  }

  async save(epoch: number, room: CachedRoom): Promise<void> {
    const list = utf8(JSON.stringify(room.present));
    const head = new Uint8Array(4);
    new DataView(head.buffer).setUint32(0, list.byteLength);
    const sealed = await sealBytes(this.key(), concatBytes(head, list, room.update), aad(epoch, this.serverUrl));
    await this.db.meta.put({ key: keyOf(epoch), value: sealed });
  }

  async drop(epoch: number): Promise<void> {
    await this.db.meta.delete(keyOf(epoch));
  }
}
