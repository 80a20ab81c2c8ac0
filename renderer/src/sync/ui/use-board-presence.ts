import { useEffect } from 'react';
import { boardKey } from './presence-label';
import { useSync } from './sync-store';

/** Tells the team which board this person has open, and that none is when it closes. */
export function useBoardPresence(incidentId: string, phase: string): void {
  const setBoard = useSync((s) => s.setBoard);
  useEffect(() => {
    setBoard(boardKey(incidentId, phase));
    return () => setBoard(null);
  }, [setBoard, incidentId, phase]);
}
