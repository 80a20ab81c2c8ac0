/** The outgoing part's events: type → payload schema; the fold lives in overrides.ts. */
import * as v from 'valibot';
import { eventGuard, type EventOf, type PayloadIn } from '../events/event';
import { PLACEHOLDERS } from '../incident/render';
import { OUTGOING_KINDS } from './unfilled';

export const OVERRIDE_RECORDED = 'outgoing.override-recorded';

export const overrideRecordedSchema = v.object({
  overrideId: v.string(),
  /** The document it lets through (OutgoingDocument.id), and what it was called then. */
  documentId: v.string(),
  kind: v.picklist(OUTGOING_KINDS),
  title: v.string(),
  /** Exactly the facts that may be missing; any other missing fact blocks again. */
  facts: v.pipe(v.array(v.picklist(PLACEHOLDERS)), v.minLength(1)),
  /** Where the facts were used when direction decided. */
  uses: v.array(v.object({ fact: v.picklist(PLACEHOLDERS), where: v.string(), line: v.number() })),
  /** Why direction let it go out with gaps: required, so the gate never opens without a reason. */
  reason: v.pipe(v.string(), v.check((r) => r.trim() !== '', 'a reason is required')),
});

export const outgoingEvents = {
  [OVERRIDE_RECORDED]: overrideRecordedSchema,
} as const;

export type OutgoingEvent = EventOf<typeof outgoingEvents>;
export type OverrideRecordedPayload = PayloadIn<typeof outgoingEvents, typeof OVERRIDE_RECORDED>;
export type OverrideUse = OverrideRecordedPayload['uses'][number];
export const isOutgoingEvent = eventGuard(outgoingEvents);
