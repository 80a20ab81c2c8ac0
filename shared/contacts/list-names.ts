/**
 * Names of the customer lists of an incident. The file name alone is not enough: the same
 * file imported twice gave two lists called the same, and a lookup hit could not say
 * which one it came from. A list is named by its file, when it was imported and its row
 * count; the second and later import of the same file (name and rows) also carries its
 * ordinal, so no two lists read alike. Derived from the import events in clock order,
 * so every laptop names every list the same; the first import keeps its name.
 */

export interface ImportedList {
  datasetId: string;
  fileName: string;
  rows: number;
  /** The import event's clock. */
  at: string;
}

export interface ListName {
  fileName: string;
  rows: number;
  at: string;
  /** 0 for the first (or only) import of this file; 2, 3 … for later ones. */
  repeat: number;
}

export function listNames(imports: ImportedList[]): Map<string, ListName> {
  const sorted = [...imports].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.datasetId < b.datasetId ? -1 : 1));
  const seen = new Map<string, number>();
  const out = new Map<string, ListName>();
  for (const l of sorted) {
    const key = `${l.fileName.trim()}\u0000${l.rows}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    out.set(l.datasetId, { fileName: l.fileName, rows: l.rows, at: l.at, repeat: n === 1 ? 0 : n });
  }
  return out;
}
