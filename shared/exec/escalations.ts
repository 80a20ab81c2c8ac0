/**
 * Open escalations for the executives' page: the callbacks still owed (decision 033) — every
 * escalated enquiry whose callback has no outcome yet — as the 折り返し tab counts them.
 */
import type { HonbuEvent } from '../events/event';
import { escalations } from '../faq/escalations';
import type { Enquiry } from '../faq/model';

export function openEscalationCount(enquiries: Iterable<Enquiry>, events: Iterable<HonbuEvent>, now: number): number {
  return escalations({ enquiries, events, now }).open.length;
}
