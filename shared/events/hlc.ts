/**
 * Hybrid logical clock (Kulkarni et al.): timestamps that follow wall time but never go
 * backwards and totally order events from several laptops. Encoded as a string that
 * sorts lexicographically in the same order as the clock, so IndexedDB can index it.
 *
 *   0001732291200000-0000-<node>
 *   wall time (ms)   counter  device id
 */
export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

const WALL_DIGITS = 16;
const COUNTER_DIGITS = 4;
const MAX_COUNTER = 0xffff;
/** A remote clock further ahead than this is refused rather than dragging ours forward. */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

export class ClockDriftError extends Error {
  constructor(readonly remoteWall: number, readonly now: number) {
    super(`hlc: remote clock is ${Math.round((remoteWall - now) / 1000)} s ahead of this machine`);
  }
}

export function encodeHlc(h: Hlc): string {
  return `${h.wall.toString().padStart(WALL_DIGITS, '0')}-${h.counter
    .toString(16)
    .padStart(COUNTER_DIGITS, '0')}-${h.node}`;
}

export function decodeHlc(s: string): Hlc {
  const m = /^(\d{16})-([0-9a-f]{4})-(.+)$/.exec(s);
  if (!m) throw new Error(`hlc: malformed timestamp "${s}"`);
  return { wall: Number(m[1]), counter: parseInt(m[2]!, 16), node: m[3]! };
}

/** Wall-clock milliseconds of an encoded timestamp, for display. */
export function hlcTime(s: string): number {
  return Number(s.slice(0, WALL_DIGITS));
}

/** The wall-clock instant of an event's hybrid logical clock, as ISO (what screens format). */
export function hlcIso(at: string): string {
  return new Date(hlcTime(at)).toISOString();
}

/** The clock's next timestamp for a local event. */
export function tick(last: Hlc, now: number): Hlc {
  if (now > last.wall) return { wall: now, counter: 0, node: last.node };
  if (last.counter >= MAX_COUNTER) return { wall: last.wall + 1, counter: 0, node: last.node };
  return { wall: last.wall, counter: last.counter + 1, node: last.node };
}

/** Advances the local clock past a timestamp received from another laptop. */
export function receive(last: Hlc, remote: Hlc, now: number): Hlc {
  if (remote.wall - now > MAX_DRIFT_MS) throw new ClockDriftError(remote.wall, now);
  const wall = Math.max(last.wall, remote.wall, now);
  let counter: number;
  if (wall === last.wall && wall === remote.wall) counter = Math.max(last.counter, remote.counter) + 1;
  else if (wall === last.wall) counter = last.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { wall: wall + 1, counter: 0, node: last.node };
  return { wall, counter, node: last.node };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
