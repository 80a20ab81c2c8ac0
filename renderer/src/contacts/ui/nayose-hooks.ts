/**
 * The 名寄せ decisions of the open incident for the screens, read from the events and read
 * again when a decision (or its undo) is appended here or arrives from another laptop.
 */
import { useEffect, useState } from 'react';
import { POSTED_EVENT_TYPES, postedRecords } from '../../../../shared/contacts/nayose-across';
import type { Member, NayoseDecisions } from '../../../../shared/contacts/nayose-decisions';
import { NAYOSE_EVENT_TYPES } from '../../../../shared/contacts/nayose-events';
import { reportError } from '../../errors/report';
import { batchLetters, type BatchLetters } from '../nayose-letters';
import { readDecisions } from '../nayose-handlers';
import { useContacts } from './contacts-store';

const TYPES = new Set<string>(Object.values(NAYOSE_EVENT_TYPES));

/** A number bumped whenever a 名寄せ event of the incident is committed. */
function useDecisionVersion(incidentId: string): number {
  const engine = useContacts((s) => s.engine);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!engine) return;
    return engine.store.subscribe((n) => {
      if (n.events.some((e) => TYPES.has(e.type) && e.incidentId === incidentId)) setVersion((v) => v + 1);
    });
  }, [engine, incidentId]);
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
 * Which records' own letters are in the post (a merged cluster's representative is one of them
 * when there is one, so the review shows the addressee the decision will record).
 */
export function usePostedRecords(incidentId: string): (m: Member) => boolean {
  const engine = useContacts((s) => s.engine);
  const [version, setVersion] = useState(0);
  const [posted, setPosted] = useState<{ of: (m: Member) => boolean }>({ of: () => false });
  useEffect(() => {
    if (!engine) return;
    return engine.store.subscribe((n) => {
      if (n.events.some((e) => POSTED_EVENT_TYPES.includes(e.type) && e.incidentId === incidentId)) setVersion((v) => v + 1);
    });
  }, [engine, incidentId]);
  useEffect(() => {
    if (!engine) return;
    let live = true;
    engine.store.readEvents(incidentId, POSTED_EVENT_TYPES).then((events) => live && setPosted({ of: postedRecords(events) }), (e) => void reportError(e));
    return () => {
      live = false;
    };
  }, [engine, incidentId, version]);
  return posted.of;
}

/** The letters of a post batch after 名寄せ (null until read, and for other channels). */
export function useBatchLetters(incidentId: string, batch: { datasetId: string; batchId: string; channel: string; rows: number[] }, sent: boolean): BatchLetters | null {
  const engine = useContacts((s) => s.engine);
  const version = useDecisionVersion(incidentId);
  const [letters, setLetters] = useState<BatchLetters | null>(null);
  useEffect(() => {
    if (!engine || batch.channel !== 'post') return;
    let live = true;
    batchLetters(engine.store, incidentId, batch.datasetId, batch.rows, batch.batchId).then((l) => live && setLetters(l), (e) => void reportError(e));
    return () => {
      live = false;
    };
  }, [engine, incidentId, batch.datasetId, batch.batchId, batch.channel, batch.rows, sent, version]);
  return letters;
}
