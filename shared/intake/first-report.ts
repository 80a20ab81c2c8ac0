/**
 * A report from the intake page as a first report (第一報): what the normal first-report
 * command (shared/incident/commands.ts) is given when direction files it in one step.
 * Unknown stays empty; the team edits the facts afterwards as with any first report.
 */
import { firstChars } from '../alerts/message';
import { EMPTY_REPORT, type ReportFields } from '../incident/model';
import type { IntakeReport } from './report';

/** Characters (as a person reads them: 𠮷, 👨‍👩‍👧‍👦, 🇯🇵 or が is one, never cut in two: firstChars) of the first line kept in the title, and of "who found it". */
const TITLE_MAX = 60;
const FOUND_BY_MAX = 500;

export function firstReportFromIntake(report: IntakeReport, receivedAt: string, filedBy: string, words: { titlePrefix: string; anonymous: string }): { title: string; report: ReportFields } {
  const firstLine = report.what.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  const short = firstChars(firstLine, TITLE_MAX) === firstLine ? firstLine : `${firstChars(firstLine, TITLE_MAX - 1)}…`;
  const who = [report.name.trim() || words.anonymous, report.contact.trim()].filter((x) => x !== '').join(' / ');
  return {
    title: `${words.titlePrefix}${short}`,
    report: {
      ...EMPTY_REPORT,
      // When the company learned of it: the moment the report reached the host.
      discoveredAt: receivedAt,
      foundBy: firstChars(who, FOUND_BY_MAX),
      foundWhere: report.where.trim(),
      reporter: filedBy,
      what: report.what.trim(),
      when: report.when.trim(),
      where: report.where.trim(),
      scope: report.howMany.trim(),
    },
  };
}
