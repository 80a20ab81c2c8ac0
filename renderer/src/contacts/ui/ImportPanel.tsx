import { useEffect, useRef, useState } from 'react';
import type { Channel, ColumnMapping, Delimiter, FileEncoding } from '../../../../shared/contacts/model';
import { EncodingSelect } from './EncodingSelect';
import { previewProblems } from '../../../../shared/contacts/validate';
import { useT } from '../../i18n/i18n';
import type { OpenIncident } from '../../incidents/open-incident';
import type { DatasetInfo } from '../contact-engine';
import type { DuplicateFinding } from '../import-duplicates';
import type { ImportProgress, ImportResult, Peek } from '../import-pipeline';
import type { RunningImport } from '../import-client';
import { useContacts } from './contacts-store';
import { DelimiterSelect, ImportPreview } from './ImportPreview';
import { DuplicateWarning, ImportedLists, ImportReport, useIssueText } from './ImportReport';
import { MissingDatasets } from './MissingDatasets';
import { HeaderLineChoice } from './HeaderLineChoice';

const ORDERS: Record<'standard' | 'emailFirst', Channel[]> = {
  standard: ['post', 'email', 'phone', 'notice'],
  emailFirst: ['email', 'post', 'phone', 'notice'],
};

/**
 * Import a customer list: detect encoding and separator, map columns on a preview (refused
 * while the split looks wrong), stream it in a worker, and ask before a list that repeats
 * a file or customers of the incident becomes visible.
 */
export function ImportPanel({ data, onDone }: { data: OpenIncident; onDone: () => void }) {
  const t = useT();
  const issueText = useIssueText();
  const { engine, client, datasets } = useContacts();
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<'auto' | FileEncoding>('auto');
  const [delimiter, setDelimiter] = useState<'auto' | Delimiter>('auto');
  const [noHeader, setNoHeader] = useState(false);
  const [peek, setPeek] = useState<Peek | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({ fields: {}, extra: [] });
  const [order, setOrder] = useState<'standard' | 'emailFirst'>('standard');
  const [retries, setRetries] = useState(2);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [duplicate, setDuplicate] = useState<{ finding: DuplicateFinding; answer: (proceed: boolean) => void } | null>(null);
  const [unfinished, setUnfinished] = useState<DatasetInfo[]>([]);
  const running = useRef<RunningImport | null>(null);

  useEffect(() => {
    void engine?.unfinishedImports(data.incident.id).then(setUnfinished);
  }, [engine, data.incident.id, result]);

  // Each choice's preview, in order: one still being read when the next file or setting is chosen is dropped.
  const choice = useRef(0);
  async function choose(f: File | null, enc = encoding, delim = delimiter, headerless = noHeader) {
    const mine = ++choice.current;
    setFile(f);
    setResult(null);
    setPeek(null);
    if (!f || !client || !engine) return;
    const p = await client.peek(f, enc === 'auto' ? undefined : enc, 20, delim === 'auto' ? undefined : delim, headerless);
    const recalled = await engine.recallMapping(p.header);
    if (mine !== choice.current) return;
    setPeek(p);
    setMapping(recalled ?? p.guess);
  }

  const problems = peek ? [...(peek.error ? [peek.error] : []), ...previewProblems(peek.header, peek.rows.map((cells, i) => ({ cells, line: peek.rowLines[i] ?? i + 2 })), mapping)] : [];

  async function start(resumeId?: string) {
    if (!file || !client || !engine || !peek) return;
    setResult(null);
    setProgress(null);
    const run = client.start(
      file,
      {
        incidentId: data.incident.id,
        mapping,
        // Detection again in the worker when not chosen: it also tells mixed encodings apart.
        encoding: encoding === 'auto' ? undefined : encoding,
        delimiter: peek.delimiter,
        ...(noHeader ? { noHeader: true, columns: peek.header.length } : {}),
        channelOrder: ORDERS[order],
        maxRetries: retries,
        fileName: file.name,
        resumeId,
      },
      setProgress,
      {
        confirmDuplicates: (finding) =>
          new Promise<boolean>((answer) => {
            setProgress(null);
            setDuplicate({ finding, answer });
          }),
      },
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
      setDuplicate(null);
    }
  }

  const nf = new Intl.NumberFormat();
  const busy = progress !== null || duplicate !== null;

  return (
    <section className="card" aria-labelledby="im-title">
      <h2 id="im-title">{t('contacts.import.title')}</h2>
      <p className="hint">{t('contacts.import.lead')}</p>
      <MissingDatasets />
      <div className="grid3">
        <div>
          <label htmlFor="im-file">{t('contacts.import.file')}</label>
          <input
            id="im-file"
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain"
            onChange={(e) => {
              // Another file: whether it has column names is asked again, never carried over.
              setNoHeader(false);
              void choose(e.target.files?.[0] ?? null, encoding, delimiter, false);
            }}
          />
        </div>
        <div>
          <label htmlFor="im-encoding">{t('contacts.import.encoding')}</label>
          <EncodingSelect
            id="im-encoding"
            value={encoding}
            onChange={(enc) => {
              setEncoding(enc);
              void choose(file, enc);
            }}
          />
          {peek && <p className="meta">{t('contacts.import.detected', { encoding: t(`contacts.import.encodings.${peek.encoding}`) })}</p>}
        </div>
        <DelimiterSelect
          id="im-delimiter"
          value={delimiter}
          onChange={(d) => {
            setDelimiter(d);
            void choose(file, encoding, d);
          }}
          detected={peek ? { delimiter: peek.delimiter, found: peek.delimiterDetected } : undefined}
        />
      </div>
      {peek && peek.header.length === 0 && peek.error && (
        <p role="alert" className="error">
          {issueText(peek.error)}
        </p>
      )}
      {peek && peek.header.length > 0 && (
        <>
          <HeaderLineChoice
            noHeader={noHeader}
            firstLineIsData={peek.firstLineLooksLikeData}
            firstLineIsNames={peek.firstLineLooksLikeNames}
            words={{ noHeader: t('contacts.import.noHeader'), firstLineIsData: t('contacts.import.firstLineIsData'), firstLineIsNames: t('contacts.import.firstLineIsNames') }}
            onChange={(checked) => {
              setNoHeader(checked);
              void choose(file, encoding, delimiter, checked);
            }}
          />
          <ImportPreview peek={peek} mapping={mapping} onMapping={setMapping} problems={problems} />
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
            <button type="button" className="primary" disabled={busy || problems.length > 0} onClick={() => void start()}>
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
      {duplicate && (
        <DuplicateWarning
          finding={duplicate.finding}
          onAnswer={(proceed) => {
            setDuplicate(null);
            duplicate.answer(proceed);
          }}
        />
      )}
      {result && <ImportReport result={result} fileName={file?.name ?? ''} />}
      {result?.ok && (
        <button type="button" onClick={onDone}>
          {t('contacts.nav.dashboard')}
        </button>
      )}
      <ImportedLists datasets={datasets} />
      {unfinished.length > 0 && (
        <section aria-labelledby="im-unfinished">
          <h3 id="im-unfinished">{t('contacts.import.unfinished')}</h3>
          <ul>
            {unfinished.map((d) => (
              <li key={d.id}>
                {t('contacts.import.unfinishedRow', { name: d.meta.fileName, done: nf.format(d.committedRows) })}{' '}
                <button type="button" disabled={!peek || busy} onClick={() => void start(d.id)}>
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
