/**
 * How the intake page, the sync host and the laptops talk (decision 019).
 *
 * The page (anyone inside the company, no account): GET `/intake/<id>` (the page, `?lang=en`
 * for English), its script and style under `/intake/assets/`, and POST `/intake/<id>/reports`
 * with one sealed box as JSON. The host answers JSON: `{ ok: true, receipt }` or
 * `{ ok: false, error }` with one of INTAKE_ERRORS (the page words each in its language).
 *
 * The laptops: a websocket at INTAKE_WS_PATH, opened like the customer-list channel with the
 * current epoch's room credential (`hello`), then JSON requests that also carry the intake
 * key's management secret (the host keeps only its SHA-256, `owner`).
 */
export const INTAKE_PATH = '/intake';
export const INTAKE_WS_PATH = '/intake-channel';

export const INTAKE_ERRORS = ['too-large', 'content-type', 'malformed', 'shape', 'rate', 'unknown-intake', 'full', 'storage', 'not-found'] as const;
export type IntakeError = (typeof INTAKE_ERRORS)[number];

/** The page's address for an intake id, from the sync server's address (ws → http, wss → https). */
export function intakePageUrl(serverUrl: string, intakeId: string): string {
  const base = serverUrl.replace(/\/+$/, '').replace(/^ws(s?):\/\//, 'http$1://');
  return `${base}${INTAKE_PATH}/${intakeId}`;
}

/** Requests on the laptops' channel, after the hello. */
export type IntakeRequest =
  | { t: 'register'; intakeId: string; publicKey: string; secret: string }
  | { t: 'fetch'; intakeId: string; secret: string }
  | { t: 'ack'; intakeId: string; secret: string; ids: string[] };

export type IntakeAnswer =
  | { t: 'ready' }
  | { t: 'registered'; intakeId: string }
  | { t: 'reports'; intakeId: string; reports: { reportId: string; receivedAt: string; box: unknown }[] }
  | { t: 'acked'; intakeId: string; removed: number }
  | { t: 'error'; error: 'not-owner' | 'unknown-intake' | 'bad-request' | 'no-intake' };

/** Reports one fetch returns at most (the laptop fetches again until none are left). */
export const INTAKE_FETCH_MAX = 100;

/** The short receipt number a reporter is shown and the inbox lists: the report id's random tail. */
export function receiptOf(reportId: string): string {
  return reportId.slice(-8).toUpperCase();
}
