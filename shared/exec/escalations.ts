/**
 * Open escalations for the executives' page. For now the enquiries the operator marked for
 * escalation; when the escalation queue (owner, callback, outcome) lands, this one function
 * is pointed at it and the page follows.
 */
import type { Enquiry } from '../faq/model';

export function openEscalationCount(enquiries: readonly Pick<Enquiry, 'escalate'>[]): number {
  let n = 0;
  for (const e of enquiries) if (e.escalate) n++;
  return n;
}
