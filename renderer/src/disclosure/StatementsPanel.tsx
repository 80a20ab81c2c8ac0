import { useState } from 'react';
import { defaultSections, statementChecklist, type CheckItem, type StatementSection } from '../../../shared/disclosure/statement';
import { changesSinceLastPublished, followUpNumber, latestPublished, nextVersion, type Statement } from '../../../shared/disclosure/statement-events';
import type { FactKey } from '../../../shared/incident/model';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/workspace-store';
import { printPage, saveFile } from '../platform/platform';
import { formatDateTime, hlcIso, locale } from '../ui/format';
import { renderLabels } from '../ui/render-labels';
import { useSession } from '../vault/session-store';
import { approveStatement, draftStatement, editStatementSections, publishStatement } from './commands';
import { renderStatement, statementHtml, statementMarkdown, statementText } from './statement-render';
import { statementDocument } from '../outgoing/documents';
import { useReleaseGate } from '../outgoing/ReleaseGate';

/** The statement builder: sections quoting live facts, checklist, versions, approval, exports. */
export function StatementsPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const store = useSession((s) => s.store)!;
  const statements = data.statements;
  const [selected, setSelected] = useState<number | null>(null);
  const current = statements.find((s) => s.version === selected) ?? statements[statements.length - 1] ?? null;
  const next = nextVersion(statements);
  const published = latestPublished(statements);
  const canFollowUp = published !== null && !statements.some((s) => s.version > published.version);

  async function create() {
    const sections = published ? (published.publishedSections ?? published.sections) : defaultSections();
    await draftStatement(store, data.incident.id, next, sections);
    setSelected(next);
  }

  return (
    <section className="statements" aria-labelledby="st-title">
      <div className="board-head">
        <h2 id="st-title">{t('statements.title')}</h2>
        <span className="spacer" />
        {statements.map((s) => (
          <button key={s.version} type="button" aria-pressed={current?.version === s.version} onClick={() => setSelected(s.version)}>
            {versionName(t, s)} <span className="badge">{t(`statements.states.${s.state}`)}</span>
          </button>
        ))}
        {(statements.length === 0 || canFollowUp) && (
          <button type="button" className="primary" onClick={() => void create()}>
            {statements.length === 0 ? t('statements.create') : t('statements.createFollowUp', { n: followUpNumber(next) })}
          </button>
        )}
      </div>
      <p className="hint">{t('statements.lead')}</p>
      {current && <StatementEditor key={`${current.version}:${current.updatedAt}`} data={data} statement={current} />}
    </section>
  );
}

function versionName(t: ReturnType<typeof useT>, s: Statement): string {
  return `${t('statements.version', { v: s.version })}（${s.version === 1 ? t('statements.first') : t('statements.followUp', { n: followUpNumber(s.version) })}）`;
}

function StatementEditor({ data, statement }: { data: OpenIncident; statement: Statement }) {
  const t = useT();
  const store = useSession((s) => s.store)!;
  const me = useSession((s) => s.me);
  const [texts, setTexts] = useState<StatementSection[]>(statement.sections);
  const [approver, setApprover] = useState(me?.name ?? '');
  const facts = data.incident.facts;
  const incidentId = data.incident.id;
  const dirty = texts.filter((s) => statement.sections.find((x) => x.key === s.key)?.text !== s.text);
  const checklist = statementChecklist(texts, facts);
  const changes = statement.version > 1 ? changesSinceLastPublished(data.statements.filter((s) => s.version < statement.version), facts) : null;
  const headline = statement.version === 1 ? t('statements.headline') : t('statements.followUpHeadline', { n: followUpNumber(statement.version) });
  const labels = renderLabels(t.dict);
  const shown = statement.state === 'published' && statement.publishedSections ? statement.publishedSections : texts;
  const rendered = renderStatement(data.incident.title, headline, shown, statement.state === 'published' && statement.factsSnapshot ? statement.factsSnapshot : facts, {
    labels,
    locale: locale(t.lang),
  });
  const stamp = `${versionName(t, statement)} — ${formatDateTime(new Date().toISOString(), t.lang)}`;
  const sectionName = (key: string) => (t.dict.statements.sectionNames as Record<string, string>)[key] ?? key;
  const factName = (key: FactKey) => (t.dict.facts as Record<string, string>)[key] ?? key;
  const factText = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('facts.unknown');
    if (typeof v === 'number') return new Intl.NumberFormat(locale(t.lang)).format(v);
    if (Array.isArray(v)) return v.map((i) => (t.dict.items as Record<string, string>)[i] ?? i).join(t.dict.facts.listSeparator);
    return String(v);
  };
  const checkText = (c: CheckItem) =>
    t(`statements.checks.${c.code}`, { section: c.section ? sectionName(c.section) : '', fact: c.fact ? factName(c.fact) : '', name: String(c.params.name ?? '') });
  const base = `${data.incident.title}-statement-v${statement.version}`.replace(/[\\/:*?"<>|\s]+/g, '_');
  const gate = useReleaseGate(data);
  const release = (action: () => unknown) => gate.guard(() => [statementDocument(t, data, statement, shown)], action);

  return (
    <div className="overview">
      <div className="col">
        {changes && (
          <section className="card diff" aria-labelledby="st-changes">
            <h3 id="st-changes">{t('statements.changes')}</h3>
            {changes.length === 0 ? (
              <p>{t('statements.noChanges')}</p>
            ) : (
              <ul>
                {changes.map((c) => (
                  <li key={c.field}>
                    {factName(c.field)}: {factText(c.before)} → {factText(c.after)}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        <form
          className="card"
          autoComplete="off"
          aria-label={versionName(t, statement)}
          onSubmit={(e) => {
            e.preventDefault();
            void editStatementSections(store, incidentId, statement.version, dirty);
          }}
        >
          {statement.state !== 'draft' && <p className="notice">{t('statements.editsAfterApproval')}</p>}
          {texts.map((s, i) => (
            <div key={s.key}>
              <label htmlFor={`st-${s.key}`}>{sectionName(s.key)}</label>
              <textarea
                id={`st-${s.key}`}
                rows={3}
                autoComplete="off"
                value={s.text}
                readOnly={statement.state === 'published'}
                onChange={(e) => setTexts((all) => all.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))}
              />
            </div>
          ))}
          {statement.state !== 'published' && (
            <div className="actions">
              <button type="submit" disabled={dirty.length === 0}>
                {t('statements.saveSection')}
              </button>
            </div>
          )}
        </form>
      </div>
      <div className="col">
        <section className="card" aria-labelledby="st-check">
          <h3 id="st-check">{t('statements.checklist')}</h3>
          {checklist.length === 0 ? (
            <p className="ok">{t('statements.checklistOk')}</p>
          ) : (
            <ul className="checklist">
              {checklist.map((c, i) => (
                <li key={i} className={c.severity}>
                  {checkText(c)}
                </li>
              ))}
            </ul>
          )}
          {statement.state === 'draft' && (
            <div className="inline-form">
              <label htmlFor="st-approver">{t('statements.approvedBy')}</label>
              <input id="st-approver" autoComplete="off" value={approver} onChange={(e) => setApprover(e.target.value)} />
              <button
                type="button"
                className="primary"
                disabled={dirty.length > 0 || approver.trim() === '' || checklist.some((c) => c.severity === 'error')}
                onClick={() => void approveStatement(store, incidentId, statement.version, approver.trim(), statement.sections, facts)}
              >
                {t('statements.approve')}
              </button>
            </div>
          )}
          {statement.approvedBy && statement.approvedAt && (
            <p className="ok">{t('statements.approvedNote', { by: statement.approvedBy, at: formatDateTime(hlcIso(statement.approvedAt), t.lang) })}</p>
          )}
          {statement.state === 'approved' && (
            <button type="button" className="primary" onClick={() => void publishStatement(store, incidentId, statement.version)}>
              {t('statements.publish')}
            </button>
          )}
          {statement.publishedAt && <p className="ok">{t('statements.publishedNote', { at: formatDateTime(hlcIso(statement.publishedAt), t.lang) })}</p>}
        </section>
        <article className="card sheet" aria-labelledby="st-preview">
          <div className="board-head no-print">
            <h3 id="st-preview">{t('statements.preview')}</h3>
            <span className="spacer" />
            <button type="button" onClick={release(() => void saveFile({ suggestedName: `${base}.html`, data: statementHtml(rendered, stamp, t.lang) }))}>
              {t('statements.exportHtml')}
            </button>
            <button type="button" onClick={release(() => void saveFile({ suggestedName: `${base}.md`, data: statementMarkdown(rendered, stamp) }))}>
              {t('statements.exportMd')}
            </button>
            <button type="button" onClick={release(() => void saveFile({ suggestedName: `${base}.txt`, data: statementText(rendered, stamp) }))}>
              {t('statements.exportText')}
            </button>
            <button type="button" onClick={release(() => void printPage(`${base}.pdf`))}>
              {t('statements.print')}
            </button>
          </div>
          <h2 className="statement-headline">{rendered.headline}</h2>
          {rendered.paragraphs.map((p, i) => (
            <p key={i} className="statement-p">
              {p}
            </p>
          ))}
          <p className="meta">{stamp}</p>
        </article>
        {gate.dialog}
      </div>
    </div>
  );
}
