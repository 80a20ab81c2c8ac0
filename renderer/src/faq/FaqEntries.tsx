import { useMayDecide, WhoMayApprove } from '../roles/WhoMayApprove';
import { printRecorded } from '../access/print';
import { useState } from 'react';
import { answerText, approvalLapse, approvedVersion, faqState, latestVersion, sameWords, usageCounts, type FaqEntry } from '../../../shared/faq/model';
import { staleness } from '../../../shared/faq/stale';
import { movedAway } from '../../../shared/faq/answered';
import { PLACEHOLDERS } from '../../../shared/incident/render';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { saveFile } from '../platform/platform';
import { formatDateTime, hlcIso, locale } from '../ui/format';
import { renderLabels } from '../ui/render-labels';
import type { Problem } from '../../../shared/events/command';
import { CommandRefused, dispatch } from '../data/dispatch';
import { faqHtml, faqMarkdown, lineDiff, publicationVersion, publishable, renderAnswer } from './faq-render';
import { ProblemList } from './ProblemList';
import { faqPublicationDocument } from '../outgoing/documents';
import { useReleaseGate } from '../outgoing/ReleaseGate';

export interface NewEntryPrefill {
  question: string;
  variants: string[];
  enquiryIds: string[];
}

/** FAQ entries: list, editor with versions and diffs, approval by direction, publishing. */
export function FaqEntries({
  data,
  openId,
  prefill,
  onOpen,
}: {
  data: OpenIncident;
  openId: string | null;
  prefill: NewEntryPrefill | null;
  onOpen: (id: string | null, prefill?: NewEntryPrefill | null) => void;
}) {
  const t = useT();
  const usage = usageCounts(data.faq, data.enquiries);
  const entry = data.faq.find((e) => e.id === openId) ?? null;
  const gate = useReleaseGate(data);
  if (entry || prefill) return <EntryEditor key={entry?.id ?? 'new'} data={data} entry={entry} prefill={prefill} onDone={(id) => onOpen(id)} />;

  const labels = renderLabels(t.dict);
  const now = new Date().toISOString();
  const published = publishable(data.faq, data.incident, labels, locale(t.lang));
  // Approved answers whose quoted facts changed wait for approval again: the export leaves
  // them out, and says so, so nobody publishes a page thinking it is complete.
  const leftOut = data.faq.filter((e) => faqState(e) === 'approved' && staleness(e, data.incident.facts).state === 'stale').map((e) => approvedVersion(e)?.question ?? '');
  // So are entries whose approval holds for no version here (decision 067): said the same way.
  const lapsed = data.faq.filter((e) => faqState(e) === 'draft' && approvalLapse(e) !== null).map((e) => latestVersion(e)?.question ?? '');
  const version = publicationVersion(data.faq);
  const stamp = t('faq.entries.stamp', { title: data.incident.title, version, at: formatDateTime(now, t.lang) });
  const base = `${data.incident.title}-faq`.replace(/[\\/:*?"<>|\s]+/g, '_');
  const release = (action: () => unknown) => gate.guard(() => [faqPublicationDocument(t, published)], action);

  return (
    <div>
      <section className="card" aria-labelledby="fe-title">
        <div className="board-head">
          <h2 id="fe-title">{t('faq.entries.title')}</h2>
          <span className="spacer" />
          <button type="button" className="primary" onClick={() => onOpen(null, { question: '', variants: [], enquiryIds: [] })}>
            {t('faq.entries.new')}
          </button>
        </div>
        <p className="hint">{t('faq.entries.lead')}</p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('faq.entries.question')}</th>
              <th scope="col">{t('faq.entries.category')}</th>
              <th scope="col">{t('faq.consistency.columns.state')}</th>
              <th scope="col">{t('faq.entries.usageColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {data.faq.map((e) => {
              const st = staleness(e, data.incident.facts).state;
              const lapse = st === 'draft' && approvalLapse(e) !== null;
              return (
                <tr key={e.id}>
                  <td>
                    <button type="button" className="link" onClick={() => onOpen(e.id)}>
                      {latestVersion(e)?.question}
                    </button>
                  </td>
                  <td>{latestVersion(e)?.category}</td>
                  <td>
                    <span className={`badge ${st === 'stale' ? 'overdue' : st === 'current' ? 'ok' : ''}`}>
                      {st === 'current' ? t('faq.entries.states.approved') : lapse ? t('faq.entries.states.lapsed') : t(`faq.entries.states.${st}`)}
                    </span>
                  </td>
                  <td>{usage.get(e.id) ?? 0}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="fe-publish">
        <h2 id="fe-publish">{t('faq.entries.publish')}</h2>
        {leftOut.length > 0 && (
          <p className="notice" role="note">
            {t('faq.entries.leftOut', { n: leftOut.length, questions: leftOut.join(t.dict.facts.listSeparator) })}
          </p>
        )}
        {lapsed.length > 0 && (
          <p className="notice" role="note">
            {t('faq.entries.lapsedLeftOut', { n: lapsed.length, questions: lapsed.join(t.dict.facts.listSeparator) })}
          </p>
        )}
        {published.length === 0 ? (
          <p className="hint">{t('faq.entries.noneApproved')}</p>
        ) : (
          <div className="actions">
            <button type="button" onClick={release(() => void saveFile({ suggestedName: `${base}.html`, data: faqHtml(`${data.incident.title}`, stamp, published, t.lang) }))}>
              {t('faq.entries.exportHtml')}
            </button>
            <button type="button" onClick={release(() => void saveFile({ suggestedName: `${base}.md`, data: faqMarkdown(data.incident.title, stamp, published) }))}>
              {t('faq.entries.exportMd')}
            </button>
            <button type="button" onClick={release(() => void printRecorded(data.incident.id, 'faq-handbook', `${base}-handbook.pdf`))}>
              {t('faq.entries.printHandbook')}
            </button>
          </div>
        )}
      </section>
      <article className="print-only handbook" aria-hidden="true">
        <h1>{t('faq.entries.handbookTitle')}</h1>
        <p className="meta">{stamp}</p>
        {published.map((f) => (
          <section key={f.id}>
            <h2>{f.question}</h2>
            <p className="statement-p">{f.answer}</p>
          </section>
        ))}
      </article>
      {gate.dialog}
    </div>
  );
}

function EntryEditor({ data, entry, prefill, onDone }: { data: OpenIncident; entry: FaqEntry | null; prefill: NewEntryPrefill | null; onDone: (id: string | null) => void }) {
  const t = useT();
  const latest = entry ? latestVersion(entry) : undefined;
  const [question, setQuestion] = useState(latest?.question ?? prefill?.question ?? '');
  const [category, setCategory] = useState(latest?.category ?? '');
  const [answer, setAnswer] = useState(latest?.answer ?? '');
  const [variants, setVariants] = useState((prefill?.variants ?? []).join('\n'));
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const labels = renderLabels(t.dict);
  const stale = entry ? staleness(entry, data.incident.facts) : null;
  const state = entry ? faqState(entry) : 'draft';
  const canApprove = useMayDecide(data.incident.id);
  const approved = entry ? approvedVersion(entry) : undefined;
  // Why an approval recorded for this entry is not used (decision 067), told calmly beside it.
  const lapse = entry && state !== 'retired' ? approvalLapse(entry) : null;
  const pending = approved !== undefined && latest !== undefined && approved !== latest && state === 'approved' ? { approved, latest } : null;
  // An approval is of the words on screen: the form must hold the latest version as saved.
  const unsaved = entry !== null && latest !== undefined && !sameWords({ question: question.trim(), answer: answerText(answer), category: category.trim() }, latest);
  // The version the form last held: one arriving from another laptop while it is open is said, not slipped in.
  const [shown, setShown] = useState(latest?.at);
  if (!unsaved && latest !== undefined && shown !== latest.at) setShown(latest.at);
  const arrived = unsaved && latest !== undefined && shown !== latest.at ? latest : null;
  const showArrived = (v: NonNullable<typeof latest>) => {
    setQuestion(v.question);
    setCategory(v.category);
    setAnswer(v.answer);
    setShown(v.at);
  };
  const factName = (k: string) => (t.dict.facts as Record<string, string>)[k] ?? k;

  async function attempt(fn: () => Promise<void>) {
    try {
      await fn();
      setProblems([]);
    } catch (err) {
      if (err instanceof CommandRefused) setProblems(err.problems);
      else throw err;
    }
  }

  const save = () =>
    attempt(async () => {
      if (!entry) {
        const list = variants.split('\n').map((v) => v.trim()).filter((v) => v !== '');
        const enquiryIds = prefill?.enquiryIds ?? [];
        const away = enquiryIds.length > 0 ? movedAway(data.enquiries) : undefined;
        const id = await dispatch('faq.draft-entry', { incidentId: data.incident.id, text: { question, answer, category, variants: list }, enquiryIds, away });
        onDone(id);
      } else {
        await dispatch('faq.edit-entry', { entryId: entry.id, text: { question, answer, category } });
      }
    });

  return (
    <section className="card" aria-labelledby="ed-title">
      <div className="board-head">
        <h2 id="ed-title">{entry ? latest?.question : t('faq.entries.new')}</h2>
        {entry && <span className="badge">{stale?.state === 'stale' ? t('faq.entries.states.stale') : t(`faq.entries.states.${state}`)}</span>}
        <span className="spacer" />
        <button type="button" onClick={() => onDone(null)}>
          {t('faq.entries.back')}
        </button>
      </div>
      {stale?.state === 'stale' && (
        <p role="alert" className="notice">
          {t('faq.entries.staleNote', { facts: stale.changed.map(factName).join(t.dict.facts.listSeparator) })}
        </p>
      )}
      {lapse && entry?.approval && (
        <p role="status" className="notice">
          {t(`faq.entries.lapse.${lapse}`, {
            n: entry.approval.version,
            at: formatDateTime(hlcIso(entry.approval.at), t.lang),
            // versionAt is whatever the event said: a time only if it reads as a clock.
            later: /^\d{16}-/.test(entry.approval.versionAt ?? '') ? formatDateTime(hlcIso(entry.approval.versionAt!), t.lang) : '—',
          })}
        </p>
      )}
      {pending && (
        <p role="note" className="hint">
          {t('faq.entries.pendingNote', {
            n: pending.approved.version,
            at: formatDateTime(hlcIso(pending.approved.at), t.lang),
            m: pending.latest.version,
            later: formatDateTime(hlcIso(pending.latest.at), t.lang),
          })}
        </p>
      )}
      {arrived && (
        <div role="status" className="notice">
          <p>{t('faq.entries.arrived', { n: arrived.version, at: formatDateTime(hlcIso(arrived.at), t.lang) })}</p>
          <button type="button" onClick={() => showArrived(arrived)}>
            {t('faq.entries.showArrived')}
          </button>
        </div>
      )}
      <div className="overview">
        <form
          autoComplete="off"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label htmlFor="ed-question">{t('faq.entries.question')}</label>
          <input id="ed-question" autoComplete="off" value={question} onChange={(e) => setQuestion(e.target.value)} />
          <label htmlFor="ed-category">{t('faq.entries.category')}</label>
          <input id="ed-category" autoComplete="off" value={category} onChange={(e) => setCategory(e.target.value)} />
          {!entry && (
            <>
              <label htmlFor="ed-variants">{t('faq.entries.variants')}</label>
              <textarea id="ed-variants" rows={4} autoComplete="off" value={variants} onChange={(e) => setVariants(e.target.value)} />
            </>
          )}
          <label htmlFor="ed-answer">{t('faq.entries.answer')}</label>
          <textarea id="ed-answer" rows={6} autoComplete="off" value={answer} onChange={(e) => setAnswer(e.target.value)} aria-describedby="ed-ph" />
          <p className="hint" id="ed-ph">
            {t('faq.entries.placeholders', { list: PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ') })}
          </p>
          <ProblemList problems={problems} />
          <div className="actions">
            <button type="submit" className="primary">
              {t('faq.entries.save')}
            </button>
            {entry && state !== 'retired' && (
              <button
                type="button"
                disabled={!canApprove || unsaved || (state === 'approved' && stale?.state === 'current' && approved === latest)}
                aria-describedby={unsaved && !arrived ? 'ed-save-first' : undefined}
                onClick={() => void attempt(() => dispatch('faq.approve-entry', { entryId: entry.id, seen: latest?.at }))}
              >
                {t('faq.entries.approve')}
              </button>
            )}
          </div>
          {entry && canApprove && unsaved && !arrived && state !== 'retired' && (
            <p className="hint" id="ed-save-first">
              {t('faq.entries.saveBeforeApprove')}
            </p>
          )}
          {entry && !canApprove && <WhoMayApprove incidentId={data.incident.id} />}
          {entry && state !== 'retired' && (
            <div className="inline-form">
              <label htmlFor="ed-reason">{t('faq.entries.retireReason')}</label>
              <input id="ed-reason" autoComplete="off" value={reason} onChange={(e) => setReason(e.target.value)} />
              <button type="button" className="link danger" onClick={() => void attempt(() => dispatch('faq.retire-entry', { entryId: entry.id, reason }))}>
                {t('faq.entries.retire')}
              </button>
            </div>
          )}
        </form>
        <div>
          <h3>{t('faq.entries.preview')}</h3>
          <p className="statement-p preview-box">{renderAnswer(answer, data.incident, labels, locale(t.lang))}</p>
          {entry?.approval && approved && <p className="meta">{t('faq.entries.approvedAt', { at: formatDateTime(hlcIso(entry.approval.at), t.lang) })}</p>}
          {entry && entry.variants.length > 0 && (
            <>
              <h3>{t('faq.entries.variants')}</h3>
              <ul className="members">
                {entry.variants.map((v) => (
                  <li key={v.text}>{v.text}</li>
                ))}
              </ul>
            </>
          )}
          {entry && (
            <>
              <h3>{t('faq.entries.versions')}</h3>
              <ol className="versions" reversed>
                {[...entry.versions].reverse().map((v, i, all) => {
                  const prev = all[i + 1];
                  return (
                    <li key={`${v.version}-${v.at}`}>
                      <strong>{t('faq.entries.versionN', { n: v.version })}</strong> <span className="meta">{formatDateTime(hlcIso(v.at), t.lang)}</span>
                      {prev && (
                        <div className="diff" aria-label={t('faq.entries.diff')}>
                          {lineDiff(prev.answer, v.answer)
                            .filter((d) => d.kind !== 'same')
                            .map((d, k) => (
                              <div key={k} className={`diff-${d.kind}`}>
                                {d.kind === 'added' ? '+ ' : '− '}
                                {d.text}
                              </div>
                            ))}
                        </div>
                      )}
                    </li>
                  );
                })}
              </ol>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
