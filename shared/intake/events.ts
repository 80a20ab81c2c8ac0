/**
 * The intake part's events (decision 019), all workspace-level (no incident yet):
 * - `intake.key-created`: the workspace's intake key pair and the secret that manages its
 *   registration on the host. Sealed at rest and carried between laptops like every event
 *   (under the epoch keys, decision 011), so every laptop of the team can open reports.
 * - `intake.reports-received`: boxes fetched from the host, still sealed to the intake key
 *   (a laptop opens them only in memory, to show them).
 * - `intake.report-handled`: a report turned into a first report (its incident) or set aside.
 */
import * as v from 'valibot';
import { eventGuard, type EventOf, type PayloadIn } from '../events/event';
import { EVENT_ITEM_BYTES } from '../events/pieces';
import { intakeBoxSchema } from './report';

const b64 = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/), v.maxLength(512));
/** Reports per `intake.reports-received` event; a longer fetch is recorded in pieces. */
export const MAX_REPORTS_PER_EVENT = 50;
/**
 * The reports' JSON per event (UTF-8 bytes), a piece ending before it would go over: a box is
 * up to 32 KiB, so 50 of them made one event over the sync server's 1 MiB per record, which it
 * refuses (decision 064). Seven full boxes fit; short reports still go 50 at a time. The bound
 * every bulk record has (decision 065).
 */
export const MAX_REPORT_BYTES_PER_EVENT = EVENT_ITEM_BYTES;

export const intakeEvents = {
  'intake.key-created': v.object({
    intakeId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{22}$/)),
    /** Raw P-256 public key, base64url. */
    publicKey: b64,
    /** PKCS#8 private key, base64url. */
    privateKey: b64,
    /** 32 random bytes, base64url: the host keeps only its SHA-256 and asks for it to list or remove reports. */
    secret: b64,
  }),
  'intake.reports-received': v.object({
    intakeId: v.string(),
    reports: v.pipe(
      v.array(v.object({ reportId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)), receivedAt: v.pipe(v.string(), v.isoTimestamp()), box: intakeBoxSchema })),
      v.minLength(1),
      v.maxLength(MAX_REPORTS_PER_EVENT),
    ),
  }),
  'intake.report-handled': v.object({
    reportId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    outcome: v.picklist(['first-report', 'set-aside']),
    /** The incident its first report opened; null when set aside. */
    handledIncidentId: v.nullable(v.string()),
  }),
} as const;

type Schemas = typeof intakeEvents;
export type IntakeEvent = EventOf<Schemas>;
export type ReceivedReport = PayloadIn<Schemas, 'intake.reports-received'>['reports'][number];
export const isIntakeEvent = eventGuard(intakeEvents);
export const INTAKE_EVENT_TYPES = Object.keys(intakeEvents) as (keyof Schemas)[];
