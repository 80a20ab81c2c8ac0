/**
 * The FAQ handed over to the call-centre vendor: one event per handover, carrying exactly
 * the text the vendor got (rendered answers, not templates), so the workbook made again
 * later is the same file and the next handover's 本日の変更点 compares against what the
 * vendor really has. Registered beside faqEvents; folded into its own table.
 */
import * as v from 'valibot';
import { eventGuard, type EventOf, type HonbuEvent, type PayloadIn } from '../events/event';
import type { ProjectionSpec } from '../events/projection';
import type { FaqHandover } from './handover';

export const FAQ_HANDED_OVER = 'faq.handed-over';

const itemSchema = v.object({
  entryId: v.string(),
  no: v.pipe(v.number(), v.integer(), v.minValue(1)),
  version: v.number(),
  question: v.string(),
  category: v.string(),
  answer: v.string(),
  approvedAt: v.string(),
  approvedBy: v.string(),
});

export const faqHandoverEvents = {
  [FAQ_HANDED_OVER]: v.object({
    handoverId: v.string(),
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
    title: v.string(),
    items: v.array(itemSchema),
    leftOutStale: v.array(v.object({ entryId: v.string(), question: v.string() })),
    // Entries whose approval lapsed (decision 067): 使用停止 until approved again. Optional: handovers recorded before it parse.
    onHold: v.optional(v.array(v.object({ entryId: v.string(), question: v.string() }))),
    draftsLeftOut: v.number(),
  }),
} as const;

export type FaqHandoverEvent = EventOf<typeof faqHandoverEvents>;
export type HandedOverPayload = PayloadIn<typeof faqHandoverEvents, typeof FAQ_HANDED_OVER>;
export const isFaqHandoverEvent = eventGuard(faqHandoverEvents);

export const faqHandoversProjection: ProjectionSpec<FaqHandover> = {
  table: 'faq-handovers',
  keys: (e: HonbuEvent) => (isFaqHandoverEvent(e) ? [e.payload.handoverId] : []),
  reduce(row, e) {
    if (!isFaqHandoverEvent(e)) return row ?? null;
    // A handover is written once; the same event folded again changes nothing.
    if (row) return row;
    const { handoverId, ...rest } = e.payload;
    return { id: handoverId, incidentId: e.incidentId, ...rest, at: e.at, actor: e.actor };
  },
  index: (row) => ({ incidentId: row.incidentId ?? '' }),
  types: [FAQ_HANDED_OVER],
};
