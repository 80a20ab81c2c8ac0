/**
 * A file saved in chunks, for exports too large to hold as one buffer (decision 026):
 * - Electron: the native save dialog, then the chunks over IPC to a temporary file beside the
 *   chosen one, renamed when complete; cancel or a failed write removes it (electron/main/stream-save.ts).
 * - Browser with the File System Access API: the file picker and `createWritable` (Chromium
 *   writes to a swap file and replaces the file only on close; abort discards it).
 * - Other browsers: the chunks kept as Blob parts, downloaded on close, as `saveFile` does.
 */
import type { FileFilter, SaveResult } from '../../../shared/ipc/contract';
import { downloadBlob, nativeApi } from './platform';

export interface SaveStream {
  write(chunk: Uint8Array): Promise<void>;
  /** The file is complete: keep it under its name. */
  close(): Promise<SaveResult>;
  /** Cancelled or failed: nothing is left under the chosen name. */
  abort(): Promise<void>;
}

export interface SaveStreamRequest {
  suggestedName: string;
  filters?: FileFilter[];
}

interface PickerWritable {
  write(data: BufferSource): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}
interface PickerHandle {
  createWritable(): Promise<PickerWritable>;
}
type Picker = (options: { suggestedName: string; types?: { description: string; accept: Record<string, string[]> }[] }) => Promise<PickerHandle>;

/** Opens a file to write in chunks; null when the user cancelled the dialog. */
export async function openSaveStream(req: SaveStreamRequest): Promise<SaveStream | null> {
  const api = nativeApi();
  if (api && typeof api.saveStreamOpen === 'function') {
    const { id } = await api.saveStreamOpen(req);
    if (id === null) return null;
    return {
      write: (data) => api.saveStreamWrite({ id, data }),
      close: () => api.saveStreamClose({ id, keep: true }),
      abort: async () => void (await api.saveStreamClose({ id, keep: false }).catch(() => undefined)),
    };
  }
  const picker = (globalThis as { showSaveFilePicker?: Picker }).showSaveFilePicker;
  if (!api && typeof picker === 'function') {
    let handle: PickerHandle;
    try {
      handle = await picker({
        suggestedName: req.suggestedName,
        types: req.filters?.map((f) => ({ description: f.name, accept: { 'text/csv': f.extensions.map((e) => `.${e}`) } })),
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return null;
      // No user activation left (the export was asked first) or the picker is blocked: download instead.
      return blobStream(req);
    }
    const writable = await handle.createWritable();
    return {
      write: (data) => writable.write(data as Uint8Array<ArrayBuffer>),
      close: async () => {
        await writable.close();
        return { saved: true };
      },
      abort: () => writable.abort().catch(() => undefined),
    };
  }
  return blobStream(req);
}

function blobStream(req: SaveStreamRequest): SaveStream {
  let parts: BlobPart[] = [];
  return {
    write: async (data) => void parts.push(data as Uint8Array<ArrayBuffer>),
    close: async () => {
      downloadBlob(new Blob(parts, { type: 'application/octet-stream' }), req.suggestedName);
      parts = [];
      return { saved: true };
    },
    abort: async () => {
      parts = [];
    },
  };
}
