/** Problems of the directory part in the reader's words (a field's name, the CSV's line and column). */
import type { Problem } from '../../../shared/events/command';
import { CSV_COLUMNS, type CsvProblem, type CsvWords } from '../../../shared/directory/directory-csv';
import { translateIfAny, type Translator } from '../i18n/i18n';
import { DICTIONARIES } from '../i18n/i18n';
import { roleRefusalText } from '../roles/words';

/** The CSV words of every language: a file may have its headings in either. */
export function csvWords(): CsvWords[] {
  return Object.values(DICTIONARIES).map((d) => ({ columns: d.directory.csv.columns, categories: d.directory.categories }));
}

export function csvWordsOf(t: Translator): CsvWords {
  return { columns: t.dict.directory.csv.columns, categories: t.dict.directory.categories };
}

function fieldName(t: Translator, field: string): string {
  const [head, n] = field.split('.');
  if (head === 'phones') return n === undefined ? t('directory.columns.phones') : t('directory.form.phone', { n: Number(n) + 1 });
  if (head === 'emails') return n === undefined ? t('directory.columns.emails') : t('directory.form.email', { n: Number(n) + 1 });
  if (head === 'deputyId') return t('directory.columns.deputy');
  return translateIfAny(t, `directory.columns.${head}`) ?? translateIfAny(t, `callTrees.${head}`) ?? head ?? '';
}

export function problemWords(t: Translator, p: Problem): string {
  const role = roleRefusalText(t, p);
  if (role) return role;
  return translateIfAny(t, `directory.problems.${p.reason}`, { field: fieldName(t, p.field), ...p.params }) ?? translateIfAny(t, 'directory.problems.not-found') ?? p.reason;
}

/** "3行目・5列（電話1）：電話番号として読めません" */
export function csvProblemWords(t: Translator, p: CsvProblem, header: readonly string[]): string {
  const problem = problemWords(t, p);
  if (p.column === 0) return t('directory.csv.whereRow', { line: p.line, problem });
  const columnName = header[p.column - 1]?.trim() || t(`directory.csv.columns.${CSV_COLUMNS[0]}`);
  return t('directory.csv.where', { line: p.line, column: p.column, columnName, problem });
}
