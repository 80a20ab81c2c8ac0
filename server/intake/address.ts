/**
 * The key the intake page's rate limit counts by (decision 019, addendum). One IPv4 address
 * is one key; an IPv6 host usually holds a whole /64 (SLAAC, privacy addresses), so counting
 * exact IPv6 addresses would let one machine submit without limit: IPv6 is grouped by /64.
 * An IPv4-mapped IPv6 address (::ffff:192.0.2.1, how a dual-stack socket shows IPv4) counts
 * as its IPv4 address.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** Eight 16-bit groups of an IPv6 address (with an embedded IPv4 tail), or undefined. */
function groups(address: string): number[] | undefined {
  let a = address.toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (tail) {
    const [p, q, r, s] = tail[1]!.split('.').map(Number) as [number, number, number, number];
    a = a.slice(0, -tail[1]!.length) + `${((p << 8) | q).toString(16)}:${((r << 8) | s).toString(16)}`;
  }
  const [head, rest] = a.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const fill = rest === undefined ? 0 : 8 - left.length - right.length;
  const all = [...left, ...Array<string>(fill).fill('0'), ...right].map((g) => parseInt(g, 16));
  return all.length === 8 && all.every((g) => g >= 0 && g <= 0xffff) ? all : undefined;
}

export function rateKey(address: string): string {
  const bare = address.replace(/%.*$/, '');
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return bare || '?';
  const g = groups(bare);
  if (!g) return bare;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff].join('.');
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(':')}::/64`;
}
