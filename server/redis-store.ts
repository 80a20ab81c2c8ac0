/**
 * Storage in Redis, for several server processes sharing one Redis (with Hocuspocus'
 * Redis extension relaying live updates between them). Each document is a list of
 * records (RPUSH); run Redis with `appendonly yes` and `appendfsync always`, so a reply
 * to RPUSH means the record is in the append-only file on disk. Compaction replaces the
 * first records of the list by their merge in one MULTI, so records other processes
 * appended meanwhile stay behind it.
 */
import { Redis } from 'ioredis';
import type { RoomAdmission, RoomCaps, UpdateStore } from './storage';

export class RedisStore implements UpdateStore {
  readonly kind = 'redis' as const;

  private constructor(
    readonly client: Redis,
    private readonly prefix: string,
  ) {}

  static async open(url: string, prefix = 'honbu'): Promise<RedisStore> {
    // No offline queue: a write while Redis is unreachable fails at once (the client retries) instead of waiting unacknowledged.
    const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    client.on('error', (err: Error) => console.error('sync-server: redis store:', err.message));
    await client.connect();
    return new RedisStore(client, prefix);
  }

  private key(doc: string) {
    return `${this.prefix}:doc:${doc}`;
  }

  async load(doc: string): Promise<Uint8Array[]> {
    const records = await this.client.lrangeBuffer(this.key(doc), 0, -1);
    return records.map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  }

  async append(doc: string, update: Uint8Array): Promise<void> {
    await this.client.rpush(this.key(doc), Buffer.from(update.buffer, update.byteOffset, update.byteLength));
  }

  async compact(doc: string, count: number, merged: Uint8Array): Promise<void> {
    if (count < 2) return;
    const result = await this.client
      .multi()
      .ltrim(this.key(doc), count, -1)
      .lpush(this.key(doc), Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength))
      .exec();
    const failed = result?.find(([err]) => err);
    if (!result || failed) throw failed?.[0] ?? new Error('redis: compaction aborted');
  }

  async drop(doc: string): Promise<void> {
    const tagPrefix = doc.slice(0, doc.lastIndexOf('.') + 1);
    await this.client.multi().del(this.key(doc)).srem(`${this.prefix}:rooms`, doc).srem(`${this.prefix}:tag:${tagPrefix}`, doc).exec();
  }

  async admitRoom(doc: string, tagPrefix: string, caps: RoomCaps): Promise<RoomAdmission> {
    const rooms = `${this.prefix}:rooms`;
    if (await this.client.sismember(rooms, doc)) return 'ok';
    if ((await this.client.scard(rooms)) >= caps.totalRooms) return 'too-many-rooms';
    const tagSet = `${this.prefix}:tag:${tagPrefix}`;
    if ((await this.client.scard(tagSet)) >= caps.subsPerTag) return 'too-many-subs';
    await this.client.multi().sadd(rooms, doc).sadd(tagSet, doc).exec();
    return 'ok';
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
