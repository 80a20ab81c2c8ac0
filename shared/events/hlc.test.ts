import { describe, expect, it } from 'vitest';
import { ClockDriftError, compareHlc, decodeHlc, encodeHlc, hlcTime, receive, tick } from './hlc';

const start = { wall: 1_000, counter: 0, node: 'a' };

describe('hybrid logical clock', () => {
  it('follows wall time when it moves forward', () => {
    expect(tick(start, 2_000)).toEqual({ wall: 2_000, counter: 0, node: 'a' });
  });

  it('never goes backwards when the wall clock does', () => {
    const t1 = tick(start, 5_000);
    const t2 = tick(t1, 4_000);
    expect(t2).toEqual({ wall: 5_000, counter: 1, node: 'a' });
    expect(compareHlc(encodeHlc(t1), encodeHlc(t2))).toBe(-1);
  });

  it('orders a received timestamp after both clocks', () => {
    const local = { wall: 3_000, counter: 2, node: 'a' };
    const remote = { wall: 3_000, counter: 7, node: 'b' };
    expect(receive(local, remote, 1_000)).toEqual({ wall: 3_000, counter: 8, node: 'a' });
    expect(receive(local, { ...remote, wall: 4_000 }, 1_000)).toEqual({ wall: 4_000, counter: 8, node: 'a' });
    expect(receive(local, remote, 9_000)).toEqual({ wall: 9_000, counter: 0, node: 'a' });
  });

  it('refuses a remote clock a day ahead', () => {
    expect(() => receive(start, { wall: 2 * 86_400_000, counter: 0, node: 'b' }, 0)).toThrow(ClockDriftError);
  });

  it('encodes so that string order is clock order', () => {
    const stamps = [
      { wall: 10, counter: 0, node: 'z' },
      { wall: 9, counter: 65_535, node: 'z' },
      { wall: 10, counter: 1, node: 'a' },
      { wall: 1_732_291_200_000, counter: 0, node: 'a' },
    ].map(encodeHlc);
    expect([...stamps].sort(compareHlc)).toEqual([stamps[1], stamps[0], stamps[2], stamps[3]]);
    expect(decodeHlc(stamps[3]!)).toEqual({ wall: 1_732_291_200_000, counter: 0, node: 'a' });
    expect(hlcTime(stamps[3]!)).toBe(1_732_291_200_000);
  });

  it('rolls the wall forward when the counter would overflow', () => {
    expect(tick({ wall: 5, counter: 0xffff, node: 'a' }, 5)).toEqual({ wall: 6, counter: 0, node: 'a' });
  });

  it('rejects a malformed timestamp', () => {
    expect(() => decodeHlc('yesterday')).toThrow(/malformed/);
  });
});
