import { useState } from 'react';
import type { DocKind, Problem } from '../../../shared/disclosure/commands';
import type { VersionedDoc } from '../../../shared/disclosure/doc-versions';
import type { RecordedDecision } from '../../../shared/disclosure/regulator';
import { useT } from '../i18n/i18n';
import { useActorName } from '../incidents/use-actor-name';
import { focusWhenShown } from '../ui/focus';
import { formatDateTime, hlcIso } from '../ui/format';
import { dispatch, problemsOf } from '../data/dispatch';
import { ProblemList } from './ProblemList';

/**
 * "Mark as published", and, when the recorded disclosure decision says not to publish, a
 * confirmation first: the person writes why, and the reason is recorded with the publication.
 */
export function PublishButton({ kind, doc, decision, done }: { kind: DocKind; doc: VersionedDoc; decision: RecordedDecision | null; done: (found: Problem[]) => void }) {
  const t = useT();
  const actorName = useActorName();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const against = decision !== null && !decision.publish;
  const publish = (confirm?: { reason: string }) =>
    void problemsOf(dispatch('disclosure.publish-document', { kind, incidentId: doc.incidentId, version: doc.version, ...(confirm ? { confirmAgainstDecision: confirm } : {}) })).then((found) => {
      if (found.some((p) => p.reason === 'against-decision')) {
        // Decided "do not publish" on another laptop since this screen was drawn: ask now.
        setAsking(true);
        focusWhenShown(`#${kind}-against-reason`);
        return;
      }
      // A missing or too long reason is said here, beside the reason; the rest as usual.
      const reasonProblems = found.filter((p) => p.field === 'againstReason');
      setProblems(reasonProblems);
      if (reasonProblems.length > 0) return focusWhenShown(`#${kind}-against-reason`);
      setAsking(false);
      done(found);
    });
  if (!asking) {
    return (
      <button
        type="button"
        className="primary"
        id={`${kind}-publish`}
        onClick={() => {
          if (!against) return publish();
          setAsking(true);
          focusWhenShown(`#${kind}-against-reason`);
        }}
      >
        {t('statements.publish')}
      </button>
    );
  }
  const d = decision;
  return (
    <div className="notice against-decision" role="group" aria-labelledby={`${kind}-against-title`}>
      <p id={`${kind}-against-title`}>{d ? t('statements.againstDecision', { at: formatDateTime(hlcIso(d.at), t.lang), by: d.decidedBy || actorName(d.recordedBy) }) : ''}</p>
      <label htmlFor={`${kind}-against-reason`}>{t('statements.againstReason')}</label>
      <textarea
        id={`${kind}-against-reason`}
        rows={2}
        autoComplete="off"
        value={reason}
        aria-invalid={problems.length > 0 || undefined}
        aria-describedby={problems.length > 0 ? `${kind}-against-problem` : undefined}
        onChange={(e) => setReason(e.target.value)}
      />
      <ProblemList problems={problems} id={`${kind}-against-problem`} />
      <div className="actions">
        <button type="button" className="primary" id={`${kind}-publish`} onClick={() => publish({ reason })}>
          {t('statements.confirmAgainst')}
        </button>
        <button
          type="button"
          onClick={() => {
            setAsking(false);
            setProblems([]);
            focusWhenShown(`#${kind}-publish`);
          }}
        >
          {t('statements.cancelAgainst')}
        </button>
      </div>
    </div>
  );
}
