/**
 * The one-time link's page when the host cannot answer (Redis restarted, another process holding
 * the alert lock through a slow SMTP server): the person who pressed the button gets words and a
 * way out, not an empty error page.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { handleAlertRequest } from '../../server/alerts/http';
import type { AlertRunner } from '../../server/alerts/runner';
import type { UpdateStore } from '../../server/storage';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => server?.close(r));
  server = undefined;
});

it('pressing the button while the host cannot reach its store says so and what to do', async () => {
  const runner = { acknowledgeLink: () => Promise.reject(new Error('redis: alert lock not free')) } as unknown as AlertRunner;
  server = createServer((req, res) => {
    handleAlertRequest(req, res, runner, {} as UpdateStore).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts/ack/${'A'.repeat(43)}`;
  const res = await fetch(url, { method: 'POST' });
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('60');
  const html = await res.text();
  expect(html).toContain('少し待ってからもう一度押すか、アプリで確認してください');
  expect(html).toContain('Please try again in a minute, or acknowledge in the app.');
  expect(html).not.toContain('redis');
  // The button is there again: the way out is one press away.
  expect(html).toContain('<form method="post">');
});
