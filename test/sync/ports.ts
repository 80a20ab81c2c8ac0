/**
 * A port for a sync server that a test stops and starts again on the same address. Port 0
 * gives one from the range the system also hands outgoing connections (32768–60999 here), so
 * between the stop and the start any connection — another test's, in another process — may
 * take it, and the start fails with EADDRINUSE. This one is below that range, and free when
 * chosen.
 */
import { createServer } from 'node:net';

export async function reusablePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
}
