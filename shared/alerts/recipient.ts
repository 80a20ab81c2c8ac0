/**
 * Whether an alert's recipient is the person using the app. The people a call tree alerts
 * come from the emergency contact list, whose entries are not the app's members: the same
 * person is known by the e-mail address in their profile, or else by the same name (spaces
 * and full-width letters aside), so the person alerted finds the 確認しました button.
 *
 * (The 確認しました button by name as well: a profile's work address and a contact list's
 * personal one must not cost a person the button. Where a message is *sent*, myEntry is stricter.)
 */
import type { AlertRecipient } from './plan';

export interface Me {
  personId: string;
  name: string;
  email: string;
}

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

type Entry = Pick<AlertRecipient, 'personId' | 'name' | 'emails'>;

export function isMe(r: Entry, me: Me): boolean {
  if (r.personId === me.personId) return true;
  const email = fold(me.email);
  if (email && r.emails.some((e) => fold(e) === email)) return true;
  const name = fold(me.name);
  return name !== '' && fold(r.name) === name;
}

/**
 * The person's own entry among the contact list's (already without removed entries), to send
 * their reminders to: one carrying the profile's address first (over a namesake's entry, at
 * the printing vendor say), else the one entry of their name with an address. Two entries of
 * the same name and no address to tell them apart: none (a reminder to the wrong one of two
 * namesakes is worse than none, and the screen says there is no address).
 */
export function myEntry<T extends { id: string; name: string; emails: readonly string[] }>(entries: readonly T[], me: Me): T | null {
  const withAddress = entries.filter((p) => p.emails.length > 0);
  const email = fold(me.email);
  const byAddress = email ? withAddress.find((p) => p.emails.some((e) => fold(e) === email)) : undefined;
  if (byAddress) return byAddress;
  const byName = withAddress.filter((p) => isMe({ personId: p.id, name: p.name, emails: [...p.emails] }, me));
  return byName.length === 1 ? byName[0]! : null;
}
