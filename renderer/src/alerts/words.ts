/** Plain words for what the host reported (the error codes never reach the screen). */
import type { AlertError } from '../../../shared/alerts/job';
import type { Problem } from '../../../shared/events/command';
import type { MessageKey } from '../i18n/dictionary';
import type { Translator } from '../i18n/i18n';
import { formatDateTime } from '../ui/format';

export function errorWords(t: Translator, e: AlertError): string {
  return t(`alerts.error.${e.code}` as MessageKey, { status: e.status ?? '' });
}

export const when = (t: Translator, ms: number): string => formatDateTime(new Date(ms).toISOString(), t.lang);

export function problemWords(t: Translator, p: Problem): string {
  return t(`alerts.problems.${p.reason}` as MessageKey);
}
