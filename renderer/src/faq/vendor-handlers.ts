/**
 * The vendor's files into the log (decision 031). A day's log is appended in parts of
 * PART rows, each part one append of a few batch events, so the screen can show progress
 * and the person can stop between parts: what was appended stays (importing the file
 * again adds the rest and nothing twice).
 */
import type { CallReportRow } from '../../../shared/faq/call-report';
import { importVendorEnquiries, importVendorReport, knownVendorRows, matchReceiptRows, type VendorImportCount } from '../../../shared/faq/vendor-commands';
import type { VendorEnquiry } from '../../../shared/faq/vendor-rows';
import type { Handler } from '../data/handler';
import { tables } from '../data/tables';

export const PART = 2_000;

export interface VendorLogImport {
  incidentId: string | null;
  rows: readonly VendorEnquiry[];
  /** Rows handled so far, after each part. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between parts. */
  signal?: AbortSignal;
}

export type VendorHandlers = {
  /** Value: how many rows were added, already there, corrected; `stopped` when cancelled between parts. */
  'faq.import-vendor-log': Handler<VendorLogImport, VendorImportCount & { stopped: boolean }>;
  /** Value: the days the report replaced. */
  'faq.import-vendor-report': Handler<{ incidentId: string | null; rows: readonly CallReportRow[] }, string[]>;
};

export const vendorHandlers: VendorHandlers = {
  'faq.import-vendor-log': async (h, { incidentId, rows, onProgress, signal }) => {
    const stored = incidentId ? await h.store.table(tables.enquiries).where('incidentId', incidentId) : await h.store.table(tables.enquiries).all();
    const known = knownVendorRows(stored);
    // Rows under a receipt number are matched over the whole file, not part by part (a number's rows may fall in two parts);
    // sorted by time and paired greedily (n log n: 30,000 rows of one number in a fraction of a second), with the bar shown first.
    onProgress?.(0, rows.length);
    matchReceiptRows(known, rows);
    const total: VendorImportCount & { stopped: boolean } = { added: 0, already: 0, corrected: 0, stopped: false };
    for (let i = 0; i < rows.length; i += PART) {
      if (signal?.aborted) {
        total.stopped = true;
        break;
      }
      const result = importVendorEnquiries(h.ctx, known, { incidentId, rows: rows.slice(i, i + PART) });
      const count = result.ok && result.events.length === 0 ? result.value : await h.run(result);
      total.added += count.added;
      total.already += count.already;
      total.corrected += count.corrected;
      onProgress?.(Math.min(rows.length, i + PART), rows.length);
    }
    return total;
  },
  'faq.import-vendor-report': (h, args) => h.run(importVendorReport(h.ctx, null, args)),
};
