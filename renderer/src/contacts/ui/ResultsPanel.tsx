import { useEffect, useMemo, useRef, useState } from 'react';
import { RETURN_REASONS } from '../../../../shared/contacts/fallback';
import type { Delimiter, FileEncoding } from '../../../../shared/contacts/model';
import { bounceIsSoft, type ListKind, parseResultList } from '../../../../shared/contacts/result-list';
import { outcomeSummary } from './outcome-summary';
import { useT } from '../../i18n/i18n';
import { readListFile } from '../file-reader';
import { IndexDamagedError } from '../contact-engine';
import type { OutcomeItem, OutcomePlan } from '../outcomes';
import { AppliedLists } from './AppliedLists';
import { DatasetSelect } from './pickers';
import { useContacts } from './contacts-store';
import { dispatch } from '../../data/dispatch';
import { DelimiterSelect, ProblemList, ShownCell } from './ImportPreview';
import { guessReturnKey, type ReturnKey } from '../../../../shared/contacts/result-references';
import { ReturnedByReference } from './ReturnedByReference';

/** Lines listed before "and more". */
const LISTED_LINES = 50;

/**
 * Returned-mail and bounce lists applied in bulk: pasted or read from a file (encoding and
 * separator detected, a header line skipped), shown as split, previewed, applied as one
 * event; every applied list stays listed below with its undo.
 */
export function ResultsPanel() {
  const t = useT();
  const { engine, datasets } = useContacts();
  const [datasetId, setDatasetId] = useState('');
  const dataset = datasets.find((d) => d.id === datasetId) ?? datasets[0];
  const [kind, setKind] = useState<ListKind>('returned-mail');
  const [text, setText] = useState('');
  const [source, setSource] = useState<{ name: string; encoding: FileEncoding } | null>(null);
  const [fileProblem, setFileProblem] = useState<'tooLarge' | 'failed' | null>(null);
  const [indexDamaged, setIndexDamaged] = useState(false);
  const [delimiter, setDelimiter] = useState<'auto' | Delimiter>('auto');
  const [header, setHeader] = useState<boolean | null>(null);
  // The column holding the number or address: found from the header until the user says.
  const [keyColumn, setKeyColumn] = useState<number | null>(null);
  // The preview with what it was made for (the list, the text and how it is read): shown only
  // while those are still what the screen shows. Another list chosen, or a preview of a long
  // list coming back after the text changed, must not offer to apply it to what is shown now.
  const [previewed, setPlan] = useState<{ plan: OutcomePlan; madeFor: string } | null>(null);
  const [applied, setApplied] = useState(false);
  // What column 1 holds (returned mail): guessed from the list until the user says.
  const [returnKey, setReturnKey] = useState<ReturnKey | null>(null);
  // A preview under way (a long list over millions of customers takes seconds): how far, and its stop.
  const [matching, setMatching] = useState<{ share: number; stop: AbortController } | null>(null);
  const [stopped, setStopped] = useState(false);
  // Leaving the screen stops a match still under way (its answer would go nowhere).
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);
  const parsed = useMemo(
    () => parseResultList(text, kind, { delimiter: delimiter === 'auto' ? undefined : delimiter, header: header ?? undefined, keyColumn: keyColumn ?? undefined }),
    [text, kind, delimiter, header, keyColumn],
  );
  if (!dataset || !engine) return <p className="hint">{t('contacts.noDatasets')}</p>;
  const byReference = kind === 'returned-mail' && (returnKey ?? guessReturnKey(parsed)) === 'reference';
  const inputs = JSON.stringify([dataset.id, kind, text, delimiter, header, returnKey, keyColumn]);
  // The columns of the first line, to choose the key's from: by their header, else by their first value.
  const firstRow = parsed.preview[0]?.cells ?? [];
  const columnChoices = firstRow.map((cell, c) =>
    parsed.header ? t('contacts.results.columnNamed', { n: c + 1, name: cell }) : t('contacts.results.columnFirst', { n: c + 1, value: cell }),
  );
  const plan = previewed && previewed.madeFor === inputs ? previewed.plan : null;
  const nf = new Intl.NumberFormat();

  // 宛所不明 and the other labels people type map to the codes the fold stores.
  const reasonCode = (label: string): string => {
    const l = label.trim();
    const hit = RETURN_REASONS.find((r) => r === l || t.dict.contacts.results.reasons[r] === l);
    return hit ?? (l === '' ? 'unknown-address' : 'other');
  };
  const items = (): OutcomeItem[] =>
    parsed.items.map((it) =>
      kind === 'returned-mail'
        ? { customerNo: it.key, outcome: 'failed' as const, reason: reasonCode(it.detail) }
        : bounceIsSoft(it.detail)
          ? { email: it.key, outcome: 'no-answer' as const, reason: 'bounce-soft' }
          : { email: it.key, outcome: 'failed' as const, reason: 'bounce-hard' },
    );

  function changed(next: string) {
    setText(next);
    setHeader(null);
    setKeyColumn(null);
    setReturnKey(null);
    setPlan(null);
    setApplied(false);
  }

  async function readFile(file: File | null) {
    setFileProblem(null);
    if (!file) return;
    try {
      const r = await readListFile(file);
      if ('tooLarge' in r) return setFileProblem('tooLarge');
      changed(r.text);
      setSource({ name: file.name, encoding: r.encoding });
    } catch {
      setFileProblem('failed');
    }
  }

  async function preview() {
    setApplied(false);
    const madeFor = inputs;
    setIndexDamaged(false);
    setStopped(false);
    const stop = new AbortController();
    running.current = stop;
    setMatching({ share: 0, stop });
    let p;
    try {
      p = await engine!.previewOutcomes(dataset!.id, kind === 'returned-mail' ? 'post' : 'email', kind, items(), {
        signal: stop.signal,
        onProgress: (share) => setMatching((m) => (m?.stop === stop ? { share, stop } : m)),
      });
    } catch (e) {
      // Stopped by the person: nothing was written, the screen says so.
      if (stop.signal.aborted) {
        setPlan(null);
        setStopped(true);
        return;
      }
      // The list's search index needs rebuilding: said here, rebuilt from the lookup screen.
      if (!(e instanceof IndexDamagedError)) throw e;
      setPlan(null);
      setIndexDamaged(true);
      return;
    } finally {
      if (running.current === stop) running.current = null;
      setMatching((m) => (m?.stop === stop ? null : m));
    }
    if (source) p.listName = source.name;
    p.listLines = parsed.items.length;
    setPlan({ plan: p, madeFor });
  }

  const notFoundLines = plan ? plan.preview.notFound.map((i) => parsed.items[i]?.line ?? i + 1) : [];
  // "5 行目 123 → 00123": what was written and what it was matched as.
  const restored = (plan?.preview.zeroRestored ?? []).map(({ item, as }) =>
    t('contacts.results.zeroRestoredLine', { line: parsed.items[item]?.line ?? item + 1, written: parsed.items[item]?.key ?? '', as }),
  );
  const refused = parsed.problems.length > 0;

  return (
    <section className="card" aria-labelledby="rs-title">
      <h2 id="rs-title">{t('contacts.results.title')}</h2>
      <p className="hint">{t('contacts.results.lead')}</p>
      <div className="grid3">
        <DatasetSelect id="rs-dataset" value={dataset.id} onChange={setDatasetId} />
        <div>
          <label htmlFor="rs-kind">{t('contacts.results.kind')}</label>
          <select
            id="rs-kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ListKind);
              setHeader(null);
              setKeyColumn(null);
              setPlan(null);
            }}
          >
            {(['returned-mail', 'bounce'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`contacts.results.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="rs-file">{t('contacts.results.file')}</label>
          <input
            id="rs-file"
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain"
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              e.target.value = '';
              void readFile(f);
            }}
          />
          {source && <p className="meta">{t('contacts.results.fileLoaded', { name: source.name, encoding: t(`contacts.import.encodings.${source.encoding}`) })}</p>}
          {fileProblem && (
            <p role="alert" className="error">
              {t(fileProblem === 'tooLarge' ? 'contacts.results.fileTooLarge' : 'contacts.results.fileFailed')}
            </p>
          )}
        </div>
      </div>
      <label htmlFor="rs-list">{t('contacts.results.list')}</label>
      <textarea
        id="rs-list"
        rows={8}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          changed(e.target.value);
          setSource(null);
        }}
      />
      {parsed.preview.length > 0 && (
        <>
          <div className="grid3">
            <DelimiterSelect
              id="rs-delimiter"
              value={delimiter}
              onChange={(d) => {
                setDelimiter(d);
                setPlan(null);
              }}
              detected={{ delimiter: parsed.delimiter, found: parsed.delimiterDetected }}
            />
            {(columnChoices.length > 2 || parsed.keyColumn > 0) && (
              <div>
                <label htmlFor="rs-key-column">{t(`contacts.results.keyColumn.${kind}`)}</label>
                <select
                  id="rs-key-column"
                  value={parsed.keyColumn}
                  onChange={(e) => {
                    setKeyColumn(Number(e.target.value));
                    setReturnKey(null);
                    setPlan(null);
                  }}
                >
                  {columnChoices.map((label, c) => (
                    <option key={c} value={c}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
            )}
            {kind === 'returned-mail' && (
              <div>
                <label htmlFor="rs-key">{t('contacts.results.keyKind')}</label>
                <select
                  id="rs-key"
                  value={byReference ? 'reference' : 'customer-no'}
                  onChange={(e) => {
                    setReturnKey(e.target.value as ReturnKey);
                    setPlan(null);
                  }}
                >
                  {(['customer-no', 'reference'] as const).map((k) => (
                    <option key={k} value={k}>
                      {t(`contacts.results.keyKinds.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <label className="inline">
              <input
                type="checkbox"
                checked={parsed.header}
                onChange={(e) => {
                  setHeader(e.target.checked);
                  setPlan(null);
                }}
              />
              {t('contacts.results.header')}
            </label>
          </div>
          <h3>{t('contacts.results.split')}</h3>
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">{t('contacts.results.splitColumns.line')}</th>
                <th scope="col">{byReference ? t('contacts.results.keyKinds.reference') : t(`contacts.results.splitColumns.key.${kind}`)}</th>
                <th scope="col">{t(`contacts.results.splitColumns.detail.${kind}`)}</th>
              </tr>
            </thead>
            <tbody>
              {parsed.preview.map((r, i) => (
                <tr key={r.line} className={i === 0 && parsed.header ? 'meta' : undefined}>
                  <td>{i === 0 && parsed.header ? t('contacts.results.headerRow') : r.line}</td>
                  <td>
                    <ShownCell value={r.cells[parsed.keyColumn] ?? ''} />
                  </td>
                  <td>
                    <ShownCell value={parsed.detailColumn >= 0 ? (r.cells[parsed.detailColumn] ?? '') : ''} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {refused && (
        <div role="alert" className="notice">
          <p className="error">{t('contacts.results.refused')}</p>
          <ProblemList problems={parsed.problems} />
        </div>
      )}
      {byReference ? (
        <ReturnedByReference
          parsed={parsed}
          incidentId={dataset.incidentId}
          chosen={dataset.id}
          reasonCode={reasonCode}
          listName={source?.name}
          onApplied={() => {
            setApplied(true);
            setText('');
            setSource(null);
          }}
        />
      ) : (
        <div className="actions">
          <button type="button" disabled={refused || parsed.items.length === 0 || matching !== null} onClick={() => void preview()}>
            {t('contacts.results.preview')}
          </button>
          {matching && (
            <button type="button" onClick={() => matching.stop.abort()}>
              {t('contacts.results.stopMatching')}
            </button>
          )}
        </div>
      )}
      {matching && (
        <p role="status" className="meta">
          {t('contacts.results.matching', { pct: Math.floor(matching.share * 100) })}
        </p>
      )}
      {stopped && <p role="status">{t('contacts.results.matchingStopped')}</p>}
      {indexDamaged && (
        <p role="alert" className="error">
          {t('contacts.results.indexDamaged')}
        </p>
      )}
      {plan && !applied && !byReference && (
        <div className="notice" role="status">
          <p>
            {outcomeSummary(t, nf, plan.preview)}
          </p>
          {notFoundLines.length > 0 && (
            <p className="error">
              {t(notFoundLines.length > LISTED_LINES ? 'contacts.results.notFoundMore' : 'contacts.results.notFound', {
                count: nf.format(notFoundLines.length),
                lines: notFoundLines.slice(0, LISTED_LINES).join(', '),
              })}
            </p>
          )}
          {restored.length > 0 && (
            <p className="caution">
              {t(restored.length > LISTED_LINES ? 'contacts.results.zeroRestoredMore' : 'contacts.results.zeroRestored', {
                count: nf.format(restored.length),
                lines: restored.slice(0, LISTED_LINES).join(t('contacts.results.zeroRestoredSep')),
              })}
            </p>
          )}
          <button
            type="button"
            className="primary"
            onClick={() =>
              void dispatch('contacts.record-outcomes', plan).then(() => {
                setApplied(true);
                setText('');
                setSource(null);
              })
            }
          >
            {t('contacts.results.apply')}
          </button>
        </div>
      )}
      {applied && (
        <p role="status" className="ok">
          {t('contacts.results.applied')}
        </p>
      )}
      <AppliedLists />
    </section>
  );
}
