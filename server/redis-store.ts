/**
 * Storage in Redis, for several server processes sharing one Redis (with Hocuspocus'
 * Redis extension relaying live updates between them). Each document is a list of
 * records (RPUSH); run Redis with `appendonly yes` and `appendfsync always`, so a reply
 * to RPUSH means the record is in the append-only file on disk. Compaction replaces the
 * first records of the list by their merge in one MULTI, so records other processes
 * appended meanwhile stay behind it.
 */
import { Redis } from 'ioredis';
import { createHmac, randomBytes } from 'node:crypto';
import { RoomFrozenError, type AlertRecordStore, type IntakeRecords, type RoomAdmission, type RoomCaps, type RoomMeta, type UpdateStore } from './storage';

/**
 * Appends unless the room is frozen, in one step on the Redis server: a freeze made by
 * another process is seen by the very next insert (no check-then-write gap).
 */
const APPEND_UNLESS_FROZEN = `
local m = redis.call('HGET', KEYS[2], ARGV[2])
if m and string.find(m, '"frozen":true', 1, true) then return 0 end
redis.call('RPUSH', KEYS[1], ARGV[1])
return 1`;

const PUT_BLOB = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local used = tonumber(redis.call('GET', KEYS[2]) or '0')
if used + string.len(ARGV[1]) > tonumber(ARGV[2]) then return 2 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('INCRBY', KEYS[2], string.len(ARGV[1]))
return 1`;

const DROP_BLOB = `
local n = redis.call('STRLEN', KEYS[1])
if n == 0 then return 0 end
redis.call('DEL', KEYS[1])
redis.call('DECRBY', KEYS[2], n)
return 1`;

/**
 * A token bucket kept in Redis, so every server process takes from the same one (the intake
 * page's limit per address). Time is Redis's own clock: the processes' clocks may differ.
 * ARGV: tokens per millisecond, burst. Returns 1 when a token was taken.
 */
const TAKE_TOKEN = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local ok = 0
if tokens >= 1 then
  tokens = tokens - 1
  ok = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
return ok`;

/**
 * An intake report written only while fewer than the cap wait under its intake's prefix, in
 * one step on the Redis server (every process's submissions counted): field names only, no
 * values read. ARGV: prefix, cap, field, value. Returns 1 when written.
 */
const INTAKE_ADD_UNDER = `
local prefix = ARGV[1]
local cap = tonumber(ARGV[2])
local n = 0
for _, k in ipairs(redis.call('HKEYS', KEYS[1])) do
  if string.sub(k, 1, #prefix) == prefix then
    n = n + 1
    if n >= cap then return 0 end
  end
end
redis.call('HSET', KEYS[1], ARGV[3], ARGV[4])
return 1`;

/** Releases the lock only if this process still holds it (it may have expired and gone to another). */
const UNLOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
/**
 * Writes of a round under the alert lock, made only while this process still holds it: a
 * lease can run out under a slow round (Redis restarted for longer, a network cut), and the
 * new holder's writes (an acknowledgement) must not be overwritten by the old one's.
 */
const PUT_IF_HELD = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
return 1`;
const DEL_IF_HELD = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
for i = 2, #ARGV do redis.call('HDEL', KEYS[2], ARGV[i]) end
return 1`;
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const u8 = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const buf = (v: Uint8Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

/** The lease ran out under this round and another process may hold the lock: nothing more is written. */
export class AlertLockLost extends Error {
  constructor() {
    super('redis: the alert lock was lost (Redis restarted or unreachable for longer than the lease); this round stops, another process goes on');
    this.name = 'AlertLockLost';
  }
}

export class RedisStore implements UpdateStore, AlertRecordStore, IntakeRecords {
  readonly kind = 'redis' as const;

  /** The alert lock's token while a round of this process holds it (rounds run one at a time per process). */
  private alertLock: string | undefined;

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

  private get metaKey() {
    return `${this.prefix}:meta`;
  }

  async append(doc: string, update: Uint8Array): Promise<void> {
    const done = await this.client.eval(APPEND_UNLESS_FROZEN, 2, this.key(doc), this.metaKey, Buffer.from(update.buffer, update.byteOffset, update.byteLength), doc);
    if (done === 0) throw new RoomFrozenError(doc);
  }

  async meta(doc: string): Promise<RoomMeta | undefined> {
    const raw = await this.client.hget(this.metaKey, doc);
    return raw === null ? undefined : (JSON.parse(raw) as RoomMeta);
  }

  async setMeta(doc: string, meta: RoomMeta | undefined): Promise<void> {
    const invites = `${this.prefix}:invites`;
    const isInvite = doc.startsWith('i.');
    if (meta) {
      const m = this.client.multi().hset(this.metaKey, doc, JSON.stringify(meta));
      if (isInvite) m.sadd(invites, doc);
      await m.exec();
    } else await this.client.multi().hdel(this.metaKey, doc).srem(invites, doc).exec();
  }

  async inviteMetas(): Promise<{ doc: string; meta: RoomMeta }[]> {
    const docs = await this.client.smembers(`${this.prefix}:invites`);
    if (docs.length === 0) return [];
    const raw = await this.client.hmget(this.metaKey, ...docs);
    return docs.flatMap((doc, i) => (raw[i] ? [{ doc, meta: JSON.parse(raw[i]) as RoomMeta }] : []));
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

  async roomKnown(doc: string): Promise<boolean> {
    return (await this.client.sismember(`${this.prefix}:rooms`, doc)) === 1;
  }

  async getBlob(tag: string, key: string): Promise<Uint8Array | undefined> {
    const b = await this.client.getBuffer(`${this.prefix}:blob:${tag}:${key}`);
    return b === null ? undefined : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }

  async putBlob(tag: string, key: string, bytes: Uint8Array, quota: number): Promise<'ok' | 'exists' | 'quota'> {
    // One script: the quota and the write-once check hold across server processes.
    const done = await this.client.eval(PUT_BLOB, 2, `${this.prefix}:blob:${tag}:${key}`, `${this.prefix}:blobs-used:${tag}`, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), String(quota));
    return done === 1 ? 'ok' : done === 0 ? 'exists' : 'quota';
  }

  async dropBlob(tag: string, key: string): Promise<void> {
    // One script: the bytes go back to the tag's quota with the blob.
    await this.client.eval(DROP_BLOB, 2, `${this.prefix}:blob:${tag}:${key}`, `${this.prefix}:blobs-used:${tag}`);
  }

  /**
   * Takes a token from the bucket `key` shared by every process on this Redis; false when it is
   * empty. The key (it holds a reporter's address) is stored only as an HMAC under a salt of the
   * hour that Redis forgets two hours later: a dump of Redis does not give the addresses back.
   */
  async rateTake(key: string, perSecond: number, burst: number): Promise<boolean> {
    const salt = await this.hourSalt();
    const bucket = createHmac('sha256', salt).update(key).digest('base64url');
    return (await this.client.eval(TAKE_TOKEN, 1, `${this.prefix}:rate:${bucket}`, String(perSecond / 1000), String(burst))) === 1;
  }

  private salt: { hour: number; value: Buffer } | undefined;

  /** The hour's salt, the same for every process (the first to ask sets it). */
  private async hourSalt(): Promise<Buffer> {
    const hour = Math.floor(Date.now() / 3_600_000);
    if (this.salt?.hour === hour) return this.salt.value;
    const name = `${this.prefix}:rate-salt:${hour}`;
    await this.client.set(name, randomBytes(32), 'PX', 7_200_000, 'NX');
    const value = await this.client.getBuffer(name);
    if (!value) throw new Error('redis: the rate limit salt is missing');
    this.salt = { hour, value };
    return value;
  }

  // The alert host's records (decision 018) and the intake's (decision 019): one hash each.
  // Writes are acknowledged after the append-only file has them (appendfsync always, as above).

  private get alertKey() {
    return `${this.prefix}:alerts`;
  }

  private get intakeKey() {
    return `${this.prefix}:intake`;
  }

  async alertGet(key: string): Promise<Uint8Array | undefined> {
    const b = await this.client.hgetBuffer(this.alertKey, key);
    return b === null ? undefined : u8(b);
  }

  async alertPut(key: string, value: Uint8Array): Promise<void> {
    if (this.alertLock === undefined) await this.client.hset(this.alertKey, key, buf(value));
    else if ((await this.client.eval(PUT_IF_HELD, 2, this.lockKey, this.alertKey, this.alertLock, key, buf(value))) !== 1) throw new AlertLockLost();
  }

  /**
   * HSETNX: of two processes writing at once, one writes. Not fenced by the lock as a round's
   * writes are: what is written so (an acknowledgement beside its job) is no round's, and any
   * process's next change under the lock reads it.
   */
  async alertPutIfAbsent(key: string, value: Uint8Array): Promise<boolean> {
    return (await this.client.hsetnx(this.alertKey, key, buf(value))) === 1;
  }

  private get lockKey() {
    return `${this.prefix}:alerts-lock`;
  }

  async alertList(prefix: string): Promise<{ key: string; value: Uint8Array }[]> {
    return this.listOf(this.alertKey, prefix, Infinity);
  }

  async alertDel(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    if (this.alertLock === undefined) await this.client.hdel(this.alertKey, ...keys);
    else if ((await this.client.eval(DEL_IF_HELD, 2, this.lockKey, this.alertKey, this.alertLock, ...keys)) !== 1) throw new AlertLockLost();
  }

  /**
   * Runs `fn` while this process holds the alert lock: several server processes share the
   * jobs, and each change (a round of deliveries, a hand-over, an acknowledgement) is made by
   * one of them at a time on what it has just read. The lock expires if its holder dies.
   */
  async alertExclusive<T>(fn: () => Promise<T>, ttlMs = 30_000): Promise<T> {
    const key = this.lockKey;
    const token = randomBytes(16).toString('hex');
    for (let waited = 0; (await this.client.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK'; waited += 50) {
      if (waited > 4 * ttlMs) throw new Error('redis: alert lock not free');
      await new Promise((r) => setTimeout(r, 50));
    }
    const renew = setInterval(() => void this.client.eval(RENEW, 1, key, token, String(ttlMs)).catch(() => undefined), ttlMs / 3);
    this.alertLock = token;
    try {
      return await fn();
    } finally {
      this.alertLock = undefined;
      clearInterval(renew);
      await this.client.eval(UNLOCK, 1, key, token).catch(() => undefined);
    }
  }

  async intakeGet(key: string): Promise<Uint8Array | undefined> {
    const b = await this.client.hgetBuffer(this.intakeKey, key);
    return b === null ? undefined : u8(b);
  }

  async intakePut(records: { key: string; value: Uint8Array }[]): Promise<void> {
    if (records.length === 0) return;
    const result = await this.client.multi().hset(this.intakeKey, ...records.flatMap((r) => [r.key, buf(r.value)])).exec();
    const failed = result?.find(([err]) => err);
    if (!result || failed) throw failed?.[0] ?? new Error('redis: intake write aborted');
  }

  async intakeList(prefix: string, limit: number): Promise<{ key: string; value: Uint8Array }[]> {
    return this.listOf(this.intakeKey, prefix, limit);
  }

  async intakeAddUnder(prefix: string, cap: number, record: { key: string; value: Uint8Array }): Promise<boolean> {
    if (cap <= 0) return false;
    return (await this.client.eval(INTAKE_ADD_UNDER, 1, this.intakeKey, prefix, String(cap), record.key, buf(record.value))) === 1;
  }

  async intakeDel(keys: string[]): Promise<void> {
    if (keys.length) await this.client.hdel(this.intakeKey, ...keys);
  }

  /** Fields of a hash starting with `prefix`, in key order, at most `limit` (small hashes: a few thousand fields). */
  private async listOf(hash: string, prefix: string, limit: number): Promise<{ key: string; value: Uint8Array }[]> {
    const keys = (await this.client.hkeys(hash)).filter((k) => k.startsWith(prefix)).sort().slice(0, limit);
    if (keys.length === 0) return [];
    const values = await this.client.hmgetBuffer(hash, ...keys);
    return keys.flatMap((key, i) => (values[i] ? [{ key, value: u8(values[i]) }] : []));
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
