/**
 * The UI side of the import worker: peek at a file, run an import with progress and
 * cancel, then make the dataset visible with its one event (ContactEngine.commitImport).
 * A staged import left by a crash after the worker finished is committed on resume.
 */
import type { Delimiter, FileEncoding } from '../../../shared/contacts/model';
import { StoreClosedError } from '../data/store-contract';
import { WorkerCalls, WorkerFailed } from '../data/worker-calls';
import { reportError } from '../errors/report';
import type { ContactEngine } from './contact-engine';
import { type DuplicateFinding, findDuplicates } from './import-duplicates';
import type { ImportProgress, ImportRequest, ImportResult, Peek } from './import-pipeline';
import type { ImportCalls } from './import-protocol';
import { ListsFullError } from './reference-numbers';

export interface RunningImport {
  /** Resolves when the import ends (and, if it succeeded, is committed). */
  done: Promise<ImportResult>;
  cancel(): void;
}

export interface StartOptions {
  /**
   * Asked when the staged list repeats a file or customers the incident already has;
   * false discards it (nothing stored, result `declined`). Without it the list is committed.
   */
  confirmDuplicates?: (finding: DuplicateFinding) => Promise<boolean>;
}

export class ImportClient {
  private calls = ImportClient.open();
  /** Locked: no worker starts again. */
  private ended = false;

  private static open(): WorkerCalls<ImportCalls> {
    return new WorkerCalls<ImportCalls>(() => new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' }), {
      name: 'import',
      report: (e) => reportError(e, 'background'),
    });
  }

  /**
   * A worker that crashed (out of memory on a huge file) fails the calls it had; the next
   * peek or import — the person's next try — starts a fresh one instead of being refused
   * until the next unlock. After the lock none starts.
   */
  private worker(): WorkerCalls<ImportCalls> {
    return this.calls;
  }

  private restartAfter(calls: WorkerCalls<ImportCalls>, e: unknown): void {
    if (e instanceof WorkerFailed && !this.ended && this.calls === calls) this.calls = ImportClient.open();
  }
  /** How to cancel each import running in the worker. */
  private readonly cancels = new Map<number, AbortController>();
  private nextId = 1;

  constructor(private readonly engine: ContactEngine) {}

  peek(file: Blob, encoding?: FileEncoding, rows = 20, delimiter?: Delimiter, noHeader = false): Promise<Peek> {
    const calls = this.worker();
    return calls.call('peek', { file, encoding, rows, delimiter, noHeader }).catch((e: unknown) => {
      this.restartAfter(calls, e);
      throw e;
    });
  }

  start(file: Blob, request: ImportRequest, onProgress: (p: ImportProgress) => void = () => undefined, options: StartOptions = {}): RunningImport {
    const id = this.nextId++;
    const declined = (datasetId: string): ImportResult => ({ ok: false, reason: 'declined', datasetId, errors: [], errorCount: 0, warnings: [], warningCount: 0 });
    const listsFull = (datasetId?: string): ImportResult => ({ ok: false, reason: 'lists-full', ...(datasetId ? { datasetId } : {}), errors: [], errorCount: 0, warnings: [], warningCount: 0 });
    const confirmed = async (datasetId: string, staged: Parameters<typeof findDuplicates>[2]) => {
      if (!options.confirmDuplicates) return true;
      const finding = await findDuplicates(this.engine, request.incidentId, staged);
      if (!finding || (await options.confirmDuplicates(finding))) return true;
      await this.engine.discardImport(datasetId);
      return false;
    };
    const done = (async (): Promise<ImportResult> => {
      if (request.resumeId) {
        const rec = await this.engine.tables.datasets.get(request.resumeId);
        if (rec?.state === 'staged') {
          const info = (await this.engine.unfinishedImports(rec.incidentId)).find((d) => d.id === rec.id);
          if (!(await confirmed(rec.id, { fileName: info?.meta.fileName ?? '', rows: rec.rows, contentHash: info?.meta.contentHash ?? '' }))) return declined(rec.id);
          if (!(await this.commitOrDiscard(rec.id))) return listsFull(rec.id);
          return { ok: true, datasetId: rec.id, rows: rec.rows, contentHash: '', warnings: [], warningCount: 0, duplicates: 0, resumedFrom: rec.rows };
        }
      }
      // Before reading a row: a list without a number could carry no reference numbers (decision 025).
      if (!(await this.engine.hasFreeListNumber(request.incidentId))) return listsFull();
      const result = await this.run(id, file, request, onProgress);
      if (!result.ok) return result;
      const fileName = request.fileName ?? (file as File).name ?? '';
      if (!(await confirmed(result.datasetId, { fileName, rows: result.rows, contentHash: result.contentHash, overlaps: result.overlaps }))) return declined(result.datasetId);
      if (!(await this.commitOrDiscard(result.datasetId))) return listsFull(result.datasetId);
      return result;
    })();
    return { done, cancel: () => this.cancel(id) };
  }

  /**
   * Commits a staged list; false when the incident has no list number left for it (the last
   * one went to a list that came by sync meanwhile): then nothing of it is kept (decision 025).
   */
  private async commitOrDiscard(datasetId: string): Promise<boolean> {
    try {
      await this.engine.commitImport(datasetId);
      return true;
    } catch (e) {
      if (!(e instanceof ListsFullError)) throw e;
      await this.engine.discardImport(datasetId);
      return false;
    }
  }

  /**
   * Adopts a dataset imported on another laptop (ContactEngine.missingDatasets): imports the
   * same file under its id and settings; if the file's content hash differs from the
   * event's, nothing is kept and the result is `hash-mismatch`. No second event is written.
   */
  adopt(file: Blob, datasetId: string, onProgress: (p: ImportProgress) => void = () => undefined): RunningImport {
    const id = this.nextId++;
    const mismatch: ImportResult = { ok: false, reason: 'hash-mismatch', datasetId, errors: [], errorCount: 0, warnings: [], warningCount: 0 };
    const done = (async (): Promise<ImportResult> => {
      const request = await this.engine.adoptRequest(datasetId);
      const result = await this.run(id, file, request, onProgress);
      // The same file imported cleanly on the other laptop: one that does not is another file.
      if (!result.ok) return result.reason === 'invalid' ? { ...mismatch, errors: result.errors, errorCount: result.errorCount } : result;
      const adopted = await this.engine.commitAdopted(datasetId);
      return adopted.ok ? result : mismatch;
    })();
    return { done, cancel: () => this.cancel(id) };
  }

  private cancel(id: number): void {
    this.cancels.get(id)?.abort();
  }

  private async run(id: number, file: Blob, request: ImportRequest, onProgress: (p: ImportProgress) => void): Promise<ImportResult> {
    let datasetId = request.resumeId ?? request.adoptId;
    const ctl = new AbortController();
    this.cancels.set(id, ctl);
    const calls = this.worker();
    try {
      const args = { dbName: this.engine.store.database.name, keys: this.engine.importKeys, file, request };
      return await calls.call('import', args, {
        signal: ctl.signal,
        onProgress: (p) => {
          datasetId = p.datasetId;
          onProgress(p);
        },
      });
    } catch (e) {
      // The lock stopped the worker: the rows committed so far stay, and the import resumes after unlocking.
      if (e instanceof StoreClosedError) return { ok: false, reason: 'interrupted', datasetId, errors: [], errorCount: 0, warnings: [], warningCount: 0 };
      this.restartAfter(calls, e);
      // The import screen only says it was interrupted: the fault is logged here (once; a
      // failed worker has reported itself, and a screen handing it on is not counted twice).
      reportError(e, 'background');
      throw e;
    } finally {
      this.cancels.delete(id);
    }
  }

  /**
   * On lock (and when the workspace closes): the worker — and the second worker it started —
   * is stopped at once, and with it the keys it was given. A chunk being written is rolled
   * back by IndexedDB as a whole, so an import under way is left as an unfinished import
   * with the rows committed before; after unlocking it resumes from there. Its `done`
   * resolves as interrupted, so nothing waits on a worker that no longer exists.
   */
  terminate(): void {
    this.ended = true;
    this.calls.dispose();
  }
}
