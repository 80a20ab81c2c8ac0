import { DELIMITER_NAMES } from '../../../../shared/contacts/delimiter';
import { CONTACT_FIELDS, type ColumnMapping, type ContactField, DELIMITERS, type Delimiter, type ImportIssue } from '../../../../shared/contacts/model';
import { useT } from '../../i18n/i18n';
import type { Peek } from '../import-pipeline';
import { useIssueText } from './ImportReport';

/**
 * A cell as read, with separator-like characters made visible: a tab-separated line read
 * as CSV shows as one cell "顧客番号⇥氏名⇥…", which says at a glance what went wrong.
 */
export function ShownCell({ value }: { value: string }) {
  const parts = value.split(/([\t;,\uff0c\uff1b])/);
  if (parts.length === 1) return <>{value}</>;
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 0 ? (
          p
        ) : (
          <mark key={i} className="sep">
            {p === '\t' ? '⇥' : p}
          </mark>
        ),
      )}
    </>
  );
}

/** The separator picker: detect, or one of the separators by name. */
export function DelimiterSelect(props: { id: string; value: 'auto' | Delimiter; onChange: (v: 'auto' | Delimiter) => void; detected?: { delimiter: Delimiter; found: boolean } }) {
  const t = useT();
  return (
    <div>
      <label htmlFor={props.id}>{t('contacts.import.delimiter')}</label>
      <select id={props.id} value={props.value === 'auto' ? 'auto' : DELIMITER_NAMES[props.value]} onChange={(e) => props.onChange(e.target.value === 'auto' ? 'auto' : DELIMITERS.find((d) => DELIMITER_NAMES[d] === e.target.value)!)}>
        <option value="auto">{t('contacts.import.delimiters.auto')}</option>
        {DELIMITERS.map((d) => (
          <option key={d} value={DELIMITER_NAMES[d]}>
            {t(`contacts.import.delimiters.${DELIMITER_NAMES[d]}`)}
          </option>
        ))}
      </select>
      {props.detected && props.value === 'auto' && (
        <p className="meta">
          {props.detected.found
            ? t('contacts.import.delimiterDetected', { delimiter: t(`contacts.import.delimiters.${DELIMITER_NAMES[props.detected.delimiter]}`) })
            : t('contacts.import.delimiterNone')}
        </p>
      )}
    </div>
  );
}

/** Findings of one kind once, with how many more lines have the same (a misread separator hits every line). */
export function ProblemList({ problems }: { problems: ImportIssue[] }) {
  const t = useT();
  const issueText = useIssueText();
  const groups = new Map<string, { first: ImportIssue; more: number }>();
  for (const p of problems) {
    const key = `${p.code}|${p.column}|${p.delimiter ?? ''}`;
    const g = groups.get(key);
    if (g) g.more++;
    else groups.set(key, { first: p, more: 0 });
  }
  return (
    <ul className="issues">
      {[...groups.values()].slice(0, 10).map((g, i) => (
        <li key={i}>
          {issueText(g.first)}
          {g.more > 0 && <span className="meta"> {t('contacts.import.sameOnMore', { n: g.more })}</span>}
        </li>
      ))}
    </ul>
  );
}

/** First rows as split, the column mapping, and what refuses it. */
export function ImportPreview({ peek, mapping, onMapping, problems }: { peek: Peek; mapping: ColumnMapping; onMapping: (m: ColumnMapping) => void; problems: ImportIssue[] }) {
  const t = useT();
  return (
    <>
      <h3>{t('contacts.import.preview')}</h3>
      <p className="hint">{t('contacts.import.previewColumns', { n: peek.header.length })}</p>
      <div className="scroll-x">
        <table className="table compact">
          <thead>
            <tr>
              {peek.header.map((h, i) => (
                <th key={i} scope="col">
                  <ShownCell value={h} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {peek.rows.slice(0, 5).map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j}>
                    <ShownCell value={c} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.length > 0 && (
        <div role="alert" className="notice">
          <p className="error">{t('contacts.import.refused')}</p>
          <ProblemList problems={problems} />
        </div>
      )}
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
                const fields = { ...mapping.fields };
                if (n < 0) delete fields[f];
                else fields[f] = n;
                // Columns no field uses are kept as extra items, as the guess does.
                const used = new Set(Object.values(fields));
                onMapping({ fields, extra: peek.header.map((_, i) => i).filter((i) => !used.has(i)) });
              }}
            >
              <option value={-1}>{t('contacts.import.notMapped')}</option>
              {peek.header.map((h, i) => (
                <option key={i} value={i}>
                  {t('contacts.import.column', { n: i + 1, name: h.replace(/\t/g, ' ⇥ ') })}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
    </>
  );
}
