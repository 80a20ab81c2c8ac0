/** The reminders part's events: type → payload schema. */
import * as v from 'valibot';
import { eventGuard, type EventOf } from '../events/event';

/** Reminder ids (reminders.ts reminderId): short, plain, never personal data. */
const reminderIds = v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(200))), v.minLength(1), v.maxLength(200));

export const reminderEvents = {
  /** "確認しました": the actor has seen these reminders; they stop for the actor on all of their laptops. */
  'reminders.acknowledged': v.object({ reminderIds }),
  /**
   * These reminders were shown to the actor (on the channel named): another laptop of the
   * same person, or this one after a restart, does not show them again.
   */
  'reminders.notified': v.object({ reminderIds, channel: v.picklist(['desktop']) }),
  /**
   * How the actor wants their reminders beyond the desktop (decision 024): by e-mail (to their
   * entry in the emergency contact list) and on the team chat channels named. The person's,
   * on every laptop of theirs; the latest counts.
   */
  'reminders.channels-set': v.object({
    email: v.boolean(),
    chatChannelIds: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(100))), v.maxLength(20)),
  }),
} as const;

export type ReminderEvent = EventOf<typeof reminderEvents>;
export const isReminderEvent = eventGuard(reminderEvents);
