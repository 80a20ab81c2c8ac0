/**
 * The record whose letter a customer got: their own, or — merged with another record of the
 * same person (名寄せ, decision 027), in this list or another — the record the one letter was
 * addressed to. The card shows that letter's reference number (its list's number): the one
 * the caller reads out. For a letter in the post, as the decisions stood when it was sent.
 */
import { useEffect, useMemo, useState } from 'react';
import { GOVERNANCE_EVENT_TYPES } from '../../../../shared/contacts/nayose-across';
import type { Member } from '../../../../shared/contacts/nayose-decisions';
import { readLetterGovernance } from '../nayose-handlers';
import { reportError } from '../../errors/report';
import { useContacts } from './contacts-store';

const GOVERNING = new Set(GOVERNANCE_EVENT_TYPES);

export function useLetterOf(incidentId: string | undefined, datasetId: string, row: number): Member {
  const data = useContacts((s) => s.engine?.data ?? null);
  const key = `${datasetId}\u0000${row}`;
  // The letter read, with the record it was read for: a new card never shows the last one's letter, not even for a render.
  const [read, setRead] = useState<{ key: string; letter: Member } | null>(null);
  // Read again when a batch, a 名寄せ decision or a 文面 of the incident changes (here or from the team).
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!data || !incidentId) return;
    return data.store.subscribe((n) => {
      if (n.events.some((e) => e.incidentId === incidentId && GOVERNING.has(e.type))) setVersion((v) => v + 1);
    });
  }, [data, incidentId]);
  useEffect(() => {
    if (!data || !incidentId) return;
    let live = true;
    // A letter in the post: addressed as the decisions stood when it was sent.
    void readLetterGovernance(data, incidentId).then(
      (g) => live && setRead({ key: `${datasetId}\u0000${row}`, letter: g.of(datasetId, row).letterOf(datasetId, row) }),
      (e: unknown) => reportError(e),
    );
    return () => {
      live = false;
    };
  }, [data, incidentId, datasetId, row, version]);
  const own = useMemo(() => ({ datasetId, row }), [datasetId, row]);
  return read?.key === key ? read.letter : own;
}
