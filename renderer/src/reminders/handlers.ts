/** The reminders part's commands as dispatch handlers. */
import * as reminders from '../../../shared/reminders/commands';
import type { Handler } from '../data/handler';

export type RemindersHandlers = {
  'reminders.acknowledge': Handler<reminders.ReminderIdsArgs>;
  'reminders.record-notified': Handler<reminders.ReminderIdsArgs>;
  'reminders.set-channels': Handler<reminders.ReminderChannels>;
};

export const remindersHandlers: RemindersHandlers = {
  'reminders.acknowledge': (h, args) => h.run(reminders.acknowledgeReminders(h.ctx, null, args)),
  'reminders.record-notified': (h, args) => h.run(reminders.recordNotified(h.ctx, null, args)),
  'reminders.set-channels': async (h, args) => {
    const current = reminders.channelsOf(await h.store.readEvents(undefined, ['reminders.channels-set']), h.ctx.actor.personId);
    await h.run(reminders.setReminderChannels(h.ctx, current, args));
  },
};
