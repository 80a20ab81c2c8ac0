/**
 * Reading files of customers made through the two-person export: the records without the
 * mark line, after checking the mark names an export and the person who asked (and, on a
 * laptop alone in its workspace, that there was no second person).
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
