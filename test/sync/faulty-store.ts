/**
 * A storage wrapper that fails like a disk does: ENOSPC once a byte budget is spent, or
 * EIO on every write, until healed. Reads keep working, as they do on a full disk.
 */
import type { RoomAdmission, RoomCaps, RoomMeta, UpdateStore } from '../../server/storage';

export class FaultyStore implements UpdateStore {
  readonly kind: UpdateStore['kind'];
  private budget = Infinity;
  private mode: 'ENOSPC' | 'EIO' | null = null;
  failures = 0;
  /** When each write failed (ms since the epoch). */
  readonly failedAt: number[] = [];

  constructor(readonly inner: UpdateStore) {
    this.kind = inner.kind;
  }

  /** From now on: ENOSPC after `bytes` more bytes, or EIO at once. */
  fail(mode: 'ENOSPC' | 'EIO', bytes = 0): void {
    this.mode = mode;
    this.budget = bytes;
  }

  heal(): void {
    this.mode = null;
    this.budget = Infinity;
  }

  private check(bytes: number): void {
    if (!this.mode) return;
    if (this.mode === 'ENOSPC' && this.budget >= bytes) {
      this.budget -= bytes;
      return;
    }
    this.failures++;
    this.failedAt.push(Date.now());
    const err = new Error(`${this.mode}: ${this.mode === 'EIO' ? 'i/o error' : 'no space left on device'}, write`) as Error & { code: string };
    err.code = this.mode;
    throw err;
  }

  load(doc: string) {
    return this.inner.load(doc);
  }
  async append(doc: string, update: Uint8Array) {
    this.check(update.byteLength);
    return this.inner.append(doc, update);
  }
  async compact(doc: string, count: number, merged: Uint8Array) {
    this.check(merged.byteLength);
    return this.inner.compact(doc, count, merged);
  }
  drop(doc: string) {
    return this.inner.drop(doc);
  }
  admitRoom(doc: string, tagPrefix: string, caps: RoomCaps): Promise<RoomAdmission> {
    return this.inner.admitRoom(doc, tagPrefix, caps);
  }
  meta(doc: string) {
    return this.inner.meta(doc);
  }
  async setMeta(doc: string, meta: RoomMeta | undefined) {
    this.check(64);
    return this.inner.setMeta(doc, meta);
  }
  inviteMetas() {
    return this.inner.inviteMetas();
  }
  // Customer lists in transit (list-channel.ts): puts fail like appends.
  roomKnown(doc: string) {
    return this.inner.roomKnown!(doc);
  }
  getBlob(tag: string, key: string) {
    return this.inner.getBlob!(tag, key);
  }
  async putBlob(tag: string, key: string, bytes: Uint8Array, quota: number) {
    this.check(bytes.byteLength);
    return this.inner.putBlob!(tag, key, bytes, quota);
  }
  dropBlob(tag: string, key: string) {
    return this.inner.dropBlob!(tag, key);
  }
  close() {
    return this.inner.close();
  }
}
