/**
 * Requests for files of customers that are still open (waiting, or approved and not made):
 * who asked, for what and why; approve / decline for a second member whose role may approve;
 * withdraw, and "make the file (once)" for the person who asked. Shown in each batch and,
 * for direction, in the access record.
 */
import { useState } from 'react';
import type { Problem } from '../../../shared/events/command';
import { exportState, type ExportRow } from '../../../shared/access/exports';
import { EXPORT_APPROVAL, mayWrite } from '../../../shared/roles/table';
import { dispatch, problemsOf } from '../data/dispatch';
import { useT } from '../i18n/i18n';
import { useActorName } from '../incidents/use-actor-name';
import { useMyRoles, useRoles } from '../roles/roles-store';
import { roleRefusalText } from '../roles/words';
import { formatCount } from '../ui/format';

type T = ReturnType<typeof useT>;

/** "宛名リスト（Shift_JIS） 120 件": what a request is for, in words. */
export function exportWhat(t: T, row: ExportRow): string {
  const req = row.request;
  if (!req) return '';
  const format = req.format ? (t.dict.contacts.batches.export.formats as Record<string, string>)[req.format] ?? '' : '';
  return t('access.exports.what', { kind: `${t(`access.kinds.${req.kind}`)}${format}`, rows: formatCount(req.rows, t.lang) ?? '0' });
}

/** The problem of a refused export command in words. */
export function exportProblemText(t: T, p: Problem): string {
  const own = (t.dict.contacts.batches.export.problems as Record<string, string>)[p.reason];
  return own ?? roleRefusalText(t, p) ?? p.reason;
}

/** Requests still open among `rows`. */
export function openRequests(rows: readonly ExportRow[]): ExportRow[] {
  return rows.filter((r) => r.request && ['waiting', 'approved'].includes(exportState(r).phase));
}

export function ExportRequests({ rows, incidentId, onProduce }: { rows: readonly ExportRow[]; incidentId: string; onProduce?: (row: ExportRow) => void }) {
  const t = useT();
  const nameOf = useActorName();
  const me = useRoles((s) => s.me);
  const mayApprove = mayWrite(useMyRoles(incidentId), EXPORT_APPROVAL);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [said, setSaid] = useState<string | null>(null);
  const w = t.dict.contacts.batches.export;
  const open = openRequests(rows);
  if (open.length === 0 && problems.length === 0 && !said) return null;

  async function act(name: 'access.approve-export' | 'access.close-export', exportId: string, done: string) {
    setSaid(null);
    const found = await problemsOf(dispatch(name, { incidentId, exportId }));
    setProblems(found);
    if (found.length === 0) setSaid(done);
  }

  return (
    <div className="export-requests">
      <ul>
        {open.map((row) => {
          const s = exportState(row);
          const req = row.request!;
          const mine = req.by === me;
          const name = nameOf(req.by);
          const what = exportWhat(t, row);
          return (
            <li key={row.id} className="export-request" data-phase={s.phase}>
              {s.phase === 'waiting' ? (
                <p role="status">{t('contacts.batches.export.waiting', { name, what, reason: req.reason })}</p>
              ) : mine ? (
                <p role="status">{s.approvedBy ? t('contacts.batches.export.approvedMine', { what, approver: nameOf(s.approvedBy) }) : w.solo}</p>
              ) : (
                <p role="status">{t('contacts.batches.export.approved', { name, what, reason: req.reason, approver: s.approvedBy ? nameOf(s.approvedBy) : '—' })}</p>
              )}
              <div className="actions wrap">
                {mine && s.phase === 'approved' && onProduce && (
                  <button type="button" className="primary" onClick={() => onProduce(row)}>
                    {w.produce}
                  </button>
                )}
                {!mine && s.phase === 'waiting' && mayApprove && (
                  <>
                    <button type="button" className="primary" onClick={() => void act('access.approve-export', row.id, '')}>
                      {w.approve}
                    </button>
                    <button type="button" onClick={() => void act('access.close-export', row.id, w.refused)}>
                      {w.refuse}
                    </button>
                  </>
                )}
                {mine && (
                  <button type="button" className="link" onClick={() => void act('access.close-export', row.id, w.withdrawn)}>
                    {w.withdraw}
                  </button>
                )}
              </div>
              {!mine && s.phase === 'waiting' && !mayApprove && <p className="hint">{w.mayNotApprove}</p>}
              {mine && s.phase === 'waiting' && <p className="hint">{w.ownRequest}</p>}
            </li>
          );
        })}
      </ul>
      {problems.length > 0 && (
        <ul className="error" role="alert">
          {problems.map((p) => (
            <li key={`${p.field}-${p.reason}`}>{exportProblemText(t, p)}</li>
          ))}
        </ul>
      )}
      {said && <p className="ok" role="status">{said}</p>}
    </div>
  );
}
