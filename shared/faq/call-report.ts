/**
 * A call-centre report row: what the vendor's daily report says for one day (or one hour of
 * it). The vendor-report import produces these (one per day/hour of a file, the newest import
 * of a day winning); the KPI view reads them beside the figures counted from the enquiry log.
 * Counts only — no caller appears here.
 */
export interface CallReportRow {
  /** The day in Japan time, YYYY-MM-DD. */
  day: string;
  /** 0–23 for an hour's row; null for the whole day. */
  hour: number | null;
  /** 受電数: calls that reached the centre. */
  received: number;
  /** 応答数: calls an operator answered. */
  answered: number;
  /** 放棄呼: calls the caller gave up on before an answer. */
  abandoned: number;
  /** 平均処理時間 in seconds; null when the report does not give it. */
  avgHandlingSec: number | null;
  /** Enquiries by the vendor's category names, as reported. */
  byCategory: Record<string, number>;
}
