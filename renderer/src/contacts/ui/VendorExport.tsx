import { useEffect, useRef, useState } from 'react';
import type { ContactRow } from '../../../../shared/contacts/model';
import type { CsvEncoding } from '../../../../shared/export/csv';
import type { MessageKey } from '../../i18n/dictionary';
import { translate, useT } from '../../i18n/i18n';
import { openSaveStream, type SaveStream } from '../../platform/save-stream';
import type { UnwritableCell } from '../batches';
import { ExportCancelled, finishVendorFile, writeVendorFile, type VendorWriteResult } from '../vendor-file';
import { letterGift } from '../gifts';
import { useContacts } from './contacts-store';
import { type Said, say } from './labels';
import { UnwritableChoice } from './UnwritableChoice';

const CSV = [{ name: 'CSV', extensions: ['csv'] }];
/** The vendor's header is Japanese whatever the screen's language: the vendor's software maps it. */
const jaLabel = (key: string) => translate('ja', key as MessageKey);

export interface VendorExportProps {
  incidentId: string;
  datasetId: string;
  rows: number[];
  encoding: CsvEncoding;
  /** The export's mark line (its id, who asked, who approved), written last. */
  mark: string;
  /** Short export id for the message. */
  exportId: string;
  fileName: (suffix: string) => string;
  /** The list's number in the incident, or null (the 照会番号 column stays empty). */
  listNo: number | null;
  /** The letter variant of a row (default: its segment). */
  variantOf?: (row: ContactRow) => string;
  addresseeOf?: (row: ContactRow) => 'customer' | 'guardian';
  /** Records the production with its files (decision 015) — false when refused: nothing is kept. */
  record: (files: { name: string; rows: number }[]) => Promise<boolean>;
  onDone: (said: Said) => void;
}

/**
 * The printing vendor's file being written (decision 026): progress (rows written of the
 * total) and a way to stop, then the Shift_JIS choice when some rows cannot be written. The
 * file stays a temporary one until it is complete and recorded; stopping removes it.
 */
export function VendorExport(p: VendorExportProps) {
  const t = useT();
  const engine = useContacts((s) => s.engine)!;
  const cache = engine.cache;
  const nf = new Intl.NumberFormat();
  const [progress, setProgress] = useState({ done: 0, total: p.rows.length });
  const [writing, setWriting] = useState(true);
  const [choice, setChoice] = useState<{ stream: SaveStream; result: VendorWriteResult; name: string } | null>(null);
  const abort = useRef<AbortController | null>(null);
  const started = useRef(false);
  const ctx = { listNo: p.listNo, ...(p.variantOf ? { variantOf: p.variantOf } : {}), ...(p.addresseeOf ? { addresseeOf: p.addresseeOf } : {}) };

  /** The file written (still open), or null when it ended here: the dialog cancelled, stopped, or failed (said so). */
  async function write(rows: number[], encoding: CsvEncoding, name: string): Promise<{ stream: SaveStream; result: VendorWriteResult } | null> {
    const stream = await openSaveStream({ suggestedName: name, filters: CSV }).catch((err: unknown) => {
      p.onDone(say('contacts.batches.vendor.failed', { reason: err instanceof Error ? err.message : String(err) }));
      return undefined;
    });
    if (stream === undefined) return null;
    if (stream === null) {
      setWriting(false);
      p.onDone(say('contacts.batches.vendor.stopped'));
      return null;
    }
    abort.current = new AbortController();
    setWriting(true);
    setProgress({ done: 0, total: rows.length });
    try {
      // The apology gift's code of each letter, once a programme is set: the vendor prints it (decision 029).
      const gift = p.listNo === null ? undefined : await letterGift(engine, p.incidentId, p.datasetId, () => ({ label: '', until: '' }), (id) => (id === p.datasetId ? p.listNo! : undefined));
      const result = await writeVendorFile(cache, p.datasetId, rows, stream, {
        encoding,
        label: jaLabel,
        ctx: gift ? { ...ctx, giftOf: (row: number) => gift.code(row) } : ctx,
        signal: abort.current.signal,
        onProgress: (done, total) => setProgress({ done, total }),
      });
      return { stream, result };
    } catch (err) {
      await stream.abort();
      if (err instanceof ExportCancelled) p.onDone(say('contacts.batches.vendor.stopped'));
      else p.onDone(say('contacts.batches.vendor.failed', { reason: err instanceof Error ? err.message : String(err) }));
      return null;
    } finally {
      setWriting(false);
    }
  }

  /** Records, puts the mark last, keeps the file. */
  async function keep(stream: SaveStream, encoding: CsvEncoding, files: { name: string; rows: number }[]): Promise<boolean> {
    if (!(await p.record(files))) {
      await stream.abort();
      return false;
    }
    await finishVendorFile(stream, encoding, p.mark);
    await stream.close();
    return true;
  }

  const saved = (r: VendorWriteResult) =>
    r.review > 0
      ? say('contacts.batches.vendor.savedReview', { n: nf.format(r.rows), id: p.exportId, review: nf.format(r.review) })
      : say('contacts.batches.vendor.saved', { n: nf.format(r.rows), id: p.exportId });

  async function start(encoding: CsvEncoding) {
    const name = p.fileName(encoding === 'shift_jis' ? 'vendor-sjis' : 'vendor-utf8');
    const out = await write(p.rows, encoding, name);
    if (!out) return;
    if (out.result.unwritable.length > 0) return setChoice({ ...out, name });
    if (await keep(out.stream, encoding, [{ name, rows: out.result.rows }])) p.onDone(saved(out.result));
  }

  useEffect(() => {
    // Once, even under StrictMode's double effect: a second run would open a second dialog.
    if (started.current) return;
    started.current = true;
    void start(p.encoding);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once for the export it was made for
  }, []);

  /**
   * Both files or neither: the rest is written first, and only then are both recorded and kept.
   * (Keeping the Shift_JIS file before the second dialog left the customers of a cancelled
   * second file in no file, recorded as exported, while the screen said nothing was kept.)
   */
  async function split(rows: Set<number>) {
    const c = choice!;
    setChoice(null);
    const restName = p.fileName('vendor-utf8-rest');
    const rest = await write([...rows], 'utf-8-bom', restName);
    if (!rest) {
      await c.stream.abort();
      return;
    }
    if (!(await p.record([{ name: c.name, rows: c.result.rows }, { name: restName, rows: rest.result.rows }]))) {
      await Promise.all([c.stream.abort(), rest.stream.abort()]);
      return;
    }
    await finishVendorFile(c.stream, 'shift_jis', p.mark);
    await c.stream.close();
    await finishVendorFile(rest.stream, 'utf-8-bom', p.mark);
    await rest.stream.close();
    const review = c.result.review + rest.result.review;
    const counts = { sjis: nf.format(c.result.rows), utf8: nf.format(rest.result.rows) };
    p.onDone(review > 0 ? say('contacts.batches.unwritable.savedSplitReview', { ...counts, review: nf.format(review) }) : say('contacts.batches.unwritable.savedSplit', counts));
  }
  async function allUtf8() {
    const c = choice!;
    setChoice(null);
    await c.stream.abort();
    await start('utf-8-bom');
  }
  async function stop() {
    const c = choice!;
    setChoice(null);
    await c.stream.abort();
    p.onDone(say('contacts.batches.vendor.stopped'));
  }

  const cells: UnwritableCell[] = choice?.result.unwritable ?? [];
  return (
    <div className="vendor-export">
      {p.listNo === null && <p className="hint">{t('contacts.batches.vendor.noListNo')}</p>}
      {writing && (
        <div className="notice" role="status" aria-live="polite">
          <p>{t('contacts.batches.vendor.writing', { done: nf.format(progress.done), total: nf.format(progress.total) })}</p>
          <progress max={Math.max(1, progress.total)} value={progress.done} />
          <div className="actions">
            <button type="button" onClick={() => abort.current?.abort()}>
              {t('contacts.batches.vendor.stop')}
            </button>
          </div>
        </div>
      )}
      {choice && <UnwritableChoice cells={cells} onSplit={(rows) => void split(rows)} onAllUtf8={() => void allUtf8()} onCancel={() => void stop()} />}
    </div>
  );
}
