/**
 * The apology gift (お詫び品) as events: the programme (options, unit cost, code format,
 * validity), a redemption file from the gift vendor applied as ONE event, and its undo.
 * Codes never appear in an event: a redemption names the customers by list and row (the
 * code decrypts to them, gift-code.ts), with the option chosen and the day redeemed.
 * These are not status events: the contact statuses never fold them (decision 029).
 */
import * as v from 'valibot';
import { eventGuard, type EventOf, type PayloadIn } from '../events/event';

export const GIFT_EVENT_TYPES = {
  programmeSet: 'contacts.gift-programme-set',
  redeemed: 'contacts.gifts-redeemed',
  redemptionUndone: 'contacts.gift-redemption-undone',
} as const;

export const GIFT_CODE_FORMATS = ['crockford-13'] as const;
export const MAX_GIFT_OPTIONS = 10;
export const MAX_UNIT_COST = 1_000_000;

const intList = v.custom<number[]>((input) => Array.isArray(input) && input.every((r) => Number.isInteger(r) && r >= 0), 'must be a list of whole numbers');
const day = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));

export const giftOption = v.object({
  /** Stable across edits of the label: redemptions name the option by it. */
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
  label: v.pipe(v.string(), v.minLength(1), v.maxLength(80)),
  unitCost: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_UNIT_COST)),
});

/** One list's part of a redemption file: per row, the option (index into `optionIds`) and the day (days since 1970-01-01, UTC). */
const redeemedPart = v.pipe(
  v.object({ datasetId: v.string(), rows: intList, options: intList, days: intList }),
  v.check((p) => p.options.length === p.rows.length && p.days.length === p.rows.length, 'options and days must have one entry per row'),
);

export const giftEvents = {
  [GIFT_EVENT_TYPES.programmeSet]: v.object({
    options: v.pipe(v.array(giftOption), v.minLength(1), v.maxLength(MAX_GIFT_OPTIONS)),
    codeFormat: v.picklist(GIFT_CODE_FORMATS),
    validFrom: day,
    validUntil: day,
  }),
  [GIFT_EVENT_TYPES.redeemed]: v.pipe(
    v.object({
      optionIds: v.array(v.string()),
      parts: v.array(redeemedPart),
      listName: v.optional(v.string()),
      listLines: v.optional(v.number()),
    }),
    v.check((p) => p.parts.every((part) => part.options.every((o) => o < p.optionIds.length)), 'each option must be one of optionIds'),
  ),
  [GIFT_EVENT_TYPES.redemptionUndone]: v.object({ eventId: v.string() }),
} as const;

type Schemas = typeof giftEvents;
export type GiftProgramme = PayloadIn<Schemas, 'contacts.gift-programme-set'>;
export type GiftOption = GiftProgramme['options'][number];
export type GiftsRedeemed = PayloadIn<Schemas, 'contacts.gifts-redeemed'>;
export type GiftEvent = EventOf<Schemas>;
export const isGiftEvent = eventGuard(giftEvents);
export const GIFT_TYPES: string[] = Object.values(GIFT_EVENT_TYPES);
