/**
 * The row whose letter a customer got: their own, or — merged with another record of the same
 * person in the list (名寄せ, decision 027) — the record the shared letter was addressed to. The
 * card shows that letter's reference number: the one the caller reads out.
 */
import { useEffect, useState } from 'react';
import { useSession } from '../../vault/session-store';
import { readDecisions } from '../nayose-handlers';

export function useLetterRow(incidentId: string | undefined, datasetId: string, row: number): number {
  const store = useSession((s) => s.store);
  const [letterRow, setLetterRow] = useState(row);
  useEffect(() => {
    setLetterRow(row);
    if (!store || !incidentId) return;
    let live = true;
    void readDecisions(store, incidentId).then((d) => live && setLetterRow(d.mergedInList(datasetId, row)[0] ?? row));
    return () => {
      live = false;
    };
  }, [store, incidentId, datasetId, row]);
  return letterRow;
}
