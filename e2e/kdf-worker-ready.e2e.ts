/**
 * Decision 070 in the browser the app runs in: the unlock's worker, started while the unlock
 * screen waits for the passphrase, makes its memory ready, and the key it then derives on it is
 * the key hash-wasm derives (a person whose laptop derived another key could never unlock).
 * The worker is the app's own built script, talked to as kdf-off-thread.ts talks to it.
 */
import { describe, expect, it } from 'vitest';
import { createWorkspace } from './flows';
import { newPage, useBrowserAndServer } from './harness';

const env = useBrowserAndServer();

describe('the unlock’s key-derivation worker', () => {
  it('makes its memory ready and derives on it the key every other derivation gives', async () => {
    const { context, page } = await newPage(env.browser);
    await createWorkspace(page, env.server.url);
    await page.getByRole('button', { name: 'ロック', exact: true }).click();
    await page.getByRole('heading', { name: 'ワークスペースのロックを解除' }).waitFor();
    const result = await page.evaluate(async () => {
      const script = performance.getEntriesByType('resource').map((e) => e.name).find((n) => /kdf-worker/.test(n));
      if (!script) return { error: 'the unlock screen started no key-derivation worker' };
      const ask = (w: Worker, id: number, call: string, args: unknown) =>
        new Promise<unknown>((resolve, reject) => {
          const heard = (ev: MessageEvent) => {
            const reply = ev.data as { id: number; value?: unknown; error?: string };
            if (reply.id !== id || !('value' in reply || 'error' in reply)) return;
            w.removeEventListener('message', heard);
            if ('error' in reply) reject(new Error(reply.error));
            else resolve(reply.value);
          };
          w.addEventListener('message', heard);
          w.postMessage({ id, call, args });
        });
      const params = { alg: 'argon2id', memorySize: 64 * 1024, iterations: 3, parallelism: 1, salt: '' };
      const salt = new Uint8Array(16).map((_, i) => i * 13);
      const passphrase = '夜明けの港で会議は六時から';
      const ready = new Worker(script, { type: 'module' });
      const plain = new Worker(script, { type: 'module' });
      try {
        const prepared = await ask(ready, 1, 'prepare', undefined);
        // As a person types: the memory written meanwhile.
        await new Promise((r) => setTimeout(r, 1500));
        let t0 = performance.now();
        const fastKey = (await ask(ready, 2, 'derive', { passphrase, params, salt, fast: true })) as CryptoKey;
        const fastMs = performance.now() - t0;
        t0 = performance.now();
        const plainKey = (await ask(plain, 1, 'derive', { passphrase, params, salt })) as CryptoKey;
        const plainMs = performance.now() - t0;
        const iv = new Uint8Array(12);
        const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, fastKey, new TextEncoder().encode('同じ鍵'));
        const opened = new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, plainKey, sealed));
        return { prepared, opened, fastMs, plainMs };
      } finally {
        ready.terminate();
        plain.terminate();
      }
    });
    expect(result).toMatchObject({ prepared: true, opened: '同じ鍵' });
    // Not a timing assertion: both printed for whoever reads the run.
    process.stdout.write(`Argon2id in the unlock's worker: ${Math.round((result as { fastMs: number }).fastMs)} ms on memory made ready, ${Math.round((result as { plainMs: number }).plainMs)} ms on a fresh one\n`);
    await context.close();
  });
});
