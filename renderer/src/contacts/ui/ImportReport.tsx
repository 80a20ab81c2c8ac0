import { useEffect, useRef } from 'react';
import type { ImportIssue } from '../../../../shared/contacts/model';
import { DELIMITER_NAMES } from '../../../../shared/contacts/delimiter';
import { issuePlace, issueReportRows } from '../../../../shared/contacts/report';
import { MAX_FIELD_LENGTH } from '../../../../shared/contacts/validate';
import { exportCsv, VALIDATION_REPORT } from '../../../../shared/contacts/exports';
import { encodeCsv } from '../../../../shared/export/csv';
import { exportLabel } from './labels';
import { useT } from '../../i18n/i18n';
import { useActorName } from '../../incidents/use-actor-name';
import { saveFile } from '../../platform/platform';
import type { DuplicateFinding } from '../import-duplicates';
import type { ImportResult, SpaceShortage } from '../import-pipeline';
import type { DatasetInfo } from '../contact-engine';
import { namedDataset, useListName } from './list-name';

/** A finding in words: "3行 2列: …", "1行: …" or "ファイル全体: …" — never "0列". */
export function useIssueText(): (i: ImportIssue) => string {
  const t = useT();
  return (i) => {
    const message = issueMessage(t, i);
    const p = issuePlace(i);
    if (p.kind === 'file') return t('contacts.import.issueFile', { message });
    if (p.kind === 'line') return t('contacts.import.issueLineOnly', { line: p.line, message });
    return t('contacts.import.issueLine', { line: p.line, column: p.column, message });
  };
}

function issueMessage(t: ReturnType<typeof useT>, i: ImportIssue): string {
  return t(`contacts.import.issues.${i.code}`, {
    first: i.firstLine ?? '',
    max: new Intl.NumberFormat().format(MAX_FIELD_LENGTH),
    delimiter: i.delimiter ? t(`contacts.import.delimiters.${DELIMITER_NAMES[i.delimiter]}`) : '',
  });
}

/** Saves a validation report as CSV (UTF-8 with BOM) named after the list's file. */
export function useSaveReport(): (issues: ImportIssue[], fileName: string) => void {
  const t = useT();
  return (issues, fileName) => {
    const c = t.dict.contacts.import.reportColumns;
    const rows = issueReportRows(issues, { wholeFile: c.wholeFile, severity: (s) => t(`contacts.import.severities.${s}`), message: (i) => issueMessage(t, i) });
    // Header and cells from the one definition of this export (shared/contacts/exports.ts).
    void saveFile({ suggestedName: `${fileName || 'import'}-report.csv`, data: encodeCsv(exportCsv(VALIDATION_REPORT, rows, exportLabel(t)), 'utf-8-bom') });
  };
}

/** The outcome of an import and its validation report (listed, and saved as CSV). */
/** Disk or quota full: how much the rest needs, how much is free, and what happens next. */
function spaceText(t: ReturnType<typeof useT>, nf: Intl.NumberFormat, space: SpaceShortage | undefined): string {
  const size = (bytes: number) => (bytes >= 1e9 ? t('contacts.import.noSpace.gb', { n: new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(bytes / 1e9) }) : t('contacts.import.noSpace.mb', { n: nf.format(Math.ceil(bytes / 1e6)) }));
  const needed = space ? size(space.neededBytes) : '?';
  // The browser's estimate of what is free can be far off when the disk fills (seen: 5.4 GB "free" when a
  // 20 MB write was refused): a figure that contradicts the refusal is left out rather than shown.
  const freeShown = space?.freeBytes != null && space.freeBytes < space.neededBytes ? space.freeBytes : null;
  const parts = [freeShown != null ? t('contacts.import.noSpace.lead', { needed, free: size(freeShown) }) : t('contacts.import.noSpace.leadUnknown', { needed })];
  parts.push(space && space.committedRows > 0 ? t('contacts.import.noSpace.resume', { rows: nf.format(space.committedRows) }) : t('contacts.import.noSpace.again'));
  return parts.join(' ');
}

export function ImportReport({ result, fileName }: { result: ImportResult; fileName: string }) {
  const t = useT();
  const issueText = useIssueText();
  const save = useSaveReport();
  const nf = new Intl.NumberFormat();
  const issues = result.ok ? result.warnings : [...result.errors, ...result.warnings];
  const saveReport = () => save(issues, fileName);
  return (
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
              : result.reason === 'declined'
                ? t('contacts.import.declined')
                : result.reason === 'resume-mismatch' || result.reason === 'hash-mismatch'
                  ? t('contacts.import.mismatch')
                  : result.reason === 'no-space'
                    ? spaceText(t, nf, result.space)
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
    </div>
  );
}

/**
 * The validation reports of the lists already imported, kept with each list: whoever made a
 * list needs the report after the import screen has been left (or on the next shift).
 */
export function ImportedLists({ datasets }: { datasets: DatasetInfo[] }) {
  const t = useT();
  const listName = useListName();
  const save = useSaveReport();
  const nf = new Intl.NumberFormat();
  if (datasets.length === 0) return null;
  return (
    <section aria-labelledby="im-lists">
      <h3 id="im-lists">{t('contacts.import.lists.title')}</h3>
      <ul className="issues">
        {datasets.map((d) => (
          <li key={d.id}>
            {listName(namedDataset(d))} — {t('contacts.import.lists.warnings', { n: nf.format(d.meta.warningCount) })}{' '}
            {d.meta.warnings.length > 0 && (
              <button type="button" className="link" aria-label={t('contacts.import.lists.save', { name: listName(namedDataset(d)) })} onClick={() => save(d.meta.warnings, d.meta.fileName)}>
                {t('contacts.import.saveReport')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Asked before a list that repeats a file or customers of the incident becomes visible. */
export function DuplicateWarning({ finding, onAnswer }: { finding: DuplicateFinding; onAnswer: (proceed: boolean) => void }) {
  const t = useT();
  const listName = useListName();
  const actorName = useActorName();
  const nf = new Intl.NumberFormat();
  const box = useRef<HTMLElement>(null);
  // It appears below a long preview after a long import: bring it to the eye and the keyboard.
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'center' });
    box.current?.focus();
  }, []);
  return (
    <section ref={box} tabIndex={-1} className="notice" role="alertdialog" aria-labelledby="im-dup-title" aria-describedby="im-dup-consequence">
      <h3 id="im-dup-title">{t(finding.sameFile.length > 0 ? 'contacts.import.duplicate.title' : 'contacts.import.duplicate.overlapTitle')}</h3>
      {finding.sameFile.length > 0 && (
        <>
          <p>{t('contacts.import.duplicate.sameFile')}</p>
          <ul>
            {finding.sameFile.map((l) => (
              <li key={l.datasetId}>{t('contacts.import.duplicate.sameFileRow', { name: listName(l), actor: actorName(l.actor) })}</li>
            ))}
          </ul>
          {finding.sameFile.some((l) => !l.here) && <p className="hint">{t('contacts.import.duplicate.adoptInstead')}</p>}
        </>
      )}
      {finding.overlaps.map((o) => (
        <p key={o.datasetId}>{t('contacts.import.duplicate.overlap', { customers: nf.format(o.customers), name: listName(o) })}</p>
      ))}
      <p id="im-dup-consequence">{t('contacts.import.duplicate.consequence')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => onAnswer(false)}>
          {t('contacts.import.duplicate.cancel')}
        </button>
        <button type="button" onClick={() => onAnswer(true)}>
          {t('contacts.import.duplicate.proceed')}
        </button>
      </div>
    </section>
  );
}
