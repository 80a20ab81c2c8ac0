import { useEffect, useRef, useState } from 'react';
import { CONTACT_FIELDS, type Channel, type ColumnMapping, type ContactField, type FileEncoding, type ImportIssue } from '../../../../shared/contacts/model';
import { toCsv } from '../../../../shared/export/csv';
import { encodeCsv } from '../../../../shared/export/csv';
import { useT } from '../../i18n/i18n';
import type { OpenIncident } from '../../incidents/workspace-store';
import { saveFile } from '../../platform/platform';
import type { DatasetInfo } from '../contact-engine';
import type { ImportProgress, ImportResult, Peek } from '../import-pipeline';
import type { RunningImport } from '../import-client';
import { useContacts } from './contacts-store';
import { MissingDatasets } from './MissingDatasets';

const ORDERS: Record<'standard' | 'emailFirst', Channel[]> = {
  standard: ['post', 'email', 'phone', 'notice'],
  emailFirst: ['email', 'post', 'phone', 'notice'],
};

/** Import a customer list: detect encoding, map columns on a preview, stream it in a worker. */
export function ImportPanel({ data, onDone }: { data: OpenIncident; onDone: () => void }) {
  const t = useT();
  const { engine, client } = useContacts();
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<'auto' | FileEncoding>('auto');
  const [peek, setPeek] = useState<Peek | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({ fields: {}, extra: [] });
  const [order, setOrder] = useState<'standard' | 'emailFirst'>('standard');
  const [retries, setRetries] = useState(2);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [unfinished, setUnfinished] = useState<DatasetInfo[]>([]);
  const running = useRef<RunningImport | null>(null);

  useEffect(() => {
    void engine?.unfinishedImports(data.incident.id).then(setUnfinished);
  }, [engine, data.incident.id, result]);

  async function choose(f: File | null, enc = encoding) {
    setFile(f);
    setResult(null);
    setPeek(null);
    if (!f || !client || !engine) return;
    const p = await client.peek(f, enc === 'auto' ? undefined : enc);
    setPeek(p);
    setMapping((await engine.recallMapping(p.header)) ?? p.guess);
  }

  async function start(resumeId?: string) {
    if (!file || !client || !engine || !peek) return;
    setResult(null);
    setProgress(null);
    const run = client.start(
      file,
      {
        incidentId: data.incident.id,
        mapping,
        encoding: peek.encoding,
        channelOrder: ORDERS[order],
        maxRetries: retries,
        fileName: file.name,
        resumeId,
      },
      setProgress,
    );
    running.current = run;
    try {
      const r = await run.done;
      setResult(r);
      if (r.ok) {
        await engine.rememberMapping(peek.header, mapping);
        await useContacts.getState().refresh();
      }
    } catch {
      setResult({ ok: false, reason: 'interrupted', errors: [], errorCount: 0, warnings: [], warningCount: 0 });
    } finally {
      running.current = null;
      setProgress(null);
    }
  }

  const issueText = (i: ImportIssue) =>
    t('contacts.import.issueLine', { line: i.line, column: i.column, message: t(`contacts.import.issues.${i.code}`, { first: i.firstLine ?? '' }) });
  const issues = result ? (result.ok ? result.warnings : [...result.errors, ...result.warnings]) : [];
  const saveReport = () =>
    void saveFile({
      suggestedName: `${file?.name ?? 'import'}-report.csv`,
      data: encodeCsv(toCsv(['line', 'column', 'code', 'message'], issues.map((i) => [i.line, i.column, i.code, t(`contacts.import.issues.${i.code}`, { first: i.firstLine ?? '' })])), 'utf-8-bom'),
    });
  const nf = new Intl.NumberFormat();

  return (
    <section className="card" aria-labelledby="im-title">
      <h2 id="im-title">{t('contacts.import.title')}</h2>
      <p className="hint">{t('contacts.import.lead')}</p>
      <MissingDatasets />
      <div className="grid2">
        <div>
          <label htmlFor="im-file">{t('contacts.import.file')}</label>
          <input id="im-file" type="file" accept=".csv,text/csv" onChange={(e) => void choose(e.target.files?.[0] ?? null)} />
        </div>
        <div>
          <label htmlFor="im-encoding">{t('contacts.import.encoding')}</label>
          <select
            id="im-encoding"
            value={encoding}
            onChange={(e) => {
              const enc = e.target.value as 'auto' | FileEncoding;
              setEncoding(enc);
              void choose(file, enc);
            }}
          >
            {(['auto', 'shift_jis', 'utf-8'] as const).map((x) => (
              <option key={x} value={x}>
                {t(`contacts.import.encodings.${x}`)}
              </option>
            ))}
          </select>
          {peek && <p className="meta">{t('contacts.import.detected', { encoding: t(`contacts.import.encodings.${peek.encoding}`) })}</p>}
        </div>
      </div>
      {peek?.error && (
        <p role="alert" className="error">
          {issueText(peek.error)}
        </p>
      )}
      {peek && !peek.error && (
        <>
          <h3>{t('contacts.import.preview')}</h3>
          <div className="scroll-x">
            <table className="table compact">
              <thead>
                <tr>
                  {peek.header.map((h, i) => (
                    <th key={i} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {peek.rows.slice(0, 5).map((r, i) => (
                  <tr key={i}>
                    {r.map((c, j) => (
                      <td key={j}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('contacts.import.mapping')}</h3>
          <div className="grid4">
            {CONTACT_FIELDS.map((f: ContactField) => (
              <div key={f}>
                <label htmlFor={`map-${f}`}>{t(`contacts.fields.${f}`)}</label>
                <select
                  id={`map-${f}`}
                  value={mapping.fields[f] ?? -1}
                  onChange={(e) => {
                    const n = Number(e.target.value);
                    setMapping((m) => {
                      const fields = { ...m.fields };
                      if (n < 0) delete fields[f];
                      else fields[f] = n;
                      return { ...m, fields };
                    });
                  }}
                >
                  <option value={-1}>{t('contacts.import.notMapped')}</option>
                  {peek.header.map((h, i) => (
                    <option key={i} value={i}>
                      {t('contacts.import.column', { n: i + 1, name: h })}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </div>
          <div className="grid2">
            <fieldset>
              <legend>{t('contacts.import.order')}</legend>
              {(['standard', 'emailFirst'] as const).map((o) => (
                <label key={o} className="inline">
                  <input type="radio" name="order" checked={order === o} onChange={() => setOrder(o)} />
                  {t(`contacts.import.orders.${o}`)}
                </label>
              ))}
            </fieldset>
            <div>
              <label htmlFor="im-retries">{t('contacts.import.retries')}</label>
              <select id="im-retries" value={retries} onChange={(e) => setRetries(Number(e.target.value))}>
                {[0, 1, 2, 3, 5].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="actions">
            <button type="button" className="primary" disabled={progress !== null} onClick={() => void start()}>
              {t('contacts.import.start')}
            </button>
            {progress && (
              <button type="button" onClick={() => running.current?.cancel()}>
                {t('contacts.import.cancel')}
              </button>
            )}
          </div>
        </>
      )}
      {progress && (
        <div className="import-progress">
          <progress max={progress.totalBytes || 1} value={progress.bytes} aria-label={t('contacts.import.progressLabel')} />
          <p role="status">
            {t('contacts.import.progress', {
              rows: nf.format(progress.rows),
              rate: nf.format(Math.round(progress.rowsPerSecond)),
              eta: progress.etaSeconds === null ? '—' : `${Math.ceil(progress.etaSeconds)}s`,
            })}
          </p>
        </div>
      )}
      {result && (
        <div className="import-result">
          {result.ok ? (
            <p role="status" className="ok">
              {t('contacts.import.done', { rows: nf.format(result.rows), duplicates: result.duplicates, warnings: result.warningCount })}
            </p>
          ) : (
            <p role="alert" className="error">
              {result.reason === 'invalid'
                ? t('contacts.import.failed', { count: result.errorCount })
                : result.reason === 'cancelled'
                  ? t('contacts.import.cancelled')
                  : result.reason === 'resume-mismatch' || result.reason === 'hash-mismatch'
                    ? t('contacts.import.mismatch')
                    : t('contacts.import.interrupted')}
            </p>
          )}
          {issues.length > 0 && (
            <section aria-labelledby="im-report">
              <div className="board-head">
                <h3 id="im-report">{t('contacts.import.report')}</h3>
                <button type="button" onClick={saveReport}>
                  {t('contacts.import.saveReport')}
                </button>
              </div>
              <ul className="issues">
                {issues.slice(0, 200).map((i, k) => (
                  <li key={k} className={i.severity}>
                    {issueText(i)}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {result.ok && (
            <button type="button" onClick={onDone}>
              {t('contacts.nav.dashboard')}
            </button>
          )}
        </div>
      )}
      {unfinished.length > 0 && (
        <section aria-labelledby="im-unfinished">
          <h3 id="im-unfinished">{t('contacts.import.unfinished')}</h3>
          <ul>
            {unfinished.map((d) => (
              <li key={d.id}>
                {t('contacts.import.unfinishedRow', { name: d.meta.fileName, done: nf.format(d.committedRows), rows: nf.format(d.rows) })}{' '}
                <button type="button" disabled={!peek} onClick={() => void start(d.id)}>
                  {t('contacts.import.resume')}
                </button>{' '}
                <button type="button" className="link danger" onClick={() => void engine?.discardImport(d.id).then(() => setResult(null)).then(() => engine.unfinishedImports(data.incident.id).then(setUnfinished))}>
                  {t('contacts.import.discard')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
