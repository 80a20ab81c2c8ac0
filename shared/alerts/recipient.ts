/**
 * Whether an alert's recipient is the person using the app. The people a call tree alerts
 * come from the emergency contact list, whose entries are not the app's members: the same
 * person is known by the e-mail address in their profile, or else by the same name (spaces
 * and full-width letters aside), so the person alerted finds the 確認しました button.
 */
import type { AlertRecipient } from './plan';

export interface Me {
  personId: string;
  name: string;
  email: string;
}

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export function isMe(r: Pick<AlertRecipient, 'personId' | 'name' | 'emails'>, me: Me): boolean {
  if (r.personId === me.personId) return true;
  const email = fold(me.email);
  if (email && r.emails.some((e) => fold(e) === email)) return true;
  const name = fold(me.name);
  return name !== '' && fold(r.name) === name;
}
