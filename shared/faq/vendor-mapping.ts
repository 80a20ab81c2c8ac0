/**
 * Which column of a vendor's file holds what: guessed from the header names, confirmed or
 * corrected on the preview, remembered per header line (the file's shape) so tomorrow's
 * file of the same vendor maps itself.
 */

export const VENDOR_KINDS = ['log', 'report'] as const;
export type VendorKind = (typeof VENDOR_KINDS)[number];

/** The daily enquiry log: one row per enquiry. */
export const LOG_FIELDS = ['day', 'time', 'channel', 'category', 'question', 'answer', 'escalated', 'operatorId', 'durationSec', 'receiptNo', 'callerName', 'callerPhone', 'customerNo'] as const;
export type LogField = (typeof LOG_FIELDS)[number];

/** The daily report: per day or per hour, categories as columns or as rows. */
export const REPORT_FIELDS = ['day', 'hour', 'received', 'answered', 'abandoned', 'avgHandling', 'category', 'count'] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];

export const REQUIRED: Record<VendorKind, readonly string[]> = {
  log: ['time', 'question'],
  report: ['day'],
};

export interface VendorMapping {
  kind: VendorKind;
  /** Field → column index (0-based). */
  fields: Partial<Record<LogField | ReportField, number>>;
  /** Report only: columns whose numbers are enquiries of the category named by the header. */
  categoryColumns: number[];
}

const LOG_GUESSES: [LogField, RegExp][] = [
  ['receiptNo', /受付(番号|no|id)|問(い)?合(わ)?せ(番号|no|id)|チケット|ticket|record.?id|enquiry.?(no|id)|^(no|id|#)$/i],
  ['customerNo', /顧客(番号|no|id|コード)|会員(番号|id)|照会番号|customer.?(no|id|number)/i],
  ['callerPhone', /電話番号|連絡先|^tel$|phone.?(no|number)?$|caller.?phone/i],
  ['callerName', /氏名|お名前|名前|相談者|caller.?name|^name$/i],
  ['operatorId', /オペレーター|オペレータ|担当|応対者|対応者|operator|agent/i],
  ['escalated', /エスカレ|折(り)?返し|転送|二次対応|escalat/i],
  ['durationSec', /通話時間|処理時間|応対時間|対応時間|duration|handling/i],
  ['day', /^(受付)?(日付|年月日|受付日|対応日)$|^date$|^day$/i],
  ['time', /時刻|日時|受付時間|着信|^time$|date.?time|received.?at/i],
  ['channel', /チャネル|チャンネル|経路|媒体|受付方法|channel|medium/i],
  ['category', /分類|カテゴリ|区分|種別|category|topic/i],
  ['question', /問(い)?合(わ)?せ内容|質問|相談内容|^内容$|用件|question|enquiry|inquiry/i],
  ['answer', /回答|応答内容|対応内容|案内|answer|response/i],
];

const REPORT_GUESSES: [ReportField, RegExp][] = [
  ['day', /日付|年月日|^日$|date|day/i],
  ['hour', /時間帯|^時$|^時刻$|hour|time.?slot|^time$/i],
  ['abandoned', /放棄|abandon/i],
  ['answered', /応答(数|件数)?$|応答呼|answered/i],
  ['received', /受電|着信(数|件数)|入電|received|incoming|offered|calls?$/i],
  ['avgHandling', /平均処理|平均通話|平均応対|aht|average.?handling|avg/i],
  ['category', /分類|カテゴリ|区分|category/i],
  ['count', /^(件数|数|count)$/i],
];

/**
 * Columns beside the counts that are not enquiries of a category: rates (応答率 85 is a
 * percentage), staffing (稼働席数 12 is seats), times, service levels, notes. Taken as
 * categories they were 85 and 12 enquiries. The person can still choose such a column on the
 * preview; it is only not guessed.
 */
const NOT_A_CATEGORY = /率|％|%|割合|比|席|人数|人員|稼働|在席|オペレーター|オペレータ|担当|時間|秒|平均|最大|最小|待ち|待機|待呼|sl$|サービスレベル|service.?level|rate|ratio|percent|agents?|staff|seats?|time|sec|min|avg|average|max|備考|メモ|コメント|note|comment|remarks?|曜日|weekday|^(no|id|#)$|番号|^(小計|合計|計|総計|subtotal|total|sum)$/i;

/** A rate or share (放棄率, 応答率(%)): never a count of calls. */
const RATE = /率|％|%|割合|比率|rate|ratio|percent/i;
const COUNTS = new Set<LogField | ReportField>(['received', 'answered', 'abandoned', 'count']);

/** A first guess from the header; each column is given to one field at most. */
export function guessVendorMapping(kind: VendorKind, header: string[]): VendorMapping {
  const guesses = kind === 'log' ? LOG_GUESSES : REPORT_GUESSES;
  const fields: VendorMapping['fields'] = {};
  header.forEach((raw, i) => {
    // No spaces at all: a header typed with a full-width space inside (受付＜全角空白＞時刻) is the same name.
    const h = raw.normalize('NFKC').replace(/\s+/g, '');
    for (const [field, re] of guesses) {
      // 放棄率 10 is a percentage: never the abandoned calls (放棄呼数 beside it is).
      if (kind === 'report' && COUNTS.has(field) && RATE.test(h)) continue;
      if (fields[field] === undefined && re.test(h)) {
        fields[field] = i;
        return;
      }
    }
  });
  const used = new Set(Object.values(fields));
  const categoryColumns =
    kind === 'report' && fields.category === undefined
      ? header.map((_, i) => i).filter((i) => !used.has(i) && header[i]!.trim() !== '' && !NOT_A_CATEGORY.test(header[i]!.normalize('NFKC').replace(/\s+/g, '')))
      : [];
  return { kind, fields, categoryColumns };
}

/** Which kind a header looks like: a report has counts and no question column. */
export function guessKind(header: string[]): VendorKind {
  const log = Object.keys(guessVendorMapping('log', header).fields).filter((f) => f === 'question' || f === 'answer').length;
  const report = Object.keys(guessVendorMapping('report', header).fields).filter((f) => f === 'received' || f === 'answered' || f === 'abandoned').length;
  return report > log ? 'report' : 'log';
}

/** A header line as a file shape: two files whose header cells differ only in width or spaces are one shape. */
export function shapeHeader(header: string[]): string[] {
  return header.map((h) => h.normalize('NFKC').trim());
}

/** A remembered mapping still fits this header (same width, fields inside it). */
export function mappingFits(mapping: VendorMapping, header: string[]): boolean {
  return [...Object.values(mapping.fields), ...mapping.categoryColumns].every((c) => c === undefined || (c >= 0 && c < header.length));
}

export function missingFields(mapping: VendorMapping): string[] {
  const missing = REQUIRED[mapping.kind].filter((f) => mapping.fields[f as LogField] === undefined);
  // Answered or abandoned calls without the calls received: every answer rate would be over 100% once Honbu's own calls are added.
  if (mapping.kind === 'report' && mapping.fields.received === undefined && (mapping.fields.answered !== undefined || mapping.fields.abandoned !== undefined)) missing.push('received');
  return missing;
}
