/**
 * What a person reports on the intake page (decision 019), and what the host accepts. The
 * page seals the report (seal.ts); the host sees only the box and checks its shape and
 * size; a laptop opens it and checks the report inside before showing it.
 */
import * as v from 'valibot';
import type { IntakeBox } from './seal';

/** Limits of the report's fields (characters): a form the page shows, a little room to spare. */
export const INTAKE_FIELD_MAX = { what: 4000, when: 200, where: 500, howMany: 200, name: 200, contact: 500 } as const;
export type IntakeField = keyof typeof INTAKE_FIELD_MAX;
export const INTAKE_FIELDS = Object.keys(INTAKE_FIELD_MAX) as IntakeField[];

/** Largest body the host takes (bytes): a full report sealed and in base64url is well under it. */
export const INTAKE_MAX_BODY = 32 * 1024;

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

/** The report inside the box. `what` is the only field required; the page's language is kept to answer in it. */
export const intakeReportSchema = v.object({
  v: v.literal(1),
  what: v.pipe(v.string(), v.minLength(1), v.maxLength(INTAKE_FIELD_MAX.what)),
  when: text(INTAKE_FIELD_MAX.when),
  where: text(INTAKE_FIELD_MAX.where),
  howMany: text(INTAKE_FIELD_MAX.howMany),
  name: text(INTAKE_FIELD_MAX.name),
  contact: text(INTAKE_FIELD_MAX.contact),
  lang: v.picklist(['ja', 'en']),
});
export type IntakeReport = v.InferOutput<typeof intakeReportSchema>;

const B64 = /^[A-Za-z0-9_-]+$/;
const b64 = (min: number, max: number) => v.pipe(v.string(), v.minLength(min), v.maxLength(max), v.regex(B64));

/** The box as the host checks it: base64url only, sizes of a P-256 key, a 12-byte nonce, and a bounded ciphertext. */
export const intakeBoxSchema = v.strictObject({
  v: v.literal(1),
  epk: b64(87, 87),
  iv: b64(16, 16),
  ct: b64(22, INTAKE_MAX_BODY),
});

/** What a submission's body must be: one box. Returns the box, or why it is refused (said to the reporter). */
export function checkBox(body: unknown): { ok: true; box: IntakeBox } | { ok: false; reason: string } {
  const r = v.safeParse(intakeBoxSchema, body);
  if (r.success) return { ok: true, box: r.output };
  const issue = r.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  return { ok: false, reason: path ? `${path}: ${issue.message}` : issue.message };
}

/** The report inside an opened box; null when it is not one (shown as unreadable). */
export function parseReport(text: string): IntakeReport | null {
  try {
    const r = v.safeParse(intakeReportSchema, JSON.parse(text));
    return r.success ? r.output : null;
  } catch {
    return null;
  }
}

/** Intake ids: 22 base64url characters (16 random bytes), the last part of the page's address. */
export const INTAKE_ID = /^[A-Za-z0-9_-]{22}$/;
