/**
 * The record whose letter a customer got: their own, or — merged with another record of the
 * same person (名寄せ, decision 027), in this list or another — the record the one letter was
 * addressed to. The card shows that letter's reference number (its list's number): the one
 * the caller reads out. For a letter in the post, as the decisions stood when it was sent.
 */
import { useEffect, useState } from 'react';
import { GOVERNANCE_EVENT_TYPES } from '../../../../shared/contacts/nayose-across';
import type { Member } from '../../../../shared/contacts/nayose-decisions';
import { readLetterGovernance } from '../nayose-handlers';
import { useContacts } from './contacts-store';

const GOVERNING = new Set(GOVERNANCE_EVENT_TYPES);

export function useLetterOf(incidentId: string | undefined, datasetId: string, row: number): Member {
  const data = useContacts((s) => s.engine?.data ?? null);
  const [letter, setLetter] = useState<Member>({ datasetId, row });
  // Read again when a batch, a 名寄せ decision or a 文面 of the incident changes (here or from the team).
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!data || !incidentId) return;
    return data.store.subscribe((n) => {
      if (n.events.some((e) => e.incidentId === incidentId && GOVERNING.has(e.type))) setVersion((v) => v + 1);
    });
  }, [data, incidentId]);
  // A new card never shows the last one's letter.
  useEffect(() => setLetter({ datasetId, row }), [datasetId, row]);
  useEffect(() => {
    if (!data || !incidentId) return;
    let live = true;
    // A letter in the post: addressed as the decisions stood when it was sent.
    void readLetterGovernance(data, incidentId).then((g) => live && setLetter(g.of(datasetId, row).letterOf(datasetId, row)));
    return () => {
      live = false;
    };
  }, [data, incidentId, datasetId, row, version]);
  return letter;
}
