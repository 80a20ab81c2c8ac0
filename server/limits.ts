/** The server's limits, and the token bucket that enforces rates. */

export interface SyncLimits {
  /** Largest websocket message (bytes); a bigger one closes the connection (1009). */
  maxMessageBytes: number;
  /** Largest ciphertext of one envelope (bytes). */
  maxEnvelopeBytes: number;
  /** Bytes stored per room; a write beyond it is refused. */
  roomQuotaBytes: number;
  /** Distinct sub-rooms one credential may create. */
  subsPerTag: number;
  /** Rooms on this server in all. */
  totalRooms: number;
  /** Open websockets per remote address that have not shown a member's credential (yet). */
  connectionsPerAddress: number;
  /** Open websockets per remote address that have shown a member's credential (room and list sockets). */
  memberConnectionsPerAddress: number;
  /** Per connection: sustained bytes per second and the burst allowed above it. */
  bytesPerSecond: number;
  burstBytes: number;
  /** Per connection: sustained messages per second and burst. */
  messagesPerSecond: number;
  burstMessages: number;
  /** Presence (awareness) messages: largest size and rate per connection. */
  awarenessBytes: number;
  awarenessPerSecond: number;
  /** Customer lists in transit (list-channel.ts): bytes stored per credential, and a connection's rate. */
  listQuotaBytes: number;
  listBytesPerSecond: number;
  listBurstBytes: number;
  /** A list socket that asks nothing for this long is closed (a laptop opens one per pass). */
  listIdleMs: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: SyncLimits = {
  maxMessageBytes: 4 * MiB,
  maxEnvelopeBytes: 1 * MiB,
  roomQuotaBytes: 256 * MiB,
  subsPerTag: 16,
  totalRooms: 10_000,
  connectionsPerAddress: 64,
  // A laptop holds about three (its room, a list socket, an alert round): a crisis team of ~150 behind one office address.
  memberConnectionsPerAddress: 512,
  bytesPerSecond: 8 * MiB,
  burstBytes: 32 * MiB,
  messagesPerSecond: 200,
  burstMessages: 2000,
  awarenessBytes: 16 * 1024,
  awarenessPerSecond: 10,
  // A million-row list is about 250 MB in transit; room for a few lists per team.
  listQuotaBytes: 2048 * MiB,
  listBytesPerSecond: 64 * MiB,
  listBurstBytes: 256 * MiB,
  listIdleMs: 120_000,
};

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes `n` tokens if there are enough; false means over the limit. */
  take(n = 1): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}
