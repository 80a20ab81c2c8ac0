/**
 * The intake page's rate limit counts an IPv6 /64 as one address (one machine usually holds
 * a whole /64), and an IPv4-mapped IPv6 address as its IPv4 address (decision 019, addendum).
 */
import { PassThrough } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { rateKey } from '../../server/intake/address';
import { intakeRoutes } from '../../server/intake/route';
import type { UpdateStore } from '../../server/storage';

describe('rateKey', () => {
  it('groups IPv6 by /64, maps IPv4-mapped IPv6 to IPv4, keeps IPv4 as is', () => {
    expect(rateKey('192.0.2.7')).toBe('192.0.2.7');
    expect(rateKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(rateKey('::ffff:c000:0207')).toBe('192.0.2.7');
    expect(rateKey('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(rateKey('2001:0DB8:0001:0002:ffff:ffff:ffff:1')).toBe('2001:db8:1:2::/64');
    expect(rateKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(rateKey('2001:db8:1:3::1')).not.toBe(rateKey('2001:db8:1:2::1'));
    expect(rateKey('::1')).toBe('0:0:0:0::/64');
  });
});

/** One submission from `address` through the route; its HTTP status. */
function submit(routes: ReturnType<typeof intakeRoutes>, address: string): Promise<number> {
  const req = Object.assign(new PassThrough(), {
    url: `/intake/${'A'.repeat(22)}/reports`,
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    socket: { remoteAddress: address },
  }) as unknown as IncomingMessage;
  return new Promise((resolve) => {
    const res = {
      headersSent: false,
      setHeader() {},
      writeHead(status: number) {
        resolve(status);
        return this;
      },
      end() {},
    } as unknown as ServerResponse;
    routes.handle(req, res);
    (req as unknown as PassThrough).end();
  });
}

describe('the intake route’s rate limit', () => {
  it('one IPv6 /64 shares one budget; another /64 and IPv4 have their own', async () => {
    const routes = intakeRoutes({ kind: 'leveldb' } as UpdateStore, { limits: { perAddressBurst: 3, perAddressPerHour: 1 } });
    // Refused for its content type (415) while within the limit; 429 once the /64 has spent it.
    for (const a of ['2001:db8:1:2::a', '2001:db8:1:2::b', '2001:db8:1:2:8000::c']) expect(await submit(routes, a)).toBe(415);
    expect(await submit(routes, '2001:db8:1:2:dead:beef:0:1')).toBe(429);
    expect(await submit(routes, '2001:db8:1:3::a')).toBe(415);
    for (let i = 0; i < 3; i++) expect(await submit(routes, '::ffff:198.51.100.4')).toBe(415);
    expect(await submit(routes, '198.51.100.4')).toBe(429);
  });
});
