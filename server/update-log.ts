/**
 * Durable storage for the sync server: one append-only log of Yjs updates per document,
 * each record written and fsync'ed before the next is accepted, so a crash or a restart
 * loses nothing that was stored. Loading replays the records; a record cut short by a
 * crash mid-write is dropped (its sender still has it and re-sends on reconnect). Long
 * logs are compacted into one update by writing a new file and renaming it over the old.
 * The server never decrypts: the updates hold only envelope ciphertext.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const HEADER = 4;

export class UpdateLog {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Hex of the name: no path traversal, no case folding surprises on macOS/Windows. */
  private path(docName: string): string {
    return join(this.dir, `${Buffer.from(docName, 'utf8').toString('hex')}.ylog`);
  }

  load(docName: string): Uint8Array[] {
    const path = this.path(docName);
    if (!existsSync(path)) return [];
    const data = readFileSync(path);
    const out: Uint8Array[] = [];
    let at = 0;
    while (at + HEADER <= data.byteLength) {
      const length = data.readUInt32LE(at);
      if (at + HEADER + length > data.byteLength) break; // torn tail
      out.push(new Uint8Array(data.subarray(at + HEADER, at + HEADER + length)));
      at += HEADER + length;
    }
    return out;
  }

  /** Opens the log for appending; the descriptor stays open while the document is loaded. */
  open(docName: string): number {
    return openSync(this.path(docName), 'a');
  }

  append(fd: number, update: Uint8Array): void {
    const header = Buffer.alloc(HEADER);
    header.writeUInt32LE(update.byteLength, 0);
    writeSync(fd, Buffer.concat([header, update]));
    fsyncSync(fd);
  }

  close(fd: number): void {
    closeSync(fd);
  }

  /** Replaces the log by one record (the merged state); atomic thanks to rename. */
  compact(docName: string, state: Uint8Array): void {
    const path = this.path(docName);
    const tmp = `${path}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      this.append(fd, state);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    // The rename itself must reach the disk, or a power cut could bring back the old name.
    try {
      const dirFd = openSync(this.dir, 'r');
      try {
        fsyncSync(dirFd);
      } finally {
        closeSync(dirFd);
      }
    } catch {
      // Windows cannot open a directory for fsync; NTFS journals the rename anyway.
    }
  }
}
