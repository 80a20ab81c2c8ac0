/**
 * The last hand-over round's outcome (decision 024), for the settings card: a person who chose
 * e-mail must learn when the team's server did not take their reminders, not find out by a
 * mail that never came.
 */
import { create } from 'zustand';
import type { ReminderRound } from './reminder-link';

export const useReminderRound = create<{ last: ReminderRound | null }>(() => ({ last: null }));
