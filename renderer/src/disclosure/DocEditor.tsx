import { useState, type ReactNode } from 'react';
import { canApprove, type DocKind, type Problem } from '../../../shared/disclosure/commands';
import type { VersionedDoc } from '../../../shared/disclosure/doc-versions';
import type { DocumentModel } from '../../../shared/disclosure/document';
import type { CheckItem, StatementSection } from '../../../shared/disclosure/statement';
import type { FactKey } from '../../../shared/incident/model';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { usePeople } from '../people/people-store';
import { useMyRoles } from '../roles/roles-store';
import { WhoMayApprove } from '../roles/WhoMayApprove';
import { DocumentView, PrintView } from '../ui/DocumentView';
import { focusWhenShown } from '../ui/focus';
import { formatDateTime, hlcIso } from '../ui/format';
import { useSession } from '../vault/session-store';
import { dispatch, problemsOf } from '../data/dispatch';
import { ProblemList } from './ProblemList';
import { PublishButton } from './PublishButton';
import { OverrideNotice } from './FieldOverrideNotice';
import { fieldOverride } from '../../../shared/events/field-edits';
import { mergeTexts, typingStamps } from './doc-typing';

export interface DocEditorProps {
  kind: DocKind;
  /** The version's name ("第1版（初回の声明）"), naming the form of its sections. */
  label: string;
  data: OpenIncident;
  doc: VersionedDoc;
  /** What the section keys are called on screen. */
  sectionName: (key: string) => string;
  checklist: (sections: StatementSection[]) => CheckItem[];
  /** The document as it goes out, from these sections (the saved ones, or the ones being typed). */
  build: (doc: VersionedDoc) => DocumentModel;
  /** Shown above the sections (e.g. what changed since the last statement). */
  top?: ReactNode;
  /** Export and print buttons for the built document. */
  exports: (built: DocumentModel) => ReactNode;
  /** Whether the version can be marked published (statements are; notices are sent once approved). */
  publishable: boolean;
}

function sameSections(a: readonly StatementSection[], b: readonly StatementSection[]): boolean {
  return a.length === b.length && a.every((s, i) => s.key === b[i]!.key && s.text === b[i]!.text);
}

/**
 * One version of a statement or notice: its sections, the checklist, approval by a member
 * with the direction role (recorded by who), publication, the preview and the exports.
 */
export function DocEditor({ kind, label, data, doc, sectionName, checklist, build, top, exports, publishable }: DocEditorProps) {
  const t = useT();
  const me = useSession((s) => s.me);
  const myRoles = useMyRoles(doc.incidentId);
  const people = usePeople();
  const myId = useSession((s) => s.identity?.personId ?? '');
  const [texts, setTexts] = useState<StatementSection[]>(doc.sections);
  // The stored sections the texts started from. When they change (a save here, an edit or an
  // approval on another laptop) the editor stays mounted: what the person is typing, and
  // their focus, are kept; sections they have not touched take the stored words.
  const [base, setBase] = useState<StatementSection[]>(doc.sections);
  const [startedFrom, setStartedFrom] = useState<Record<string, string>>(doc.stamps);
  if (!sameSections(base, doc.sections)) {
    setBase(doc.sections);
    setTexts(mergeTexts(texts, base, doc.sections));
    setStartedFrom(typingStamps(texts, base, doc.sections, startedFrom, doc.stamps));
  }
  const [problems, setProblems] = useState<Problem[]>([]);
  const dirty = texts.filter((s) => doc.sections.find((x) => x.key === s.key)?.text !== s.text);
  const checks = checklist(texts);
  const errors = checks.some((c) => c.severity === 'error');
  const allowed = canApprove({ roles: myRoles });
  const factName = (key: FactKey) => (t.dict.facts as Record<string, string>)[key] ?? key;
  const checkText = (c: CheckItem) =>
    t(`statements.checks.${c.code}`, { section: c.section ? sectionName(c.section) : '', fact: c.fact ? factName(c.fact) : '', name: String(c.params.name ?? '') });
  const approverName = doc.approverId ? (people.find((p) => p.id === doc.approverId)?.name ?? doc.approvedBy ?? '') : (doc.approvedBy ?? '');
  const built = build(doc.state === 'draft' ? { ...doc, sections: texts } : doc);
  const blocked = !allowed ? 'direction' : dirty.length > 0 ? 'save' : errors ? 'checklist' : null;
  // After each step the keyboard goes where the next one is (the button it pressed is gone or disabled).
  const then = (next: string) => (found: Problem[]) => {
    setProblems(found);
    if (found.length === 0) focusWhenShown(next);
  };

  return (
    <div className="overview" data-doc-version={doc.version}>
      <div className="col">
        {top}
        <form
          className="card"
          autoComplete="off"
          aria-label={label}
          onSubmit={(e) => {
            e.preventDefault();
            void problemsOf(dispatch('disclosure.edit-sections', { kind, incidentId: doc.incidentId, version: doc.version, edits: dirty, startedFrom })).then(then(`#${kind}-check`));
          }}
        >
          {doc.state !== 'draft' && <p className="notice">{t('statements.editsAfterApproval')}</p>}
          {texts.map((s, i) => (
            <div key={s.key}>
              <label htmlFor={`${kind}-${s.key}`}>{sectionName(s.key)}</label>
              <textarea
                id={`${kind}-${s.key}`}
                rows={3}
                autoComplete="off"
                value={s.text}
                readOnly={doc.state === 'published'}
                onChange={(e) => setTexts((all) => all.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))}
              />
              <OverrideNotice
                override={fieldOverride(`section.${s.key}`, doc.edits?.[`section.${s.key}`], myId)}
                group={kind}
                label={sectionName(s.key)}
                valueText={(v) => String(v)}
                onDismiss={() => void dispatch('disclosure.dismiss-override', { incidentId: doc.incidentId, field: `section.${s.key}`, doc: { kind, version: doc.version } })}
                onRestore={(mine) => {
                  // Put back in the editor, to be saved (or changed) like any typing.
                  setTexts((all) => all.map((x, j) => (j === i ? { ...x, text: String(mine) } : x)));
                  focusWhenShown(`#${kind}-${s.key}`);
                }}
              />
            </div>
          ))}
          {doc.state !== 'published' && (
            <div className="actions">
              <button type="submit" disabled={dirty.length === 0}>
                {t('statements.saveSection')}
              </button>
            </div>
          )}
        </form>
      </div>
      <div className="col">
        <section className="card" aria-labelledby={`${kind}-check`}>
          <h3 id={`${kind}-check`}>{t('statements.checklist')}</h3>
          {checks.length === 0 ? (
            <p className="ok">{t('statements.checklistOk')}</p>
          ) : (
            <ul className="checklist">
              {checks.map((c, i) => (
                <li key={i} className={c.severity}>
                  {checkText(c)}
                </li>
              ))}
            </ul>
          )}
          {doc.state === 'draft' && (
            <div className="approve">
              <button
                type="button"
                className="primary"
                disabled={blocked !== null}
                aria-describedby={blocked ? `${kind}-approve-why` : undefined}
                onClick={() =>
                  void problemsOf(dispatch('disclosure.approve-document', { kind, incidentId: doc.incidentId, version: doc.version, checklist: checks })).then(
                    then(publishable ? `#${kind}-publish` : `#${kind}-approved`),
                  )
                }
              >
                {t('statements.approve', { name: me?.name ?? '' })}
              </button>
              {blocked === 'direction' ? (
                <WhoMayApprove incidentId={doc.incidentId} id={`${kind}-approve-why`} />
              ) : (
                blocked && (
                  <p className="hint" id={`${kind}-approve-why`}>
                    {blocked === 'save' ? t('statements.approveNeedsSave') : t('statements.approveNeedsChecklist')}
                  </p>
                )
              )}
            </div>
          )}
          {doc.approvedAt && <p className="ok" id={`${kind}-approved`}>{t('statements.approvedNote', { by: approverName, at: formatDateTime(hlcIso(doc.approvedAt), t.lang) })}</p>}
          {publishable && doc.state === 'approved' && <PublishButton kind={kind} doc={doc} decision={data.disclosure?.decision ?? null} done={then(`#${kind}-published`)} />}
          {doc.publishedAt && <p className="ok" id={`${kind}-published`}>{t('statements.publishedNote', { at: formatDateTime(hlcIso(doc.publishedAt), t.lang) })}</p>}
          {doc.publishedAgainst && (
            <p className="notice" data-published-against>
              {t('statements.publishedAgainstNote', { at: formatDateTime(hlcIso(doc.publishedAgainst.decisionAt), t.lang), reason: doc.publishedAgainst.reason })}
            </p>
          )}
          <ProblemList problems={problems} />
        </section>
        <section className="card sheet" aria-labelledby={`${kind}-preview`}>
          <div className="board-head">
            <h3 id={`${kind}-preview`}>{t('statements.preview')}</h3>
            <span className="spacer" />
            {exports(built)}
          </div>
          <DocumentView doc={built} />
        </section>
      </div>
      <PrintView doc={built} />
    </div>
  );
}
