/**
 * The apology gift's reads: the programme and redemptions folded from the gift events
 * (a handful of events, never the contact statuses), each list's number, the incident's
 * code key, the totals, one customer's code and redemption, and a vendor file's preview.
 * The commands that change them are in gift-handlers.ts.
 */
import { deriveGiftKey, formatGiftCode, GiftCoder } from '../../../shared/contacts/gift-code';
import { GIFT_EVENT_TYPES, GIFT_TYPES, isGiftEvent, type GiftEvent, type GiftProgramme } from '../../../shared/contacts/gift-events';
import { jstDayNumber, parseRedemptionFile, planRedemption, type RedemptionFile, type RedemptionMapping, type RedemptionPlan } from '../../../shared/contacts/gift-redemption';
import { foldGifts, giftTotals, issuedCount, type GiftState, type GiftTotals, type Redemption } from '../../../shared/contacts/gift-state';
import { clashedNumbers } from '../../../shared/contacts/list-numbers';
import type { LetterGift } from './batches';
import type { ContactReader } from './contact-data';
import { readLetterGovernance } from './nayose-handlers';
import { letterDecisions } from './nayose-letters';
import { collapseLetters } from '../../../shared/contacts/nayose-decisions';

/** A list's number (01–99) in its incident (shared/contacts/list-numbers.ts, decision 025). */
export type ListNumberOf = (datasetId: string) => number | undefined;

/** The numbers of the incident's lists as every laptop folds them from the import events (the first two digits of a reference number). */
export async function incidentListNumbers(r: ContactReader, incidentId: string): Promise<ListNumberOf> {
  const { byDataset } = await r.data.listNumbers(incidentId);
  return (id) => byDataset.get(id);
}

const coders = new WeakMap<ContactReader, Map<string, Promise<GiftCoder>>>();

/** The incident's code key, derived once per unlock (never stored: it follows from the workspace key). */
export function giftCoder(r: ContactReader, incidentId: string): Promise<GiftCoder> {
  let map = coders.get(r);
  if (!map) coders.set(r, (map = new Map()));
  let hit = map.get(incidentId);
  if (!hit) {
    hit = deriveGiftKey(r.importKeys.bulkIndex, incidentId).then((k) => new GiftCoder(k));
    map.set(incidentId, hit);
  }
  return hit;
}

export async function giftEvents(r: ContactReader, incidentId: string): Promise<GiftEvent[]> {
  return (await r.data.store.readEvents(incidentId, GIFT_TYPES)).filter(isGiftEvent);
}

export async function giftState(r: ContactReader, incidentId: string): Promise<GiftState> {
  return foldGifts(await giftEvents(r, incidentId));
}

/** A redemption file as applied, for the list with undo. */
export interface AppliedRedemption {
  eventId: string;
  at: string;
  actor: string;
  listName?: string;
  lines?: number;
  count: number;
  undone: boolean;
}

export interface GiftOverview {
  state: GiftState;
  totals: GiftTotals;
  files: AppliedRedemption[];
}

export async function giftOverview(r: ContactReader, incidentId: string): Promise<GiftOverview> {
  const events = await giftEvents(r, incidentId);
  const state = foldGifts(events);
  const undone = new Set(events.flatMap((e) => (e.type === GIFT_EVENT_TYPES.redemptionUndone ? [e.payload.eventId] : [])));
  const files = events.flatMap((e): AppliedRedemption[] =>
    e.type === GIFT_EVENT_TYPES.redeemed
      ? [{ eventId: e.id, at: e.at, actor: e.actor, listName: e.payload.listName, lines: e.payload.listLines, count: e.payload.parts.reduce((n, p) => n + p.rows.length, 0), undone: undone.has(e.id) }]
      : [],
  );
  // Issued = letters printed with a code: a customer whose letter another record's covers (名寄せ, decision 027) got none.
  // A sent batch printed its letters by the decisions as they stood when it was sent.
  const decisions = await letterDecisions(r.data, incidentId);
  const batches = [];
  for (const d of await r.data.datasets(incidentId)) {
    for (const b of await r.data.batches(d.id)) {
      const rows = b.batch.channel === 'post' ? collapseLetters(d.id, b.batch.rows, decisions.of(b.batch.batchId)).letters : b.batch.rows;
      batches.push({ datasetId: d.id, at: b.createdClock, channel: b.batch.channel, rows, size: d.rows });
    }
  }
  return { state, totals: giftTotals(state, issuedCount(batches, state.since)), files: files.reverse() };
}

/** One customer's code (as printed) and redemption; null before a programme is set or when the list has no number. */
export async function customerGift(r: ContactReader, incidentId: string, datasetId: string, row: number, listNumberOf?: ListNumberOf): Promise<{ code: string; redemption?: Redemption; label?: string } | null> {
  const state = await giftState(r, incidentId);
  if (!state.programme) return null;
  // A customer merged with another record (名寄せ), in this list or another, shares that record's letter: its code, and its redemption.
  // A letter in the post carries the code of the record it was addressed to when it was sent.
  const letter = (await readLetterGovernance(r.data, incidentId)).of(datasetId, row).letterOf(datasetId, row);
  const listNo = (listNumberOf ?? (await incidentListNumbers(r, incidentId)))(letter.datasetId);
  if (listNo === undefined) return null;
  const code = (await giftCoder(r, incidentId)).code(listNo, letter.row);
  const redemption = state.get(letter.datasetId, letter.row);
  const label = redemption && state.options.find((o) => o.id === redemption.optionId)?.label;
  return { code, ...(redemption ? { redemption, label } : {}) };
}

/** A vendor file previewed against the incident's lists and what is already redeemed. */
export async function previewRedemption(
  r: ContactReader,
  incidentId: string,
  file: RedemptionFile | string,
  options: { mapping?: RedemptionMapping; listName?: string; listNumberOf?: ListNumberOf; now?: number } = {},
): Promise<{ file: RedemptionFile; plan: RedemptionPlan | null }> {
  const parsed = typeof file === 'string' ? parseRedemptionFile(file) : file;
  const state = await giftState(r, incidentId);
  if (!state.programme) return { file: parsed, plan: null };
  const numberOf = options.listNumberOf ?? (await incidentListNumbers(r, incidentId));
  const byNumber = new Map<number, { datasetId: string; rows: number }>();
  for (const d of await r.data.datasets(incidentId)) {
    const n = numberOf(d.id);
    if (n !== undefined) byNumber.set(n, { datasetId: d.id, rows: d.rows });
  }
  const coder = await giftCoder(r, incidentId);
  const mapping = options.mapping ?? parsed.mapping;
  const clashed = clashedNumbers(await r.data.listNumbers(incidentId));
  const plan = planRedemption(
    parsed,
    mapping,
    { read: (c) => coder.read(c), listOf: (n) => byNumber.get(n), programme: state.programme, state, clashed: (n) => clashed.has(n), ...(options.now !== undefined ? { today: jstDayNumber(options.now) } : {}) },
    options.listName,
  );
  return { file: parsed, plan };
}

/**
 * The gift line of a list's letters, once a programme is set: each row's code as printed
 * (4-4-5) under "{label}" and "{until}" (the words come from the screen's dictionary).
 * Undefined before a programme or for a list without a number (no code can be made).
 */
export async function letterGift(
  r: ContactReader,
  incidentId: string,
  datasetId: string,
  words: (programme: GiftProgramme) => { label: string; until: string },
  listNumberOf?: ListNumberOf,
): Promise<LetterGift | undefined> {
  const state = await giftState(r, incidentId);
  if (!state.programme) return undefined;
  const listNo = (listNumberOf ?? (await incidentListNumbers(r, incidentId)))(datasetId);
  if (listNo === undefined) return undefined;
  const coder = await giftCoder(r, incidentId);
  return { ...words(state.programme), code: (row) => formatGiftCode(coder.code(listNo, row)) };
}
