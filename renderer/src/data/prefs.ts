/** Device preferences: readable before unlock, so they must never hold personal data. */
import type { Language } from '../../../shared/ipc/contract';
import { ADVANCE_CHOICES, DEFAULT_ADVANCE_MINUTES } from '../../../shared/reminders/reminders';
import type { HonbuDb } from './db';

export interface Prefs {
  lang: Language;
  idleMinutes: number;
  /** Minutes before a deadline this laptop's person is warned (0: not before, only at it). */
  reminderAdvanceMinutes: number;
}

export const DEFAULT_PREFS: Prefs = { lang: 'ja', idleMinutes: 15, reminderAdvanceMinutes: DEFAULT_ADVANCE_MINUTES };
export const IDLE_CHOICES = [1, 5, 10, 15, 30, 60] as const;

export async function readPrefs(db: HonbuDb): Promise<Prefs> {
  const rows = await db.prefs.toArray();
  const stored = Object.fromEntries(rows.map((r) => [r.key, r.value])) as Partial<Prefs>;
  return {
    lang: stored.lang === 'en' ? 'en' : 'ja',
    idleMinutes: IDLE_CHOICES.includes(stored.idleMinutes as never) ? stored.idleMinutes! : DEFAULT_PREFS.idleMinutes,
    reminderAdvanceMinutes: ADVANCE_CHOICES.includes(stored.reminderAdvanceMinutes as never) ? stored.reminderAdvanceMinutes! : DEFAULT_PREFS.reminderAdvanceMinutes,
  };
}

export async function writePref<K extends keyof Prefs>(db: HonbuDb, key: K, value: Prefs[K]): Promise<void> {
  await db.prefs.put({ key, value });
}
