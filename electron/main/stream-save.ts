/**
 * Files written in chunks (shared/ipc/contract.ts, decision 026). The chunks go to a temporary
 * file beside the chosen one (same folder, so the final rename never crosses a disk); closing
 * with `keep` renames it over the chosen name, cancelling or a failed write removes it. So the
 * chosen name never holds half a file: an earlier file of that name stays whole until the new
 * one is complete.
 */
import { randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';

export interface StreamFs {
  open(file: string, flags: 'wx'): Promise<Pick<FileHandle, 'write' | 'close'>>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

interface Open {
  target: string;
  temp: string;
  handle: Pick<FileHandle, 'write' | 'close'>;
  /** Writes run one after another even if the renderer sends the next before the last ended. */
  queue: Promise<void>;
  failed: boolean;
}

/** At most this many files open at once: a renderer cannot exhaust file handles. */
const MAX_OPEN = 4;

export interface StreamSaver {
  open(target: string): Promise<string>;
  write(id: string, data: Uint8Array): Promise<void>;
  close(id: string, keep: boolean): Promise<{ saved: boolean }>;
  /** Removes every unfinished file (the window closed, the app quits). */
  abortAll(): Promise<void>;
}

export function createStreamSaver(fs: StreamFs, newId: () => string = () => randomBytes(16).toString('base64url')): StreamSaver {
  const streams = new Map<string, Open>();

  const get = (id: string): Open => {
    const s = streams.get(id);
    if (!s) throw new Error('stream-save: no such file being written');
    return s;
  };
  const discard = async (id: string, s: Open) => {
    streams.delete(id);
    await s.handle.close().catch(() => undefined);
    await fs.unlink(s.temp).catch(() => undefined);
  };

  return {
    async open(target) {
      if (streams.size >= MAX_OPEN) throw new Error('stream-save: too many files being written');
      const id = newId();
      const temp = path.join(path.dirname(target), `.${path.basename(target)}.${id.slice(0, 8)}.part`);
      const handle = await fs.open(temp, 'wx');
      streams.set(id, { target, temp, handle, queue: Promise.resolve(), failed: false });
      return id;
    },

    write(id, data) {
      const s = streams.get(id);
      if (!s) return Promise.reject(new Error('stream-save: no such file being written'));
      const next = s.queue.then(async () => {
        if (s.failed) throw new Error('stream-save: an earlier write failed');
        let done = 0;
        while (done < data.byteLength) {
          const { bytesWritten } = await s.handle.write(data, done, data.byteLength - done);
          done += bytesWritten;
        }
      });
      s.queue = next.catch(() => undefined);
      // A failed write (disk full) removes the partial file at once; the renderer learns it from the rejection.
      return next.catch(async (err: unknown) => {
        s.failed = true;
        await discard(id, s);
        throw err;
      });
    },

    async close(id, keep) {
      const s = get(id);
      await s.queue;
      if (!keep || s.failed) {
        await discard(id, s);
        return { saved: false };
      }
      streams.delete(id);
      try {
        await s.handle.close();
        await fs.rename(s.temp, s.target);
      } catch (err) {
        await fs.unlink(s.temp).catch(() => undefined);
        throw err;
      }
      return { saved: true };
    },

    async abortAll() {
      await Promise.all([...streams].map(([id, s]) => discard(id, s)));
    },
  };
}
