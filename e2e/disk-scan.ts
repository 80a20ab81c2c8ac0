/** Scans every byte of a folder for strings, as UTF-8 and as UTF-16LE (how V8 and Chromium store text). */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export interface Hit {
  needle: string;
  encoding: 'utf8' | 'utf16le';
  file: string;
}

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

export async function scanForStrings(dir: string, needles: string[]): Promise<{ hits: Hit[]; files: number; bytes: number }> {
  const patterns = needles.flatMap((needle) =>
    (['utf8', 'utf16le'] as const).map((encoding) => ({ needle, encoding, bytes: Buffer.from(needle, encoding) })),
  );
  const hits: Hit[] = [];
  let count = 0;
  let bytes = 0;
  for await (const path of files(dir)) {
    let data: Buffer;
    try {
      data = await readFile(path);
    } catch {
      continue; // sockets, files removed while scanning
    }
    count++;
    bytes += data.byteLength;
    for (const p of patterns) {
      if (data.includes(p.bytes)) hits.push({ needle: p.needle, encoding: p.encoding, file: relative(dir, path) });
    }
  }
  return { hits, files: count, bytes };
}
