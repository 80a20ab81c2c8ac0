import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStreamSaver, type StreamFs } from './stream-save';

let dir = '';
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'honbu-stream-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const realFs: StreamFs = { open: (f, flags) => fs.open(f, flags), rename: fs.rename, unlink: fs.unlink };
const bytes = (s: string) => new TextEncoder().encode(s);

describe('files written in chunks (Electron main)', () => {
  it('the chunks joined are the whole file, under the chosen name, and nothing else is left', async () => {
    const saver = createStreamSaver(realFs);
    const target = path.join(dir, '印刷会社用.csv');
    const id = await saver.open(target);
    const parts = ['郵便番号,氏名\r\n', '1000005,山田 花子\r\n', '', '6048571,髙橋 恵美子\r\n'];
    // Sent without waiting, as a hurried renderer might: still written in order.
    await Promise.all(parts.map((p) => saver.write(id, bytes(p))));
    // Nothing under the chosen name until it is complete.
    await expect(fs.access(target)).rejects.toThrow();
    expect(await saver.close(id, true)).toEqual({ saved: true });
    expect(await fs.readFile(target, 'utf8')).toBe(parts.join(''));
    expect(await fs.readdir(dir)).toEqual(['印刷会社用.csv']);
  });

  it('a cancelled export leaves no partial file, and an earlier file of that name stays whole', async () => {
    const saver = createStreamSaver(realFs);
    const target = path.join(dir, 'vendor.csv');
    await fs.writeFile(target, 'the earlier file');
    const id = await saver.open(target);
    await saver.write(id, bytes('half of a new file'));
    expect((await fs.readdir(dir)).length).toBe(2);
    expect(await saver.close(id, false)).toEqual({ saved: false });
    expect(await fs.readdir(dir)).toEqual(['vendor.csv']);
    expect(await fs.readFile(target, 'utf8')).toBe('the earlier file');
    await expect(saver.write(id, bytes('x'))).rejects.toThrow('no such file');
  });

  it('a failed write (disk full) removes the partial file and refuses the rest', async () => {
    let writes = 0;
    const failing: StreamFs = {
      ...realFs,
      open: async (f, flags) => {
        const h = await fs.open(f, flags);
        return {
          close: () => h.close(),
          write: ((data: Uint8Array, offset: number, length: number) => {
            if (++writes === 2) return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
            return h.write(data, offset, length);
          }) as typeof h.write,
        };
      },
    };
    const saver = createStreamSaver(failing);
    const id = await saver.open(path.join(dir, 'vendor.csv'));
    await saver.write(id, bytes('first'));
    await expect(saver.write(id, bytes('second'))).rejects.toThrow('ENOSPC');
    expect(await fs.readdir(dir)).toEqual([]);
    await expect(saver.close(id, true)).rejects.toThrow('no such file');
  });

  it('the window closing removes every unfinished file', async () => {
    const saver = createStreamSaver(realFs);
    const a = await saver.open(path.join(dir, 'a.csv'));
    await saver.open(path.join(dir, 'b.csv'));
    await saver.write(a, bytes('x'));
    await saver.abortAll();
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('refuses a fifth file at once', async () => {
    const saver = createStreamSaver(realFs);
    for (const n of [1, 2, 3, 4]) await saver.open(path.join(dir, `${n}.csv`));
    await expect(saver.open(path.join(dir, '5.csv'))).rejects.toThrow('too many');
    await saver.abortAll();
  });
});
