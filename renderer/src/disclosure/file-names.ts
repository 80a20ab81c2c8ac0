/**
 * Names of the files a document is saved or printed to: what it is and the local date, in
 * the language on screen ('声明文_第2版_2026-12-02.pdf', 'statement_v2_2026-12-02.pdf'). Not
 * the internal incident title (it may say what the public must not read) and not the UTC day.
 */
import { localDate } from '../ui/format';
import type { T } from './doc-lang';

/** Characters no file system takes, and spaces, become '_'. */
function safe(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_').replace(/_+/g, '_');
}

export type DocFile = { kind: 'statement' | 'notice'; version: number } | { kind: 'ppc'; stage: 'preliminary' | 'final' };

/** The file name without its extension, dated `now` on this laptop's calendar. */
export function documentFileName(t: T, doc: DocFile, now: number, timeZone?: string): string {
  const date = localDate(new Date(now).toISOString(), timeZone);
  if (doc.kind === 'ppc') return safe(t('disclosure.fileNames.ppc', { stage: t(`ppc.stages.${doc.stage}`), date }));
  return safe(t(`disclosure.fileNames.${doc.kind}`, { v: doc.version, date }));
}
