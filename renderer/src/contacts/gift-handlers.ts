/**
 * The apology gift's commands through dispatch: each reads the gift events (gifts.ts) and
 * appends what the pure command (shared/contacts/gift-commands.ts) decides.
 */
import * as commands from '../../../shared/contacts/gift-commands';
import { GIFT_EVENT_TYPES, type GiftProgramme } from '../../../shared/contacts/gift-events';
import type { RedemptionFile, RedemptionMapping } from '../../../shared/contacts/gift-redemption';
import type { Handler, HandlerContext } from '../data/handler';
import { readerOf } from './contact-data';
import { giftEvents, giftState, previewRedemption, type ListNumberOf } from './gifts';

export type GiftHandlers = {
  /** Value: the programme as stored. */
  'contacts.set-gift-programme': Handler<{ incidentId: string } & commands.ProgrammeDraft, GiftProgramme>;
  /**
   * A vendor file applied: planned again here against the events as they are now (another
   * laptop's file may have landed since the preview), so nothing is recorded twice. Value:
   * the event's id (for undo at once) and how many redemptions it recorded.
   */
  'contacts.record-redemptions': Handler<{ incidentId: string; file: RedemptionFile; mapping: RedemptionMapping; listName?: string; listNumberOf?: ListNumberOf }, { eventId: string; count: number }>;
  'contacts.undo-redemption': Handler<{ incidentId: string; eventId: string }>;
};

const reader = (h: HandlerContext) => readerOf(h.store);

export const giftHandlers: GiftHandlers = {
  'contacts.set-gift-programme': async (h, { incidentId, ...draft }) => {
    const current = (await giftState(reader(h), incidentId)).programme;
    return (await h.commit(commands.setGiftProgramme(h.ctx, { incidentId, current }, draft))).value;
  },
  'contacts.record-redemptions': async (h, args) => {
    const { plan } = await previewRedemption(reader(h), args.incidentId, args.file, { ...args, now: h.ctx.now });
    const { events } = await h.commit(commands.recordRedemptions(h.ctx, { incidentId: args.incidentId }, plan?.payload ?? null));
    return { eventId: events[0]!.id, count: plan?.valid ?? 0 };
  },
  'contacts.undo-redemption': async (h, args) => {
    const events = await giftEvents(reader(h), args.incidentId);
    const exists = events.some((e) => e.id === args.eventId && e.type === GIFT_EVENT_TYPES.redeemed);
    const undone = events.some((e) => e.type === GIFT_EVENT_TYPES.redemptionUndone && e.payload.eventId === args.eventId);
    await h.commit(commands.undoRedemption(h.ctx, { incidentId: args.incidentId, exists, undone }, args));
  },
};
