import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { eventGroup, isRegisteredEventType } from '../events/registry';
import { channelsOf, NO_REMINDER_CHANNELS, setReminderChannels } from './commands';
import { reminderEvents } from './events';

const ctx = { now: 0, newId: () => 'x', actor: { personId: 'p1', roles: [] } };

describe("a person's channels for their reminders", () => {
  it('are recorded as the person chose them, once', () => {
    const r = setReminderChannels(ctx, NO_REMINDER_CHANNELS, { email: true, chatChannelIds: ['c2', 'c1', 'c2'] });
    expect(r.ok && r.events).toEqual([{ type: 'reminders.channels-set', incidentId: null, payload: { email: true, chatChannelIds: ['c1', 'c2'] } }]);
    const same = setReminderChannels(ctx, { email: true, chatChannelIds: ['c2', 'c1'] }, { email: true, chatChannelIds: ['c1', 'c2'] });
    expect(same).toEqual({ ok: false, problems: [{ field: 'email', reason: 'unchanged' }] });
  });

  it("the latest of the person's own choices counts; another member's does not", () => {
    const ev = (actor: string, email: boolean, chatChannelIds: string[]) => ({ actor, type: 'reminders.channels-set', payload: { email, chatChannelIds } });
    expect(channelsOf([], 'p1')).toEqual({ email: false, chatChannelIds: [] });
    expect(channelsOf([ev('p1', true, ['c1']), ev('p2', false, []), ev('p1', true, [])], 'p1')).toEqual({ email: true, chatChannelIds: [] });
  });

  it('is a registered event, checked on arrival', () => {
    expect(isRegisteredEventType('reminders.channels-set')).toBe(true);
    expect(eventGroup('reminders.channels-set')).toBe('board');
    const schema = reminderEvents['reminders.channels-set'];
    expect(v.safeParse(schema, { email: true, chatChannelIds: ['c1'] }).success).toBe(true);
    expect(v.safeParse(schema, { email: 'yes', chatChannelIds: [] }).success).toBe(false);
  });
});
