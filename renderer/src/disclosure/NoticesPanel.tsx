import { printRecorded } from '../access/print';
import { SenderNotice } from './SenderNotice';
import { useState } from 'react';
import { documentFileName } from './file-names';
import type { Problem } from '../../../shared/disclosure/commands';
import { latestInForce, nextDocVersion, type DocLang } from '../../../shared/disclosure/doc-versions';
import { defaultNoticeSections, noticeChecklist, noticeStale } from '../../../shared/disclosure/notice';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { saveFile } from '../platform/platform';
import { useNow } from '../ui/use-now';
import { dispatch, problemsOf } from '../data/dispatch';
import { focusWhenShown } from '../ui/focus';
import { ReadOnlyArea, useReadOnly } from '../ui/read-only';
import { DocEditor } from './DocEditor';
import { changeLines, noticeDocument, noticeEmailText, publicNoticeText } from './documents';
import { ProblemList } from './ProblemList';
import { modelDocument, textDocument } from '../outgoing/documents';
import { useReleaseGate } from '../outgoing/ReleaseGate';
import { useNoticeReady } from '../outgoing/NoticeReady';

/**
 * Notices to individuals (規則10条): their own documents — drafted from the facts, edited,
 * approved by direction, then printed as letters and saved as e-mail text. The sender is
 * the company; the public notice covers those who cannot be reached (代替措置).
 */
export function NoticesPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const now = useNow();
  const notices = data.notices;
  const readOnly = useReadOnly();
  const [selected, setSelected] = useState<number | null>(null);
  const [lang, setLang] = useState<DocLang>(t.lang);
  const [problems, setProblems] = useState<Problem[]>([]);
  const current = notices.find((n) => n.version === selected) ?? notices[notices.length - 1] ?? null;
  const inForce = latestInForce(notices);
  const canCreate = notices.length === 0 || notices.every((n) => n.state !== 'draft');
  const stale = noticeStale(notices, data.incident.facts);
  const sectionName = (key: string) => (t.dict.notices.sectionNames as Record<string, string>)[key] ?? key;
  // What it is and today's date in the language on screen; never the internal incident title.
  const base = documentFileName(t, { kind: 'notice', version: current?.version ?? 1 }, now);
  const gate = useReleaseGate(data);
  // An approved version goes out as the batches send it: only while it is the current one
  // with a sender. A draft goes out marked as a draft, for review.
  const ready = useNoticeReady(data);
  const release = (action: () => unknown) => (current && current.state !== 'draft' ? ready.guard(action) : action);
  // Each way the notice leaves (letter, e-mail text, public notice) is its own document for the unfilled-facts check.
  const noticeDoc = (which: 'letter' | 'email' | 'publicNotice') => ({ id: `notice-${which}`, kind: 'notice' as const, title: t('outgoing.documents.notice', { which: t(`notices.${which}`) }) });

  async function create() {
    // A new version starts from the words in force, in their language.
    const sections = inForce ? inForce.sections : defaultNoticeSections(lang);
    const found = await problemsOf(dispatch('disclosure.draft-document', { kind: 'notice', incidentId: data.incident.id, lang: inForce ? inForce.lang : lang, sections }));
    setProblems(found);
    if (found.length === 0) {
      setSelected(null);
      // Into the new version's first section: the create button is gone.
      focusWhenShown(`[data-doc-version="${nextDocVersion(notices)}"] textarea`);
    }
  }

  return (
    <section className="notices" aria-labelledby="nt-title">
      <div className="board-head">
        <h2 id="nt-title">{t('notices.title')}</h2>
        <span className="spacer" />
        {notices.map((n) => (
          <button key={n.version} type="button" aria-pressed={current?.version === n.version} onClick={() => setSelected(n.version)}>
            {t('notices.version', { v: n.version })} <span className="badge">{t(`statements.states.${n.state}`)}</span>
          </button>
        ))}
        {notices.length === 0 && !readOnly && (
          <>
            <label htmlFor="nt-lang" className="inline-label">
              {t('statements.language')}
            </label>
            <select id="nt-lang" value={lang} onChange={(e) => setLang(e.target.value as DocLang)}>
              <option value="ja">{t('statements.languages.ja')}</option>
              <option value="en">{t('statements.languages.en')}</option>
            </select>
          </>
        )}
        {canCreate && !readOnly && (
          <button type="button" className="primary" onClick={() => void create()}>
            {notices.length === 0 ? t('notices.create') : t('notices.createFollowUp', { n: notices.length + 1 })}
          </button>
        )}
      </div>
      <p className="hint">{t('notices.lead')}</p>
      {notices.length === 0 && <p className="hint">{t('notices.empty')}</p>}
      {!data.company && <p className="notice">{t('notices.senderMissing')}</p>}
      {stale && (
        <p className="notice stale" role="status" data-notice-stale={stale.notice.version}>
          {t('notices.version', { v: stale.notice.version })}: {t('notices.stale', { changes: changeLines(t, stale.changes).join(t.dict.facts.listSeparator) })}
        </p>
      )}
      <ProblemList problems={problems} />
      {current && (
        <ReadOnlyArea>
          <DocEditor
            key={current.version}
            kind="notice"
            label={t('notices.version', { v: current.version })}
            data={data}
            doc={current}
            sectionName={sectionName}
            checklist={(sections) => noticeChecklist(sections, data.incident.facts, Date.now())}
            publishable={false}
            build={(doc) => noticeDocument({ notice: doc, facts: data.incident.facts, company: data.company, title: data.incident.title, now })}
            exports={(letter) => {
              const input = { notice: current, facts: data.incident.facts, company: data.company, title: data.incident.title, now };
              const email = noticeEmailText(input);
              const publicNotice = publicNoticeText(input);
              return (
                <>
                  {data.company && <SenderNotice company={data.company} lang={letter.lang} />}
                  <button type="button" className="primary" onClick={release(gate.guard(() => [modelDocument(t, noticeDoc('letter'), letter)], () => void printRecorded(data.incident.id, 'notice-letter', `${base}-letter.pdf`)))}>
                    {t('notices.print')}
                  </button>
                  <button type="button" onClick={release(gate.guard(() => [textDocument(t, noticeDoc('email'), email, current.lang)], () => void saveFile({ suggestedName: `${base}-email.txt`, data: email })))}>
                    {t('notices.exportEmail')}
                  </button>
                  <button type="button" onClick={release(gate.guard(() => [textDocument(t, noticeDoc('publicNotice'), publicNotice, current.lang)], () => void saveFile({ suggestedName: `${base}-public.txt`, data: publicNotice })))}>
                    {t('notices.exportPublic')}
                  </button>
                </>
              );
            }}
          />
        </ReadOnlyArea>
      )}
      {gate.dialog}
      {ready.dialog}
    </section>
  );
}
