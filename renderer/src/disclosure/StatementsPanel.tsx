import { printRecorded } from '../access/print';
import { SenderNotice } from './SenderNotice';
import { useState } from 'react';
import { documentFileName } from './file-names';
import type { Problem } from '../../../shared/disclosure/commands';
import { nextDocVersion, type DocLang, type VersionedDoc } from '../../../shared/disclosure/doc-versions';
import { saveDocx } from '../exec/word-export';
import { documentHtml, documentMarkdown, documentText, type DocumentModel } from '../../../shared/disclosure/document';
import { defaultSections, statementChecklist } from '../../../shared/disclosure/statement';
import { followUpChanges, followUpNumber, latestPublished, publishedStale, type Statement } from '../../../shared/disclosure/statement-events';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { saveFile } from '../platform/platform';
import documentCss from '../ui/document.css?raw';
import { useNow } from '../ui/use-now';
import { dispatch, problemsOf } from '../data/dispatch';
import { focusWhenShown } from '../ui/focus';
import { ReadOnlyArea, useReadOnly } from '../ui/read-only';
import { DocEditor } from './DocEditor';
import { tFor, type T } from './doc-lang';
import { changeLines, statementDocument, wordsOf } from './documents';
import { sectionsDocument } from '../outgoing/documents';
import { useReleaseGate } from '../outgoing/ReleaseGate';
import { ProblemList } from './ProblemList';

export function versionName(t: T, s: Pick<Statement, 'version'>): string {
  return t('statements.versionName', { version: t('statements.version', { v: s.version }), kind: s.version === 1 ? t('statements.first') : t('statements.followUp', { n: followUpNumber(s.version) }) });
}

/** The statement builder: versions, sections quoting live facts, checklist, approval, exports. */
export function StatementsPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const statements = data.statements;
  const readOnly = useReadOnly();
  const [selected, setSelected] = useState<number | null>(null);
  const [lang, setLang] = useState<DocLang>(t.lang);
  const [problems, setProblems] = useState<Problem[]>([]);
  const current = statements.find((s) => s.version === selected) ?? statements[statements.length - 1] ?? null;
  const published = latestPublished(statements);
  const canFollowUp = published !== null && !statements.some((s) => s.version > published.version);
  const stale = published ? publishedStale(statements, published, data.incident.facts) : [];

  async function create() {
    // A follow-up starts from the words last published, in their language.
    const sections = published ? (published.publishedSections ?? published.sections) : defaultSections(lang);
    const found = await problemsOf(dispatch('disclosure.draft-document', { kind: 'statement', incidentId: data.incident.id, lang: published ? published.lang : lang, sections }));
    setProblems(found);
    if (found.length === 0) {
      setSelected(null);
      // Into the new version's first section: the create button is gone.
      focusWhenShown(`[data-doc-version="${nextDocVersion(statements)}"] textarea`);
    }
  }

  return (
    <section className="statements" aria-labelledby="st-title">
      <div className="board-head">
        <h2 id="st-title">{t('statements.title')}</h2>
        <span className="spacer" />
        {statements.map((s) => (
          <button key={s.version} type="button" aria-pressed={current?.version === s.version} onClick={() => setSelected(s.version)}>
            {versionName(t, s)} <span className="badge">{t(`statements.states.${s.state}`)}</span>
            {s === published && stale.length > 0 && <span className="badge overdue">{t('statements.staleBadge')}</span>}
          </button>
        ))}
        {statements.length === 0 && !readOnly && (
          <>
            <label htmlFor="st-lang" className="inline-label">
              {t('statements.language')}
            </label>
            <select id="st-lang" value={lang} onChange={(e) => setLang(e.target.value as DocLang)}>
              <option value="ja">{t('statements.languages.ja')}</option>
              <option value="en">{t('statements.languages.en')}</option>
            </select>
          </>
        )}
        {(statements.length === 0 || canFollowUp) && !readOnly && (
          <button type="button" className="primary" onClick={() => void create()}>
            {statements.length === 0 ? t('statements.create') : t('statements.createFollowUp', { n: followUpNumber(statements.length + 1) })}
          </button>
        )}
      </div>
      <p className="hint">{t('statements.lead')}</p>
      {stale.length > 0 && published && (
        <p className="notice stale" role="status">
          {versionName(t, published)}: {t('statements.stale', { changes: changeLines(t, stale).join(t.dict.facts.listSeparator) })}
        </p>
      )}
      <ProblemList problems={problems} />
      {current && (
        <ReadOnlyArea>
          <StatementEditor key={current.version} data={data} statement={current} />
        </ReadOnlyArea>
      )}
    </section>
  );
}

function StatementEditor({ data, statement }: { data: OpenIncident; statement: VersionedDoc }) {
  const t = useT();
  const now = useNow();
  const dt = tFor(statement.lang);
  const changes = followUpChanges(data.statements, statement, data.incident.facts);
  // What it is and today's date in the language on screen; never the internal incident title.
  const base = documentFileName(t, { kind: 'statement', version: statement.version }, now);
  const sectionName = (key: string) => (t.dict.statements.sectionNames as Record<string, string>)[key] ?? key;
  const gate = useReleaseGate(data);
  // Every way the statement leaves (files, print) first passes the unfilled-facts check.
  const release = (_doc: DocumentModel, action: () => unknown) =>
    gate.guard(
      () => [
        sectionsDocument(
          { id: `statement:${statement.version}`, kind: 'statement', title: t('outgoing.documents.statement', { version: t('statements.version', { v: statement.version }) }) },
          wordsOf(statement, data.incident.facts),
          { title: data.incident.title, lang: statement.lang, sectionName: (key) => (dt.dict.statements.sectionNames as Record<string, string>)[key] ?? key },
        ),
      ],
      action,
    );
  return (
    <>
    <DocEditor
      kind="statement"
      label={versionName(t, statement)}
      data={data}
      doc={statement}
      sectionName={sectionName}
      checklist={(sections) => statementChecklist(sections, data.incident.facts, Date.now())}
      publishable
      build={(doc) =>
        statementDocument({ statement: doc, statements: data.statements, facts: data.incident.facts, company: data.company, decision: data.disclosure?.decision ?? null, title: data.incident.title, now })
      }
      top={
        changes && (
          <section className="card diff" aria-labelledby="st-changes">
            <h3 id="st-changes">{t('statements.changes')}</h3>
            {changes.length === 0 ? (
              <p>{t('statements.noChanges')}</p>
            ) : (
              <ul>
                {changeLines(dt, changes).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </section>
        )
      }
      exports={(doc) => (
        <>
          <SenderNotice company={data.company} lang={doc.lang} />
          <button type="button" onClick={release(doc, () => void saveFile({ suggestedName: `${base}.html`, data: documentHtml(doc, documentCss) }))}>
            {t('statements.exportHtml')}
          </button>
          <button type="button" onClick={release(doc, () => void saveDocx(doc, base))}>
            {t('word.export')}
          </button>
          <button type="button" onClick={release(doc, () => void saveFile({ suggestedName: `${base}.md`, data: documentMarkdown(doc) }))}>
            {t('statements.exportMd')}
          </button>
          <button type="button" onClick={release(doc, () => void saveFile({ suggestedName: `${base}.txt`, data: documentText(doc) }))}>
            {t('statements.exportText')}
          </button>
          <button type="button" onClick={release(doc, () => void printRecorded(data.incident.id, 'statement', `${base}.pdf`))}>
            {t('statements.print')}
          </button>
        </>
      )}
    />
    {gate.dialog}
    </>
  );
}
