/**
 * Letters and the e-mail text of a contact batch are made only from the notice to
 * individuals that was approved, still quotes today's facts, and has a sender. Anything
 * else (the default wording, a draft, a version whose count or desk number changed after
 * approval, a letter signed by nobody) would reach thousands of customers; this says what
 * is missing, so the batch stops and sends the person to fix it. Codes only: the screen
 * words them.
 */
import type { CompanyFields } from '../company/events';
import { latestInForce, type VersionedDoc } from '../disclosure/doc-versions';
import { noticeStale } from '../disclosure/notice';
import type { Facts } from '../incident/model';
import type { FieldChange } from '../incident/report-diff';

export type NoticeGap =
  /** No version of the notice has been approved (only the default wording or a draft). */
  | { kind: 'not-approved'; draftVersion: number | null }
  /** The approved version quotes facts that changed since: a new version must be approved. */
  | { kind: 'stale'; version: number; changes: FieldChange<keyof Facts>[] }
  /** The company profile has no name: the letter would be signed by nobody. */
  | { kind: 'no-sender' };

export function noticeGaps(notices: readonly VersionedDoc[], facts: Facts, company: Pick<CompanyFields, 'name'> | null): NoticeGap[] {
  const gaps: NoticeGap[] = [];
  const approved = latestInForce(notices);
  if (!approved) {
    const draft = notices.reduce<VersionedDoc | null>((best, n) => (best === null || n.version > best.version ? n : best), null);
    gaps.push({ kind: 'not-approved', draftVersion: draft?.version ?? null });
  } else {
    const stale = noticeStale(notices, facts);
    if (stale) gaps.push({ kind: 'stale', version: stale.notice.version, changes: stale.changes });
  }
  if (!company || company.name.trim() === '') gaps.push({ kind: 'no-sender' });
  return gaps;
}
