import { useMemo, useRef, useState } from 'react';
import type { FileEncoding } from '../../../shared/contacts/model';
import { EncodingSelect } from '../contacts/ui/EncodingSelect';
import { jstDay } from '../../../shared/faq/model';
import { guessKind, guessVendorMapping, missingFields, type VendorKind, type VendorMapping } from '../../../shared/faq/vendor-mapping';
import { vendorEnquiries, vendorReportRows, type RowProblem } from '../../../shared/faq/vendor-rows';
import { cellText, firstLineLooksLikeData, firstLineLooksLikeNames, MAX_LISTED, readVendorTable, type TableProblem, type VendorTable } from '../../../shared/faq/vendor-table';
import { dayFromName } from '../../../shared/faq/vendor-values';
import { HeaderLineChoice } from '../contacts/ui/HeaderLineChoice';
import { CommandRefused, dispatch } from '../data/dispatch';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { VendorPreview } from './VendorPreview';
import { recallVendorMapping, rememberVendorMapping } from './vendor-mappings';

type Outcome = { kind: 'log'; added: number; already: number; corrected: number; stopped: boolean; done: number } | { kind: 'report'; days: string[] } | { kind: 'failed' };

/**
 * 取り込み（委託先）: the vendor's daily log or report, read and checked whole before
 * anything is stored (a file with any problem stores nothing), then imported in parts
 * with progress and a way to stop.
 */
export function VendorImportPanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const nf = new Intl.NumberFormat();
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<'auto' | FileEncoding>('auto');
  const [reading, setReading] = useState(false);
  const [table, setTable] = useState<VendorTable | null>(null);
  const [tableProblems, setTableProblems] = useState<TableProblem[]>([]);
  const [kind, setKind] = useState<VendorKind>('log');
  const [mapping, setMapping] = useState<VendorMapping>({ kind: 'log', fields: {}, categoryColumns: [] });
  const [remembered, setRemembered] = useState(false);
  const [noHeader, setNoHeader] = useState(false);
  /** A workbook's sheet to read alone; '' reads every sheet with the header's columns. */
  const [sheet, setSheet] = useState('');
  const [day, setDay] = useState(jstDay(new Date().toISOString()));
  /** The day was chosen here or read from the file's name (not today's left as it was): rows far from it are the far ones. */
  const [dayKnown, setDayKnown] = useState(false);
  /**
   * A day typed while no file was chosen: for the files chosen next (a wrong file, then the right one,
   * each gets it) until a day is typed for a chosen file or the file is put aside (別のファイルを選ぶ).
   */
  const typedForNext = useRef<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function applyKind(k: VendorKind, tb: VendorTable) {
    setKind(k);
    const recalled = await recallVendorMapping(k, tb.header);
    setRemembered(recalled !== undefined);
    setMapping(recalled ?? guessVendorMapping(k, tb.header));
  }

  /**
   * Another file chosen: its day is from its own name, else what was typed before any file was
   * chosen (kept for every file chosen after it: a wrong file picked first does not use it up), else
   * today's as at the start — never the day of the file before it (20261207_log.csv then a file named
   * log.csv kept 12/07 as the known day, and its rows far from 12/07 were refused), nor a day typed for
   * that file. Reading the same file again (another encoding, sheet or header choice) keeps the day
   * as it is.
   */
  function dayForNewFile(f: File | null) {
    const named = f ? dayFromName(f.name) : null;
    if (named) {
      setDay(named);
      setDayKnown(true);
    } else if (typedForNext.current !== null) {
      setDay(typedForNext.current);
      setDayKnown(true);
    } else {
      setDay(jstDay(new Date().toISOString()));
      setDayKnown(false);
    }
  }

  // Each choice's reading, in order: one still under way when the next file or setting is chosen is dropped.
  const choice = useRef(0);
  async function choose(f: File | null, enc = encoding, headerless = noHeader, only = sheet) {
    const mine = ++choice.current;
    setFile(f);
    setTable(null);
    setTableProblems([]);
    setOutcome(null);
    if (!f) return;
    setReading(true);
    try {
      const r = await readVendorTable(new Uint8Array(await f.arrayBuffer()), { ...(enc === 'auto' ? {} : { encoding: enc }), noHeader: headerless, ...(only ? { sheet: only } : {}) });
      if (mine !== choice.current) return;
      if (!r.ok) return setTableProblems(r.problems);
      setTable(r.table);
      await applyKind(guessKind(r.table.header), r.table);
    } finally {
      if (mine === choice.current) setReading(false);
    }
  }

  const parsed = useMemo(() => {
    if (!table || mapping.kind !== kind) return null;
    const check = { fileDayKnown: dayKnown, today: jstDay(new Date().toISOString()) };
    return kind === 'log' ? { kind, ...vendorEnquiries(table, mapping, day, check) } : { kind, ...vendorReportRows(table, mapping, day, check) };
  }, [table, mapping, kind, day, dayKnown]);
  const missing = missingFields(mapping);
  const problems: RowProblem[] = parsed?.problems ?? [];
  const count = parsed ? (parsed.kind === 'log' ? parsed.enquiries.length : new Set(parsed.rows.map((r) => r.day)).size) : 0;
  // Several sheets read together with no date column: every row would be filed on the one day chosen here.
  const sheetsWithoutDay = table?.rowSheets !== undefined && mapping.fields.day === undefined;
  const ready = parsed !== null && missing.length === 0 && problems.length === 0 && !sheetsWithoutDay && count > 0 && progress === null;

  async function start() {
    if (!parsed || !table || !ready) return;
    const incidentId = data.incident.id;
    setOutcome(null);
    try {
      if (parsed.kind === 'log') {
        const controller = new AbortController();
        abort.current = controller;
        setProgress({ done: 0, total: parsed.enquiries.length });
        let done = 0;
        const r = await dispatch('faq.import-vendor-log', {
          incidentId,
          rows: parsed.enquiries,
          signal: controller.signal,
          onProgress: (d, total) => {
            done = d;
            setProgress({ done: d, total });
          },
        });
        setOutcome({ kind: 'log', ...r, done });
      } else {
        setOutcome({ kind: 'report', days: await dispatch('faq.import-vendor-report', { incidentId, rows: parsed.rows }) });
      }
      await rememberVendorMapping(table.header, mapping);
    } catch (err) {
      // Refused (a role, a bad row the checks missed): nothing of this part was written. Anything else is unexpected.
      if (!(err instanceof CommandRefused)) throw err;
      setOutcome({ kind: 'failed' });
    } finally {
      abort.current = null;
      setProgress(null);
    }
  }

  function reset() {
    setNoHeader(false);
    setSheet('');
    // The day of the file put aside goes with it, as does a day typed before it was chosen.
    typedForNext.current = null;
    dayForNewFile(null);
    setFile(null);
    setTable(null);
    setOutcome(null);
    setTableProblems([]);
    if (fileInput.current) fileInput.current.value = '';
  }

  const where = (p: RowProblem) => (p.sheet ? t('vendorlog.atSheet', { line: p.line, column: p.column, header: p.header, sheet: p.sheet }) : t('vendorlog.at', { line: p.line, column: p.column, header: p.header }));
  const rowMessage = (p: RowProblem) => t(`vendorlog.row.${p.code}`, { day: p.day ?? '', other: p.otherLine === undefined ? '' : p.otherSheet ? t('vendorlog.otherOnSheet', { sheet: p.otherSheet, line: p.otherLine }) : p.otherLine, expected: p.expected === undefined ? '' : nf.format(p.expected) });
  const tableMessage = (p: TableProblem) =>
    t(`vendorlog.table.${p.code}`, { line: p.line ?? '', column: p.column ?? '', found: p.found ?? '', expected: p.expected ?? '', encoding: p.encoding ? t(`contacts.import.encodings.${p.encoding}`) : '' });
  const sheetNames = (read: boolean) => (table?.sheets ?? []).filter((s) => s.read === read).map((s) => `「${s.name}」`).join(t.dict.facts.listSeparator);
  const shownProblems = problems.slice(0, MAX_LISTED);

  return (
    <section className="card" aria-labelledby="vl-title">
      <h2 id="vl-title">{t('vendorlog.title')}</h2>
      <p className="hint">{t('vendorlog.lead')}</p>
      <div className="grid3">
        <div>
          <label htmlFor="vl-file">{t('vendorlog.file')}</label>
          <input ref={fileInput} id="vl-file" type="file" accept=".csv,.tsv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" disabled={progress !== null} onChange={(e) => {
            // Another file: whether it has column names, and which sheet, are asked again, never carried over.
            setNoHeader(false);
            setSheet('');
            const next = e.target.files?.[0] ?? null;
            dayForNewFile(next);
            void choose(next, encoding, false, '');
          }} />
        </div>
        <div>
          <label htmlFor="vl-kind">{t('vendorlog.kind')}</label>
          <select id="vl-kind" value={kind} disabled={!table || progress !== null} onChange={(e) => table && void applyKind(e.target.value as VendorKind, table)}>
            {(['log', 'report'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`vendorlog.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="vl-day">{t('vendorlog.day')}</label>
          <input id="vl-day" type="date" autoComplete="off" value={day} disabled={progress !== null} onChange={(e) => {
            setDay(e.target.value);
            setDayKnown(true);
            // Typed with no file chosen: for the next files; typed for a file: that file's alone.
            typedForNext.current = file || e.target.value === '' ? null : e.target.value;
          }} />
          <p className="meta">{t('vendorlog.dayHint')}</p>
        </div>
        <div>
          <label htmlFor="vl-encoding">{t('vendorlog.encoding')}</label>
          <EncodingSelect
            id="vl-encoding"
            value={encoding}
            disabled={progress !== null}
            onChange={(enc) => {
              setEncoding(enc);
              void choose(file, enc);
            }}
          />
        </div>
      </div>
      {reading && <p role="status">{t('vendorlog.reading')}</p>}
      {file && !reading && (table || noHeader) && (
        <HeaderLineChoice
          noHeader={noHeader}
          firstLineIsData={table !== null && firstLineLooksLikeData(table.header)}
          firstLineIsNames={table !== null && table.rows.length > 0 && firstLineLooksLikeNames(table.rows[0]!.map(cellText))}
          words={{ noHeader: t('vendorlog.noHeader'), firstLineIsData: t('vendorlog.firstLineIsData'), firstLineIsNames: t('vendorlog.firstLineIsNames') }}
          disabled={progress !== null}
          onChange={(checked) => {
            setNoHeader(checked);
            void choose(file, encoding, checked);
          }}
        />
      )}
      {tableProblems.length > 0 && (
        <div role="alert" className="error">
          <p>{t('vendorlog.failed')}</p>
          <ul>
            {tableProblems.slice(0, 20).map((p, i) => (
              <li key={i}>{tableMessage(p)}</li>
            ))}
          </ul>
          {tableProblems.length > 20 && <p>{t('vendorlog.problemsMore', { n: tableProblems.length - 20 })}</p>}
          <button type="button" onClick={reset}>
            {t('vendorlog.again')}
          </button>
        </div>
      )}
      {table && (
        <>
          <p className="meta">
            {t('vendorlog.detected', { format: t(`vendorlog.formats.${table.format}`), rows: nf.format(table.rows.length) })}
            {table.sheet && (table.sheets?.length ?? 0) <= 1 ? ` · ${t('vendorlog.sheet', { sheet: table.sheet })}` : ''}
            {table.encoding ? ` · ${t(`contacts.import.encodings.${table.encoding}`)}` : ''}
          </p>
          {(table.sheets?.length ?? 0) > 1 && (
            <div>
              <label htmlFor="vl-sheet">{t('vendorlog.sheetChoice')}</label>
              <select
                id="vl-sheet"
                value={sheet}
                disabled={progress !== null}
                onChange={(e) => {
                  setSheet(e.target.value);
                  void choose(file, encoding, noHeader, e.target.value);
                }}
              >
                <option value="">{t('vendorlog.sheetAll')}</option>
                {table.sheets!.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
              <p className="meta">{t('vendorlog.sheetsRead', { sheets: sheetNames(true) })}</p>
              {sheetNames(false) !== '' && <p className="meta">{t('vendorlog.sheetsNotRead', { sheets: sheetNames(false) })}</p>}
            </div>
          )}
          {remembered && <p className="meta">{t('vendorlog.remembered')}</p>}
          <VendorPreview table={table} mapping={mapping} day={day} onMapping={setMapping} />
          {missing.map((f) => (
            <p key={f} className="error">
              {t('vendorlog.missing', { field: t(`vendorlog.fields.${f}` as 'vendorlog.fields.day') })}
            </p>
          ))}
          {sheetsWithoutDay && <p className="error">{t('vendorlog.sheetsNoDay')}</p>}
          {missing.length === 0 && problems.length > 0 && (
            <div role="alert" className="error" aria-labelledby="vl-problems">
              <p id="vl-problems">{t('vendorlog.problemsTitle', { n: nf.format(problems.length) })}</p>
              <ul>
                {shownProblems.map((p, i) => (
                  <li key={i}>
                    {where(p)}: {rowMessage(p)}
                  </li>
                ))}
              </ul>
              {problems.length > shownProblems.length && <p>{t('vendorlog.problemsMore', { n: nf.format(problems.length - shownProblems.length) })}</p>}
              <button type="button" onClick={reset}>
                {t('vendorlog.again')}
              </button>
            </div>
          )}
          {problems.length === 0 && (
            <div className="actions">
              <button type="button" className="primary" disabled={!ready} onClick={() => void start()}>
                {kind === 'log' ? t('vendorlog.import', { n: nf.format(count) }) : t('vendorlog.importReport', { n: nf.format(count) })}
              </button>
            </div>
          )}
        </>
      )}
      {progress && (
        <div role="status">
          <progress max={Math.max(1, progress.total)} value={progress.done} aria-label={t('vendorlog.title')} />
          <p>{t('vendorlog.progress', { done: nf.format(progress.done), total: nf.format(progress.total) })}</p>
          <button type="button" onClick={() => abort.current?.abort()}>
            {t('vendorlog.cancel')}
          </button>
        </div>
      )}
      {outcome && (
        <div role="status" className={outcome.kind === 'failed' ? 'error' : 'ok'}>
          {outcome.kind === 'log' && outcome.stopped && <p>{t('vendorlog.cancelled', { done: nf.format(outcome.done) })}</p>}
          {outcome.kind === 'log' && <p>{t('vendorlog.done', { added: nf.format(outcome.added), already: nf.format(outcome.already), corrected: nf.format(outcome.corrected) })}</p>}
          {outcome.kind === 'report' && <p>{t('vendorlog.reportDone', { days: outcome.days.join(t.dict.facts.listSeparator) })}</p>}
          {outcome.kind === 'failed' && <p>{t('vendorlog.failed')}</p>}
          <button type="button" onClick={reset}>
            {t('vendorlog.again')}
          </button>
        </div>
      )}
    </section>
  );
}
