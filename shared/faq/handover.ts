/**
 * The FAQ handed over to the call-centre vendor (issue 15 item 5): which entries may go
 * (approved, and the facts they quote unchanged since approval), their numbers for the
 * vendor, and what changed since the last handover — the vendor's 「本日の変更点」.
 * Pure: the answer is rendered by the caller (the live facts, as the printed handbook).
 */
import type { CompanyFields } from '../company/events';
import type { FactKey, Facts } from '../incident/model';
import { personalDataAsWritten, personalDataIn } from './personal-data';
import { answerText, approvalLapse, approvedVersion, faqState, hasPendingEdit, instantMs, latestVersion, type FaqEntry, type FaqVersion } from './model';
import { staleness } from './stale';

/** One entry as the vendor got it. */
export interface HandoverItem {
  entryId: string;
  /** 番号: the entry's number for the vendor, kept across handovers and never given to another entry. */
  no: number;
  /** The entry's approved version (版). */
  version: number;
  question: string;
  category: string;
  /** The answer as handed over: rendered with the facts of that moment. */
  answer: string;
  /** Clock of the approval. */
  approvedAt: string;
  approvedBy: string;
}

/** An approved entry left out of a handover because a fact it quotes moved since approval. */
export interface LeftOutEntry {
  entryId: string;
  question: string;
}

/**
 * An entry on hold (使用停止) in a handover: its approval holds for no version here, or
 * (`reason` 'personal-data') its approved words hold what reads like a caller's details — an
 * approval recorded before the approval checked for them (decision 067, last addenda). Named by
 * the question the vendor last received, a caller's details in it blanked.
 */
export interface OnHoldEntry extends LeftOutEntry {
  reason?: 'personal-data';
}

/** What a caller's details are blanked with in what is handed over about an entry on hold. */
export const BLANKED = '＊＊＊';

/** A recorded handover (the fold of faq.handed-over). */
export interface FaqHandover {
  id: string;
  incidentId: string | null;
  /** 1, 2, 3 … per incident. */
  version: number;
  /** The incident's title as the team called it then. */
  title: string;
  items: HandoverItem[];
  /** Stale entries the person chose to leave out rather than fix first. */
  leftOutStale: LeftOutEntry[];
  /**
   * Entries approved before whose approval holds for no version here (decision 067: the version
   * approved not arrived, two texts or two approvals under one number): not to be used until
   * approved again (使用停止), not withdrawn for good. Absent on handovers recorded before it
   * was kept: such an entry was listed as retired (廃止).
   */
  onHold?: OnHoldEntry[];
  /** Drafts not handed over (counted, never sent), the entries on hold whose approval lapsed among them. */
  draftsLeftOut: number;
  at: string;
  actor: string;
}

export interface StaleEntry {
  entryId: string;
  question: string;
  changed: FactKey[];
}

export interface HandoverSelection {
  /** Approved entries whose approval still holds, oldest first. */
  ready: { entry: FaqEntry; version: FaqVersion }[];
  /** Approved entries whose quoted facts moved: they block the handover until fixed or left out. */
  stale: StaleEntry[];
  /** Entries not approved now: never approved, or whose approval lapsed (those are in `onHold` too). Not an approval alone, arrived before its entry. */
  drafts: number;
  /**
   * Entries whose approval holds for no version here (drafts again, to be approved again), and
   * approved entries whose words hold what reads like a caller's details (`reason`
   * 'personal-data', with the `words`): 使用停止 for a vendor that has them (vendorOnHold).
   * Named here as this laptop has them, for the team's own screen.
   */
  onHold: (OnHoldEntry & { words?: string[] })[];
  /** Approved entries with a newer text waiting for approval: handed over at their approved version. */
  pendingEdits: number;
}

/**
 * What reads like a caller's details in a version's words (question, category, answer), as
 * written: an approval recorded before the approval checked for them (decision 067) is checked
 * again before its words go to the vendor.
 */
function detailsIn(version: FaqVersion, facts: Facts, company: Partial<CompanyFields> | null | undefined): string[] {
  return [version.question, version.category, version.answer].flatMap((text) => personalDataAsWritten(text, personalDataIn(text, facts, company)));
}

/** `text` with what reads like a caller's details blanked (BLANKED), as written. */
export function withoutPersonalData(text: string, facts: Facts, company?: Partial<CompanyFields> | null): string {
  const words = personalDataAsWritten(text, personalDataIn(text, facts, company));
  // Longest first: a word inside another is blanked with it.
  return [...words].sort((a, b) => b.length - a.length).reduce((t, w) => t.split(w).join(BLANKED), text);
}

/**
 * What may go to the vendor now, and what may not (and why). `company`: the company profile,
 * whose own address and numbers an answer may give (as the approval reads them).
 */
export function selectForHandover(entries: readonly FaqEntry[], facts: Facts, company?: Partial<CompanyFields> | null): HandoverSelection {
  const out: HandoverSelection = { ready: [], stale: [], drafts: 0, onHold: [], pendingEdits: 0 };
  const sorted = [...entries].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
  for (const entry of sorted) {
    // An approval that arrived before its entry (decision 067): nothing of it is here to count or name.
    if (entry.versions.length === 0) continue;
    const state = faqState(entry);
    if (state === 'draft') out.drafts++;
    // An approval that holds for no version leaves the entry a draft (decision 067); it was
    // approved, and may be in the vendor's hands: on hold until approved again.
    if (state === 'draft' && entry.approval !== null && approvalLapse(entry) !== null) out.onHold.push({ entryId: entry.id, question: latestVersion(entry)?.question ?? '' });
    if (state !== 'approved') continue;
    const version = approvedVersion(entry);
    // An approval of a version this laptop has not received yet: nothing to hand over.
    if (!version) continue;
    const check = staleness(entry, facts);
    if (check.state === 'stale') {
      out.stale.push({ entryId: entry.id, question: version.question, changed: check.changed });
      continue;
    }
    // Approved before the approval checked for a caller's details: on hold until its words are
    // corrected and approved again.
    const words = detailsIn(version, facts, company);
    if (words.length > 0) {
      out.onHold.push({ entryId: entry.id, question: version.question, reason: 'personal-data', words });
      continue;
    }
    if (hasPendingEdit(entry)) out.pendingEdits++;
    out.ready.push({ entry, version });
  }
  return out;
}

/**
 * The entries on hold as the vendor is told of them: only those the vendor holds (given, on
 * hold or left out in the handovers it may hold: heldBefore), each named by the question the
 * vendor last received — never by words of this laptop nobody approved — with a caller's
 * details blanked. An entry the vendor never had is not named (to the vendor it is a draft).
 */
export function vendorOnHold(onHold: HandoverSelection['onHold'], handovers: readonly FaqHandover[], facts: Facts, company?: Partial<CompanyFields> | null): OnHoldEntry[] {
  const held = heldBefore(handovers, Number.POSITIVE_INFINITY);
  const has = new Set(held.flatMap((h) => [...h.items, ...h.leftOutStale, ...(h.onHold ?? [])].map((e) => e.entryId)));
  // The words last handed over: the latest handover that gave or named the entry.
  const lastWords = new Map<string, string>();
  for (const h of [...handovers].sort(inOrder)) for (const e of [...h.items, ...h.leftOutStale, ...(h.onHold ?? [])]) lastWords.set(e.entryId, e.question);
  return onHold.flatMap((e) => {
    if (!has.has(e.entryId)) return [];
    const question = withoutPersonalData(lastWords.get(e.entryId) ?? '', facts, company);
    return [{ entryId: e.entryId, question, ...(e.reason ? { reason: e.reason } : {}) }];
  });
}

/** Handovers in the order they were made: by number, then clock, then id (the same on every laptop). */
const inOrder = (a: FaqHandover, b: FaqHandover): number => a.version - b.version || (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Numbers already given: an entry keeps its number; a retired entry's number is never reused.
 * Two laptops handing over offline at once can give one number to two entries: the entry of
 * the earlier handover keeps it, the other is left without (so the next handover gives it a
 * new number, and 本日の変更点 says so).
 */
function numbering(previous: readonly FaqHandover[]): { byEntry: Map<string, number>; max: number } {
  const byEntry = new Map<string, number>();
  const owner = new Map<number, string>();
  let max = 0;
  for (const h of [...previous].sort(inOrder)) {
    for (const item of h.items) {
      max = Math.max(max, item.no);
      if (byEntry.has(item.entryId)) continue;
      const taken = owner.get(item.no);
      if (taken !== undefined && taken !== item.entryId) continue;
      byEntry.set(item.entryId, item.no);
      owner.set(item.no, item.entryId);
    }
  }
  return { byEntry, max };
}

/** Each entry's number as the handovers before handover `version` gave it (the vendor's 番号). */
export function numbersBefore(handovers: readonly FaqHandover[], version: number): Map<string, number> {
  return numbering(handovers.filter((h) => h.version < version)).byEntry;
}

/** The items of a new handover, numbered; `render` turns an answer template into the text read out. */
export function handoverItems(ready: HandoverSelection['ready'], previous: readonly FaqHandover[], render: (template: string) => string): HandoverItem[] {
  const { byEntry, max } = numbering(previous);
  let next = max;
  const items = ready.map(({ entry, version }) => ({
    entryId: entry.id,
    no: byEntry.get(entry.id) ?? ++next,
    version: version.version,
    question: version.question,
    category: version.category,
    answer: render(version.answer),
    approvedAt: entry.approval!.at,
    approvedBy: entry.approval!.actor,
  }));
  return items.sort((a, b) => a.no - b.no);
}

/**
 * What the vendor may hold before handover `version`: the handovers with the highest lower
 * number — one, or several where laptops handed over offline at once (each gave its own file
 * of that number, and the vendor may hold any of them). Empty before the first.
 */
export function heldBefore(handovers: readonly FaqHandover[], version: number): FaqHandover[] {
  const below = handovers.filter((h) => h.version < version);
  if (below.length === 0) return [];
  const top = Math.max(...below.map((h) => h.version));
  return below.filter((h) => h.version === top).sort(inOrder);
}

/** The handover before `version` as the screens name it (the later of two of one number), or null for the first. */
export function previousHandover(handovers: readonly FaqHandover[], version: number): FaqHandover | null {
  return heldBefore(handovers, version).at(-1) ?? null;
}

/** The latest handover (highest number; the later clock between two of the same number). */
export function latestHandover(handovers: readonly FaqHandover[]): FaqHandover | null {
  return previousHandover(handovers, Number.POSITIVE_INFINITY);
}

export interface ItemText {
  question: string;
  category: string;
  answer: string;
}

/**
 * One line of 本日の変更点. `retired`: the entry was withdrawn for good (廃止); `withdrawn`:
 * its answer waits for approval again because the facts it quotes moved; `onHold`: its
 * approval holds for none of its versions here and it waits to be approved again — either way
 * the vendor must stop using the text it has, and only `retired` is for good.
 */
export type HandoverChange =
  /** `resumed`: the entry was withdrawn or on hold (使用停止) in the previous handover and is back, approved again. */
  | { kind: 'new'; no: number; entryId: string; after: ItemText; resumed?: true }
  /** `renumbered`: the number it had (two laptops gave one number to two entries; this one got a new one). */
  | { kind: 'changed'; no: number; entryId: string; before: ItemText; after: ItemText; renumbered?: number }
  /** `personalData`: on hold because its words held what reads like a caller's details (its words then blanked or left out). */
  | { kind: 'onHold'; no: number; entryId: string; before: ItemText; personalData?: true }
  | { kind: 'retired' | 'withdrawn'; no: number; entryId: string; before: ItemText };

const KIND_ORDER = { new: 0, changed: 1, retired: 2, withdrawn: 2, onHold: 2 } as const;

type Handed = Pick<FaqHandover, 'items' | 'leftOutStale' | 'onHold'>;

const text = (i: HandoverItem): ItemText => ({ question: i.question, category: i.category, answer: i.answer });

/**
 * What the vendor must change between two handovers. Compared by the text the vendor
 * reads (question, category, answer), not by version numbers: an entry edited twice is
 * one change, and an edit that ends where it started is none. The first handover lists
 * every entry as new. An entry withdrawn or on hold in `previous` and now retired is listed
 * 廃止 under its number in `numbers` (numbersBefore: the handovers before `next` give them).
 */
export function changesBetween(previous: Handed | null, next: Handed, numbers: ReadonlyMap<string, number> = new Map()): HandoverChange[] {
  const before = new Map((previous?.items ?? []).map((i) => [i.entryId, i]));
  const after = new Set(next.items.map((i) => i.entryId));
  const leftOut = new Set(next.leftOutStale.map((e) => e.entryId));
  const onHold = new Map((next.onHold ?? []).map((e) => [e.entryId, e]));
  const withdrawnBefore = [...(previous?.leftOutStale ?? []), ...(previous?.onHold ?? [])];
  const withdrawn = new Set(withdrawnBefore.map((e) => e.entryId));
  const out: HandoverChange[] = [];
  for (const item of next.items) {
    const old = before.get(item.entryId);
    if (!old) out.push({ kind: 'new', no: item.no, entryId: item.entryId, after: text(item), ...(withdrawn.has(item.entryId) ? { resumed: true as const } : {}) });
    else if (old.no !== item.no || old.question !== item.question || old.category !== item.category || answerText(old.answer) !== answerText(item.answer)) {
      out.push({ kind: 'changed', no: item.no, entryId: item.entryId, before: text(old), after: text(item), ...(old.no !== item.no ? { renumbered: old.no } : {}) });
    }
  }
  for (const old of before.values()) {
    if (after.has(old.entryId)) continue;
    const held = onHold.get(old.entryId);
    if (leftOut.has(old.entryId)) out.push({ kind: 'withdrawn', no: old.no, entryId: old.entryId, before: text(old) });
    // On hold for a caller's details: named by its question with them blanked, its answer not repeated.
    else if (held?.reason === 'personal-data') out.push({ kind: 'onHold', no: old.no, entryId: old.entryId, before: { question: held.question, category: '', answer: '' }, personalData: true });
    else out.push({ kind: held ? 'onHold' : 'retired', no: old.no, entryId: old.entryId, before: text(old) });
  }
  // Withdrawn or on hold before, and now neither given nor held back: retired for good (廃止),
  // which the vendor is told — it was told to wait for a later version that will not come.
  for (const e of withdrawnBefore) {
    if (after.has(e.entryId) || leftOut.has(e.entryId) || onHold.has(e.entryId) || before.has(e.entryId)) continue;
    // Its number from the handovers that gave it; one never given (left out of the first) has none to name.
    const no = numbers.get(e.entryId);
    if (no === undefined) continue;
    out.push({ kind: 'retired', no, entryId: e.entryId, before: { question: e.question, category: '', answer: '' } });
  }
  return out.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.no - b.no);
}

/**
 * What the vendor must change, whichever of the files it may hold it has (heldBefore): an
 * entry one of them lacks is new, one any of them gives otherwise is changed (from the first
 * that differs), one any of them gives that is gone is retired, withdrawn or on hold. With one file,
 * exactly changesBetween. (Two offline handovers of one number each missed what the other
 * gave; comparing with them merged into one lost the difference, and refused a correcting
 * handover as "no changes".)
 */
export function changesSince(held: readonly Handed[], next: Handed, numbers?: ReadonlyMap<string, number>): HandoverChange[] {
  if (held.length <= 1) return changesBetween(held[0] ?? null, next, numbers);
  const rank = { new: 0, changed: 1, retired: 2, withdrawn: 2, onHold: 2 } as const;
  const byEntry = new Map<string, HandoverChange>();
  for (const h of held) {
    for (const c of changesBetween(h, next, numbers)) {
      const had = byEntry.get(c.entryId);
      if (!had || rank[c.kind] < rank[had.kind]) byEntry.set(c.entryId, c);
    }
  }
  return [...byEntry.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.no - b.no);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026/12/02 09:15 — Japan time, as the vendor reads it (no daylight saving, so a fixed offset). */
export function jstDateTime(at: string): string {
  const ms = instantMs(at);
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms + 9 * 3_600_000);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
