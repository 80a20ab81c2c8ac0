/**
 * The 名寄せ decisions of the open incident for the screens, read from the events and read
 * again when a decision (or its undo) is appended here or arrives from another laptop.
 */
import { useEffect, useState } from 'react';
import { GOVERNANCE_EVENT_TYPES } from '../../../../shared/contacts/nayose-across';
import type { Member, NayoseDecisions, PostRank } from '../../../../shared/contacts/nayose-decisions';
import { NAYOSE_EVENT_TYPES } from '../../../../shared/contacts/nayose-events';
import type { BatchSummary } from '../../../../shared/contacts/batch-summary';
import { CONTACT_EVENT_TYPES, type ContactEvent, isContactPartEvent } from '../../../../shared/contacts/events';
import { letterEvents } from '../../../../shared/letters/events';
import { reportError } from '../../errors/report';
import { batchLetters, type BatchLetters } from '../nayose-letters';
import { readDecisions, readLetterGovernance, readPostRanks } from '../nayose-handlers';
import type { ContactData } from '../contact-data';
import { useContacts } from './contacts-store';

const TYPES = new Set<string>(Object.values(NAYOSE_EVENT_TYPES));
/** A batch's letters follow the 文面 too: a merge whose 文面 now differ prints a letter per 文面. */
const LETTER_TYPES = new Set<string>([...TYPES, ...Object.keys(letterEvents)]);
const GOVERNING = new Set<string>(GOVERNANCE_EVENT_TYPES);

/** A number bumped whenever a 名寄せ event (or, for `types`, another) of the incident is committed. */
function useDecisionVersion(incidentId: string, types: ReadonlySet<string> = TYPES): number {
  const engine = useContacts((s) => s.engine);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!engine) return;
    return engine.store.subscribe((n) => {
      if (n.events.some((e) => types.has(e.type) && e.incidentId === incidentId)) setVersion((v) => v + 1);
    });
  }, [engine, incidentId, types]);
  return version;
}

export function useNayoseDecisions(incidentId: string): NayoseDecisions | null {
  const engine = useContacts((s) => s.engine);
  const version = useDecisionVersion(incidentId);
  const [decisions, setDecisions] = useState<NayoseDecisions | null>(null);
  useEffect(() => {
    if (!engine) return;
    let live = true;
    readDecisions(engine.store, incidentId).then((d) => live && setDecisions(d), (e) => void reportError(e));
    return () => {
      live = false;
    };
  }, [engine, incidentId, version]);
  return decisions;
}

/**
 * Where each record stands with the post (PostRank), so the review shows the addressee the
 * decision will record: a record already sent its letter, else one whose list will print it.
 */
export function usePostedRecords(incidentId: string): PostRank {
  const engine = useContacts((s) => s.engine);
  // A list arriving from the team or adopted brings no event, and changes the ranks (its segments are read).
  const lists = useContacts((s) => s.datasets);
  const version = useDecisionVersion(incidentId, GOVERNING);
  const [posted, setPosted] = useState<{ of: PostRank }>({ of: () => 'unsent' });
  useEffect(() => {
    if (!engine) return;
    let live = true;
    readPostRanks(engine.data, incidentId).then((of) => live && setPosted({ of }), (e) => void reportError(e));
    return () => {
      live = false;
    };
  }, [engine, incidentId, version, lists]);
  return posted.of;
}

/** What the merges save in the post as the letters stand (a merge whose 文面 differ since prints a letter per 文面). */
export function useLettersSaved(incidentId: string): ReturnType<NayoseDecisions['lettersSaved']> | null {
  const engine = useContacts((s) => s.engine);
  const version = useDecisionVersion(incidentId, LETTER_TYPES);
  const [saved, setSaved] = useState<ReturnType<NayoseDecisions['lettersSaved']> | null>(null);
  useEffect(() => {
    if (!engine) return;
    let live = true;
    readLetterGovernance(engine.data, incidentId).then((g) => live && setSaved(g.now.lettersSaved()), (e) => void reportError(e));
    return () => {
      live = false;
    };
  }, [engine, incidentId, version]);
  return saved;
}

/** The letters of a post batch after 名寄せ (null until read, and for other channels). */
export function useBatchLetters(incidentId: string, batch: { datasetId: string; batchId: string; channel: string; rows: number[] }, sent: boolean): BatchLetters | null {
  const engine = useContacts((s) => s.engine);
  const version = useDecisionVersion(incidentId, LETTER_TYPES);
  const [letters, setLetters] = useState<BatchLetters | null>(null);
  useEffect(() => {
    if (!engine || batch.channel !== 'post') return;
    let live = true;
    batchLetters(engine.data, incidentId, batch.datasetId, batch.rows, batch.batchId).then((l) => live && setLetters(l), (e) => void reportError(e));
    return () => {
      live = false;
    };
  }, [engine, incidentId, batch.datasetId, batch.batchId, batch.channel, batch.rows, sent, version]);
  return letters;
}

/** Whether a contact event of a post batch's list may change which of its letters go now (rowsToSend). */
function changesToSend(e: ContactEvent, channel: string, sent: boolean): boolean {
  switch (e.type) {
    case CONTACT_EVENT_TYPES.customersExcluded:
    case CONTACT_EVENT_TYPES.eventUndone:
      return true;
    // Before it is sent, only those still waiting on its channel: a result there, or a newer batch taking them (or giving them back).
    case CONTACT_EVENT_TYPES.outcomesRecorded:
    case CONTACT_EVENT_TYPES.batchCreated:
    case CONTACT_EVENT_TYPES.batchCancelled:
      return !sent && e.payload.channel === channel;
    default:
      return false;
  }
}

/**
 * A number bumped when a commit (here or from the team) may change the letters a post batch would
 * print now (lettersToPrint): a 名寄せ decision or 文面 of the incident; in the batch's list, a
 * customer excluded or an undo; before it is sent, a result on its channel or a batch made or
 * called off there. A call result on the phone, or anything in another list, changes nothing.
 * (The batch itself marked sent or cancelled comes as a new summary from the contacts store.)
 */
export function useLettersToPrintVersion(incidentId: string, s: BatchSummary): number {
  const engine = useContacts((st) => st.engine);
  const decided = useDecisionVersion(incidentId, LETTER_TYPES);
  const [changed, setChanged] = useState(0);
  const { datasetId, channel } = s.batch;
  const sent = s.sentAt !== null;
  useEffect(() => {
    if (!engine || channel !== 'post') return;
    return engine.store.subscribe((n) => {
      if (n.events.some((e) => e.incidentId === incidentId && isContactPartEvent(e) && e.payload.datasetId === datasetId && changesToSend(e, channel, sent))) setChanged((v) => v + 1);
    });
  }, [engine, incidentId, datasetId, channel, sent]);
  // Both only grow: their sum changes whenever either does.
  return decided + changed;
}

/**
 * The same person's other records (名寄せ: merged as one person, not as a household) that the
 * card offers to take out of the contact list too, once this one is: `left`, those not taken out
 * yet (a record excluded already — from its own card, or by this offer — is not offered again);
 * `merged`, how many other records the person has.
 */
export async function matesToOffer(data: Pick<ContactData, 'status'>, decisions: NayoseDecisions, datasetId: string, row: number): Promise<MatesLeft> {
  const decision = decisions.of(datasetId, row);
  const mates = decision?.merge && decision.mode === 'person' ? decision.members.filter((m) => m.datasetId !== datasetId || m.row !== row) : [];
  const left: Member[] = [];
  for (const m of mates) if ((await data.status(m.datasetId, m.row)).phase !== 'excluded') left.push(m);
  return { left, merged: mates.length };
}

export interface MatesLeft {
  left: Member[];
  merged: number;
}

/**
 * matesToOffer for the open card (null until read): read when the card opens, and again only
 * when a 名寄せ decision changes or a customer of the incident is excluded or an exclusion undone
 * (here or from the team) — not at every call result that reads the card again. A customer
 * merged with nobody reads no status at all.
 */
export function useMatesToOffer(incidentId: string, datasetId: string, row: number): MatesLeft | null {
  const engine = useContacts((s) => s.engine);
  const decisions = useNayoseDecisions(incidentId);
  const key = `${datasetId}\u0000${row}`;
  const [read, setRead] = useState<{ key: string; mates: MatesLeft } | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!engine) return;
    return engine.store.subscribe((n) => {
      if (n.events.some((e) => e.incidentId === incidentId && (e.type === CONTACT_EVENT_TYPES.customersExcluded || e.type === CONTACT_EVENT_TYPES.eventUndone))) setVersion((v) => v + 1);
    });
  }, [engine, incidentId]);
  useEffect(() => {
    if (!engine || !decisions) return;
    let live = true;
    matesToOffer(engine.data, decisions, datasetId, row).then(
      (mates) => live && setRead({ key, mates }),
      (e: unknown) => reportError(e),
    );
    return () => {
      live = false;
    };
  }, [engine, decisions, datasetId, row, key, version]);
  // Read for another customer's card: nothing known yet (never the last card's offer, not even for a render).
  return read?.key === key ? read.mates : null;
}
