/**
 * The UI side of the import worker: peek at a file, run an import with progress and
 * cancel, then make the dataset visible with its one event (ContactEngine.commitImport).
 * A staged import left by a crash after the worker finished is committed on resume.
 */
import type { FileEncoding } from '../../../shared/contacts/model';
import type { ContactEngine } from './contact-engine';
import type { ImportProgress, ImportRequest, ImportResult, Peek } from './import-pipeline';
import type { WorkerRequest, WorkerResponse } from './import-protocol';

export interface RunningImport {
  /** Resolves when the import ends (and, if it succeeded, is committed). */
  done: Promise<ImportResult>;
  cancel(): void;
}

export class ImportClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly handlers = new Map<number, (m: WorkerResponse) => void>();

  constructor(private readonly engine: ContactEngine) {}

  private ensure(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (ev: MessageEvent<WorkerResponse>) => this.handlers.get(ev.data.id)?.(ev.data);
    }
    return this.worker;
  }

  private send(msg: WorkerRequest, handler: (m: WorkerResponse) => void): void {
    this.handlers.set(msg.id, handler);
    this.ensure().postMessage(msg);
  }

  peek(file: Blob, encoding?: FileEncoding, rows = 20): Promise<Peek> {
    const id = this.nextId++;
    return new Promise((ok, fail) =>
      this.send({ type: 'peek', id, file, encoding, rows }, (m) => {
        this.handlers.delete(id);
        if (m.type === 'peeked') ok(m.peek);
        else if (m.type === 'failed') fail(new Error(m.message));
      }),
    );
  }

  start(file: Blob, request: ImportRequest, onProgress: (p: ImportProgress) => void = () => undefined): RunningImport {
    const id = this.nextId++;
    const done = (async () => {
      if (request.resumeId) {
        const rec = await this.engine.tables.datasets.get(request.resumeId);
        if (rec?.state === 'staged') {
          await this.engine.commitImport(rec.id);
          return { ok: true, datasetId: rec.id, rows: rec.rows, contentHash: '', warnings: [], warningCount: 0, duplicates: 0, resumedFrom: rec.rows } as ImportResult;
        }
      }
      const result = await new Promise<ImportResult>((ok, fail) =>
        this.send(
          { type: 'import', id, dbName: this.engine.store.database.name, keys: this.engine.importKeys, file, request },
          (m) => {
            if (m.type === 'progress') onProgress(m.progress);
            if (m.type === 'done') ok(m.result);
            if (m.type === 'failed') fail(new Error(m.message));
            if (m.type !== 'progress') this.handlers.delete(id);
          },
        ),
      );
      if (result.ok) await this.engine.commitImport(result.datasetId);
      return result;
    })();
    return { done, cancel: () => this.worker?.postMessage({ type: 'cancel', id } satisfies WorkerRequest) };
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }
}
