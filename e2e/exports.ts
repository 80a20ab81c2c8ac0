/**
 * Reading files of customers made through the two-person export: the records without the
 * mark line, after checking the mark names an export and the person who asked (and, on a
 * laptop alone in its workspace, that there was no second person); and a stand-in for the
 * browser's save picker that keeps what is written.
 */
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import { readExport, withoutMark } from '../shared/contacts/export-check';
import type { CsvEncoding } from '../shared/export/csv';

export const EXPORT_ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** The records of a produced file; its mark must be the last line and name `requester` (solo: "no second person"). */
export function readProduced(bytes: Uint8Array, encoding: CsvEncoding, requester: string, approver: string | null = null): string[][] {
  const { records, mark } = withoutMark(readExport(bytes, encoding));
  expect(mark).toMatch(new RegExp(`^Honbu 出力番号 ${EXPORT_ID.source} / 依頼 ${requester} / ${approver === null ? '2人目なし' : `承認 ${approver}$`}`));
  return records;
}

/** Types why a batch's file is needed (required before asking). */
export async function giveReason(batch: Locator, reason = '印刷会社・コールセンターへ渡すため'): Promise<void> {
  await batch.getByLabel('ファイルを出力する理由（必須）').fill(reason);
}

/**
 * The File System Access API's save picker, standing in for the save dialog; install it with
 * `context.addInitScript(fakePicker, options)`. Each file's chunks are kept in `window.__files`
 * for the test to read; while `window.__hold` is a promise, writes wait for it. With
 * `cancelFirst`, the first dialog for a file whose suggested name contains it is cancelled.
 */
export function fakePicker(options: { cancelFirst?: string } = {}): void {
  type F = { name: string; chunks: number[][]; closed: boolean; aborted: boolean };
  const w = window as unknown as { __files: F[]; __cancelled: number; __hold?: Promise<void> };
  w.__files = [];
  w.__cancelled = 0;
  (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async (opts: { suggestedName: string }) => {
    if (options.cancelFirst !== undefined && opts.suggestedName.includes(options.cancelFirst) && w.__cancelled++ === 0) throw new DOMException('cancelled', 'AbortError');
    const file: F = { name: opts.suggestedName, chunks: [], closed: false, aborted: false };
    w.__files.push(file);
    return {
      createWritable: async () => ({
        write: async (d: Uint8Array) => {
          if (w.__hold) await w.__hold;
          file.chunks.push(Array.from(d));
        },
        close: async () => void (file.closed = true),
        abort: async () => void (file.aborted = true),
      }),
    };
  };
}
