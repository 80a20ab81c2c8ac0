/**
 * The record whose letter a customer got: their own, or — merged with another record of the
 * same person (名寄せ, decision 027), in this list or another — the record the one letter was
 * addressed to. The card shows that letter's reference number (its list's number): the one
 * the caller reads out. For a letter in the post, as the decisions stood when it was sent.
 */
import { useEffect, useState } from 'react';
import type { Member } from '../../../../shared/contacts/nayose-decisions';
import { useSession } from '../../vault/session-store';
import { readLetterGovernance } from '../nayose-handlers';

export function useLetterOf(incidentId: string | undefined, datasetId: string, row: number): Member {
  const store = useSession((s) => s.store);
  const [letter, setLetter] = useState<Member>({ datasetId, row });
  useEffect(() => {
    setLetter({ datasetId, row });
    if (!store || !incidentId) return;
    let live = true;
    // A letter in the post: addressed as the decisions stood when it was sent.
    void readLetterGovernance(store, incidentId).then((g) => live && setLetter(g.of(datasetId, row).letterOf(datasetId, row)));
    return () => {
      live = false;
    };
  }, [store, incidentId, datasetId, row]);
  return letter;
}
