/** Checks of a person of the contact list and of a call tree, shared by the form, the CSV import and the commands. */
import { MAILBOX } from '../alerts/events';
import type { Problem } from '../events/command';
import { parseHours } from './hours';
import { MAX_EMAILS, MAX_PHONES, MAX_STEP_PEOPLE, MAX_STEPS, MAX_WAIT_MINUTES, type CallTreeFields, type DirectoryPersonFields } from './model';

const PHONE = /^[+\d\s()\-\u2010-\u2015\u2212\u30fc\uff0d]{6,24}$/;
const LINE_BREAK = /[\r\n]/;

/** A phone as the tel: link dials it: digits and a leading +, whatever way it was typed (full-width, hyphens). */
export function dialable(phone: string): string {
  const s = phone.normalize('NFKC').trim();
  return (s.startsWith('+') ? '+' : '') + s.replace(/\D/g, '');
}

/** Trims every field, drops empty phones and e-mails (and an address given twice), and writes full-width ones as ASCII. */
export function cleanPerson(p: DirectoryPersonFields): DirectoryPersonFields {
  const list = (xs: readonly string[]) => xs.map((x) => x.normalize('NFKC').trim()).filter((x) => x !== '');
  // The same address typed twice (case, full-width) is one address: mailed once, shown once.
  const unique = (xs: readonly string[]) => xs.filter((x, i) => xs.findIndex((y) => y.toLowerCase() === x.toLowerCase()) === i);
  return {
    ...p,
    name: p.name.trim(),
    organisation: p.organisation.trim(),
    title: p.title.trim(),
    chat: p.chat.trim(),
    hours: p.hours.trim(),
    phones: list(p.phones),
    emails: unique(list(p.emails)),
    deputyId: p.deputyId || null,
  };
}

/**
 * Problems of one (cleaned) person: `field` is the form's field (`phones.0`, `emails.1`,
 * `deputyId`, …). `known` are the ids of the list the deputy may be chosen from.
 */
export function checkPerson(p: DirectoryPersonFields, self: string, known: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  if (p.name === '') problems.push({ field: 'name', reason: 'required' });
  for (const f of ['name', 'organisation', 'title', 'chat', 'hours'] as const) {
    if (LINE_BREAK.test(p[f])) problems.push({ field: f, reason: 'line-break' });
    else if (p[f].length > (f === 'hours' ? 100 : 200)) problems.push({ field: f, reason: 'too-long' });
  }
  if (p.phones.length > MAX_PHONES) problems.push({ field: 'phones', reason: 'too-many', params: { max: MAX_PHONES } });
  if (p.emails.length > MAX_EMAILS) problems.push({ field: 'emails', reason: 'too-many', params: { max: MAX_EMAILS } });
  p.phones.forEach((x, i) => PHONE.test(x) || problems.push({ field: `phones.${i}`, reason: 'invalid-phone' }));
  p.emails.forEach((x, i) => MAILBOX.test(x) || problems.push({ field: `emails.${i}`, reason: 'invalid-email' }));
  if (!parseHours(p.hours).ok) problems.push({ field: 'hours', reason: 'invalid-hours' });
  if (p.deputyId !== null) {
    if (p.deputyId === self) problems.push({ field: 'deputyId', reason: 'deputy-self' });
    else if (!known.has(p.deputyId)) problems.push({ field: 'deputyId', reason: 'deputy-unknown' });
  }
  return problems;
}

export function checkTree(tree: CallTreeFields, known: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  if (tree.name.trim() === '') problems.push({ field: 'name', reason: 'required' });
  if (tree.steps.length === 0) problems.push({ field: 'steps', reason: 'no-steps' });
  if (tree.steps.length > MAX_STEPS) problems.push({ field: 'steps', reason: 'too-many', params: { max: MAX_STEPS } });
  tree.steps.forEach((s, i) => {
    if (s.personIds.length === 0) problems.push({ field: `steps.${i}.people`, reason: 'no-people', params: { step: i + 1 } });
    if (s.personIds.some((id) => !known.has(id))) problems.push({ field: `steps.${i}.people`, reason: 'person-unknown', params: { step: i + 1 } });
    if (s.personIds.length > MAX_STEP_PEOPLE) problems.push({ field: `steps.${i}.people`, reason: 'step-too-many', params: { step: i + 1, max: MAX_STEP_PEOPLE } });
    if (!Number.isInteger(s.waitMinutes) || s.waitMinutes < 0 || s.waitMinutes > MAX_WAIT_MINUTES) {
      problems.push({ field: `steps.${i}.wait`, reason: 'invalid-wait', params: { step: i + 1, max: MAX_WAIT_MINUTES } });
    }
  });
  return problems;
}

/**
 * A saved tree's steps over the cap (trees saved before it existed, or from an older
 * laptop): step number (from 1), how many people it names, the cap. The tree editor and an
 * incident's alert status show them as needing attention; planFor still alerts everyone.
 */
export function oversizedSteps(tree: Pick<CallTreeFields, 'steps'>): { step: number; people: number; max: number }[] {
  return tree.steps.flatMap((s, i) => (s.personIds.length > MAX_STEP_PEOPLE ? [{ step: i + 1, people: s.personIds.length, max: MAX_STEP_PEOPLE }] : []));
}
