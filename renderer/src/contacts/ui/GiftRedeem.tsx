import { useState } from 'react';
import { parseRedemptionFile, REDEMPTION_FIELDS, type LineIssue, type RedemptionFile, type RedemptionMapping, type RedemptionPlan } from '../../../../shared/contacts/gift-redemption';
import type { FileEncoding } from '../../../../shared/contacts/model';
import { CommandRefused, dispatch } from '../../data/dispatch';
import { useT } from '../../i18n/i18n';
import { useActorName } from '../../incidents/use-actor-name';
import { formatDate, formatDateTime, hlcIso } from '../../ui/format';
import { readListFile } from '../file-reader';
import { previewRedemption, type AppliedRedemption } from '../gifts';
import { useContacts } from './contacts-store';

/** Lines listed per kind of problem before "and n more". */
const LISTED = 20;
const ISSUE_KINDS = ['already', 'mistyped', 'unknown', 'badOption', 'badDate'] as const;

/**
 * The gift vendor's redemption file: loaded (encoding and separator detected), its columns
 * mapped, checked line by line, recorded as one event; every file stays listed with undo.
 */
export function GiftRedeem({ incidentId, files, onChanged }: { incidentId: string; files: AppliedRedemption[]; onChanged: () => void }) {
  const t = useT();
  const nf = new Intl.NumberFormat();
  const actorName = useActorName();
  const engine = useContacts((s) => s.engine)!;
  const [file, setFile] = useState<RedemptionFile | null>(null);
  const [source, setSource] = useState<{ name: string; encoding: FileEncoding } | null>(null);
  const [fileProblem, setFileProblem] = useState<'fileTooLarge' | 'fileFailed' | null>(null);
  const [mapping, setMapping] = useState<RedemptionMapping | null>(null);
  const [plan, setPlan] = useState<RedemptionPlan | null>(null);
  const [message, setMessage] = useState<{ key: 'gifts.redeem.applied' | 'gifts.redeem.undone'; n?: number; undo?: string } | null>(null);
  /** The reason a command was refused (its words are looked up when shown). */
  const [refusal, setRefusal] = useState<string | null>(null);

  async function load(f: File | null) {
    setFileProblem(null);
    setPlan(null);
    setMessage(null);
    setRefusal(null);
    if (!f) return;
    try {
      const r = await readListFile(f);
      if ('tooLarge' in r) return setFileProblem('fileTooLarge');
      const parsed = parseRedemptionFile(r.text);
      setFile(parsed);
      setMapping(parsed.mapping);
      setSource({ name: f.name, encoding: r.encoding });
    } catch {
      setFileProblem('fileFailed');
    }
  }
  async function preview() {
    setRefusal(null);
    const { plan: p } = await previewRedemption(engine, incidentId, file!, { mapping: mapping!, listName: source?.name, now: Date.now() });
    setPlan(p);
  }
  async function apply() {
    try {
      const { eventId, count } = await dispatch('contacts.record-redemptions', { incidentId, file: file!, mapping: mapping!, listName: source?.name });
      setMessage({ key: 'gifts.redeem.applied', n: count, undo: eventId });
      setPlan(null);
      onChanged();
    } catch (e) {
      if (!(e instanceof CommandRefused)) throw e;
      setRefusal(e.problems[0]?.reason ?? 'nothing-new');
    }
  }
  async function undo(eventId: string) {
    try {
      await dispatch('contacts.undo-redemption', { incidentId, eventId });
      setMessage({ key: 'gifts.redeem.undone' });
      onChanged();
    } catch (e) {
      if (!(e instanceof CommandRefused)) throw e;
      setRefusal(e.problems[0]?.reason ?? 'undone');
    }
  }
  const issueList = (items: LineIssue[]) => (
    <ul className="issues">
      {items.slice(0, LISTED).map((i) => (
        <li key={`${i.line}:${i.column}`}>{t('gifts.redeem.at', { line: i.line, column: i.column, value: i.value || '—' })}</li>
      ))}
      {items.length > LISTED && <li className="meta">{t('gifts.redeem.more', { n: nf.format(items.length - LISTED) })}</li>}
    </ul>
  );

  return (
    <section className="card" aria-labelledby="gift-redeem">
      <h2 id="gift-redeem">{t('gifts.redeem.title')}</h2>
      <p className="hint">{t('gifts.redeem.lead')}</p>
      <label htmlFor="gift-file">{t('gifts.redeem.file')}</label>
      <input
        id="gift-file"
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/plain"
        onChange={(e) => {
          const f = e.target.files?.[0] ?? null;
          e.target.value = '';
          void load(f);
        }}
      />
      {source && <p className="meta">{t('gifts.redeem.fileLoaded', { name: source.name, encoding: t(`contacts.import.encodings.${source.encoding}`) })}</p>}
      {fileProblem && (
        <p role="alert" className="error">
          {t(`gifts.redeem.${fileProblem}`)}
        </p>
      )}
      {file?.problem && (
        <p role="alert" className="error">
          {t('gifts.redeem.brokenAt', file.problem)}
        </p>
      )}
      {file && mapping && (
        <>
          <h3>{t('gifts.redeem.columns')}</h3>
          <div className="grid3">
            {REDEMPTION_FIELDS.map((f) => (
              <div key={f}>
                <label htmlFor={`gift-map-${f}`}>{t(`gifts.redeem.fields.${f}`)}</label>
                <select
                  id={`gift-map-${f}`}
                  value={mapping[f]}
                  onChange={(e) => {
                    setMapping({ ...mapping, [f]: Number(e.target.value) });
                    setPlan(null);
                  }}
                >
                  <option value={-1}>{t('gifts.redeem.noColumn')}</option>
                  {file.header.map((h, i) => (
                    <option key={i} value={i}>
                      {h || String(i + 1)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          <div className="actions">
            <button type="button" disabled={mapping.code < 0} onClick={() => void preview()}>
              {t('gifts.redeem.preview')}
            </button>
          </div>
        </>
      )}
      {plan && (
        <div className="gift-plan" data-testid="gift-plan">
          <dl className="facts">
            <dt>{t('gifts.redeem.valid')}</dt>
            <dd data-field="gift-valid">{nf.format(plan.valid)}</dd>
            {ISSUE_KINDS.map((k) => (
              <div key={k} className="contents">
                <dt>{t(`gifts.redeem.${k}`)}</dt>
                <dd data-field={`gift-${k}`}>
                  {nf.format(plan[k].length)}
                  {plan[k].length > 0 && issueList(plan[k])}
                </dd>
              </div>
            ))}
          </dl>
          {plan.undated > 0 && (
            <p className="hint" data-field="gift-undated">
              {t('gifts.redeem.undated', { n: nf.format(plan.undated), date: formatDate(new Date().toISOString(), t.lang) })}
            </p>
          )}
          {plan.clashed.length > 0 && (
            <p className="error" data-field="gift-clashed">
              {t('gifts.redeem.clashed', { n: nf.format(plan.clashed.length), lines: plan.clashed.slice(0, 10).join(t.dict.facts.listSeparator) })}
            </p>
          )}
          <div className="actions">
            <button type="button" className="primary" disabled={plan.valid === 0} onClick={() => void apply()}>
              {t('gifts.redeem.apply', { n: nf.format(plan.valid) })}
            </button>
          </div>
        </div>
      )}
      {refusal && (
        <p role="alert" className="error">
          {t(`gifts.programme.problems.${refusal as 'nothing-new'}`)}
        </p>
      )}
      {message && (
        <p className="ok" role="status">
          {t(message.key, { n: nf.format(message.n ?? 0) })}{' '}
          {message.undo && (
            <button type="button" onClick={() => void undo(message.undo!)}>
              {t('gifts.redeem.undo')}
            </button>
          )}
        </p>
      )}
      {files.length > 0 && (
        <>
          <h3>{t('gifts.redeem.files')}</h3>
          <ul className="gift-files">
            {files.map((f) => (
              <li key={f.eventId} className={f.undone ? 'undone' : undefined}>
                {t('gifts.redeem.fileRow', { name: f.listName ?? t('gifts.redeem.unnamed'), count: nf.format(f.count), at: formatDateTime(hlcIso(f.at), t.lang), by: actorName(f.actor) })}{' '}
                {f.undone ? (
                  <span className="meta">{t('gifts.redeem.fileUndone')}</span>
                ) : (
                  <button type="button" onClick={() => void undo(f.eventId)}>
                    {t('gifts.redeem.undo')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
