/**
 * Searching customers across an incident's lists for the lookup screen: how many matched,
 * one page at a time in (list, row) order, with the candidates of the last few queries
 * remembered so the rest of a page and the next pages do not read the index again.
 */
import type { ContactRow } from '../../../shared/contacts/model';
import { type Status, unpack } from '../../../shared/contacts/fallback';
import type { ContactReader, DatasetInfo } from './contact-data';
import { type Candidates, candidates, confirm, type LookupQuery, VERIFY_TO_COUNT } from './lookup';
import { IndexDamagedError } from './index-merge';
import { type ReferenceTarget, resolveReference } from './reference-numbers';
import { blockId, STATUS_ROWS } from './tables';
import { statusRecordsById } from './status-deltas';

/** Customers shown per page of a search. */
export const LOOKUP_PAGE = 50;
/** Shown first, as soon as they are open; the rest of the page follows. */
export const LOOKUP_FIRST = 10;

export interface LookupHit {
  datasetId: string;
  row: ContactRow;
  status: Status;
}

/** Where the next page of a search starts. */
export interface LookupCursor {
  dataset: number;
  index: number;
  /** Hits before it. */
  position: number;
}

export interface LookupPage {
  /** Customers matching, across lists; an upper bound when `exact` is false. */
  total: number;
  exact: boolean;
  /** 1-based position of the first hit. */
  from: number;
  hits: LookupHit[];
  next: LookupCursor | null;
  /** A search by reference number: where the number led (why nobody was found, when nobody was). */
  reference?: ReferenceTarget;
}

export class CustomerSearch {
  constructor(private readonly engine: ContactReader) {}

  /**
   * Customers by customer no., phone, e-mail, kana prefix (narrowed by postcode and given
   * name), or postcode + name, across the incident's lists: how many matched and one page
   * of them in (list, row) order. `cursor` is the previous page's `next`.
   */
  async search(incidentId: string, q: LookupQuery, cursor: LookupCursor | null = null, size = LOOKUP_PAGE, signal?: AbortSignal): Promise<LookupPage> {
    if (q.kind === 'reference') return this.byReference(incidentId, q.value);
    const lists = await this.engine.data.datasets(incidentId);
    const { cands, total: counted, exact: known } = await this.candidatesFor(lists, q);
    let total = counted;
    let exact = known;
    const at = cursor ?? { dataset: 0, index: 0, position: 0 };
    const found: { datasetId: string; row: ContactRow }[] = [];
    let d = at.dataset;
    let index = at.index;
    while (d < lists.length && found.length < size) {
      const r = await confirm(this.engine.data.cache, lists[d]!.id, cands[d]!, index, size - found.length, signal);
      for (const row of r.rows) found.push({ datasetId: lists[d]!.id, row });
      if (r.next < cands[d]!.rows.length) {
        index = r.next;
        break;
      }
      d++;
      index = 0;
    }
    while (d < lists.length && index === 0 && cands[d]!.rows.length === 0) d++;
    const next = d < lists.length ? { dataset: d, index, position: at.position + found.length } : null;
    // Walked every candidate from the first: the count is what was found.
    if (!exact && at.position === 0 && next === null) {
      total = found.length;
      exact = true;
    }
    return { total, exact, from: at.position + 1, hits: await this.withStatus(found), next };
  }

  /**
   * The candidates of a query in every list and their count, remembered for the next few
   * calls: the rest of a page and the next pages reuse them instead of reading the index
   * again. The index changes only with the lists, which renew `lists`.
   */
  private readonly searches: { lists: DatasetInfo[]; key: string; result: Promise<{ cands: Candidates[]; total: number; exact: boolean }> }[] = [];
  private candidatesFor(lists: DatasetInfo[], q: LookupQuery) {
    const key = JSON.stringify([q.kind, q.value, q.name, q.postcode, q.given]);
    const hit = this.searches.find((s) => s.lists === lists && s.key === key);
    if (hit) return hit.result;
    const result = (async () => {
      // A list whose index is being rebuilt (or whose rebuild was stopped) cannot answer yet:
      // the lookup says so rather than missing its customers (decision 039, addendum).
      const rebuilding = lists.find((d) => d.indexRebuild);
      if (rebuilding) throw new IndexDamagedError(rebuilding.id);
      const cands = await Promise.all(lists.map((d) => candidates(this.engine.data.tables, this.engine.tokenizer, d.id, q, d.meta.version ?? 1)));
      let total = 0;
      let exact = true;
      for (const [i, c] of cands.entries()) {
        if (!c.trusted && c.rows.length <= VERIFY_TO_COUNT) {
          // Few enough to open them all: the count is exact, and the pages come from these.
          const all = await confirm(this.engine.data.cache, lists[i]!.id, c, 0, Infinity);
          cands[i] = { rows: all.rows.map((r) => r.row), check: () => true, trusted: true };
        }
        total += cands[i]!.rows.length;
        if (!cands[i]!.trusted) exact = false;
      }
      return { cands, total, exact };
    })();
    this.searches.unshift({ lists, key, result });
    this.searches.length = Math.min(this.searches.length, 4);
    result.catch(() => this.searches.splice(0));
    return result;
  }

  /**
   * A reference number leads straight to its list and row (no index); when it leads nowhere
   * the page says why (`reference`): typed wrong, a list not on this laptop, or no such customer.
   */
  private async byReference(incidentId: string, value: string): Promise<LookupPage> {
    const target = await resolveReference(this.engine.data, incidentId, value);
    const row = target.kind === 'found' ? await this.engine.data.row(target.datasetId, target.row) : undefined;
    if (target.kind !== 'found' || !row) return { total: 0, exact: true, from: 1, hits: [], next: null, reference: target };
    return { total: 1, exact: true, from: 1, hits: await this.withStatus([{ datasetId: target.datasetId, row }]), next: null, reference: target };
  }

  /** One read per status record, not one per customer (a kana page holds dozens). */
  private async withStatus(found: { datasetId: string; row: ContactRow }[]): Promise<LookupHit[]> {
    const ids = [...new Set(found.map((f) => blockId(f.datasetId, Math.floor(f.row.row / STATUS_ROWS))))];
    const recs = new Map((await statusRecordsById(this.engine.data.tables, ids)).map((r, i) => [ids[i]!, r]));
    return found.map((f) => {
      const rec = recs.get(blockId(f.datasetId, Math.floor(f.row.row / STATUS_ROWS)));
      return { ...f, status: unpack(rec?.words[f.row.row % STATUS_ROWS] ?? 0) };
    });
  }
}
