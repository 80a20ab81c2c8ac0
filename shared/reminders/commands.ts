/** Commands of the reminders part: the person's own record of what they saw. */
import { accept, refuse, unchanged, type CommandContext, type CommandResult } from '../events/command';

export interface ReminderIdsArgs {
  incidentId: string;
  reminderIds: string[];
}

function check(args: ReminderIdsArgs): { field: string; reason: 'required' } | null {
  if (args.incidentId === '') return { field: 'incidentId', reason: 'required' };
  if (args.reminderIds.length === 0) return { field: 'reminderIds', reason: 'required' };
  return null;
}

/** 確認しました: the reminders stop for this person (the actor), on every laptop of theirs. */
export function acknowledgeReminders(_ctx: CommandContext, _state: null, args: ReminderIdsArgs): CommandResult {
  const problem = check(args);
  if (problem) return refuse([problem]);
  return accept([{ type: 'reminders.acknowledged', incidentId: args.incidentId, payload: { reminderIds: [...new Set(args.reminderIds)] } }]);
}

/** A desktop notification went out: it is not shown again, after a restart or on the person's other laptop. */
export function recordNotified(_ctx: CommandContext, _state: null, args: ReminderIdsArgs): CommandResult {
  const problem = check(args);
  if (problem) return refuse([problem]);
  return accept([{ type: 'reminders.notified', incidentId: args.incidentId, payload: { reminderIds: [...new Set(args.reminderIds)], channel: 'desktop' } }]);
}

export interface ReminderChannels {
  email: boolean;
  chatChannelIds: string[];
}

export const NO_REMINDER_CHANNELS: ReminderChannels = { email: false, chatChannelIds: [] };

/** The person's choice of e-mail and chat for their reminders (decision 024); unchanged when it is the same. */
export function setReminderChannels(_ctx: CommandContext, current: ReminderChannels, args: ReminderChannels): CommandResult {
  const next = { email: args.email, chatChannelIds: [...new Set(args.chatChannelIds)].sort() };
  if (next.chatChannelIds.length > 20) return refuse([{ field: 'chatChannelIds', reason: 'invalid' }]);
  if (next.email === current.email && next.chatChannelIds.join('\n') === [...current.chatChannelIds].sort().join('\n')) return unchanged('email');
  return accept([{ type: 'reminders.channels-set', incidentId: null, payload: next }]);
}

/** One person's latest choice (events in log order); none chosen: the desktop only. */
export function channelsOf(events: readonly { actor: string; type: string; payload: unknown }[], personId: string): ReminderChannels {
  let out = NO_REMINDER_CHANNELS;
  for (const e of events) if (e.type === 'reminders.channels-set' && e.actor === personId) out = e.payload as ReminderChannels;
  return out;
}

/** The reminder ids one person acknowledged (or was shown), from the events of that type. */
export function idsBy(events: readonly { actor: string; type: string; payload: unknown }[], type: 'reminders.acknowledged' | 'reminders.notified', personId: string): Set<string> {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.type !== type || e.actor !== personId) continue;
    for (const id of (e.payload as { reminderIds: string[] }).reminderIds) ids.add(id);
  }
  return ids;
}
