/**
 * Finding customers without decrypting the list: the query's token names one bucket,
 * whose few segments (one per import chunk) are read in one range request; candidate
 * rows are then opened block by block (cached) and checked against the query, which
 * weeds out token collisions and kana prefixes longer than the indexed four.
 */
import type { ContactRow } from '../../../shared/contacts/model';
import { normalizeKana } from '../../../shared/contacts/normalize';
import { queryKey, type Tokenizer } from '../../../shared/contacts/tokens';
import { openBlock } from './block-codec';
import { BLOCK_ROWS, blockId, type ContactTables, indexPrefix } from './tables';

export type LookupKind = 'no' | 'phone' | 'email' | 'kana-prefix' | 'postcode-name';

/** Opened blocks, most recently used last; enough for a call-centre session. */
export class BlockCache {
  private readonly map = new Map<string, Promise<ContactRow[]>>();
  constructor(
    private readonly t: ContactTables,
    private readonly key: CryptoKey,
    private readonly capacity = 64,
  ) {}

  rows(datasetId: string, block: number): Promise<ContactRow[]> {
    const id = blockId(datasetId, block);
    let hit = this.map.get(id);
    if (hit) this.map.delete(id);
    else {
      hit = this.t.blocks.get(id).then((rec) => (rec ? openBlock(this.key, id, rec.sealed, block * BLOCK_ROWS) : []));
      hit.catch(() => this.map.delete(id));
    }
    this.map.set(id, hit);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
    return hit;
  }

  async row(datasetId: string, row: number): Promise<ContactRow | undefined> {
    const block = Math.floor(row / BLOCK_ROWS);
    return (await this.rows(datasetId, block))[row - block * BLOCK_ROWS];
  }

  clear(): void {
    this.map.clear();
  }
}

/** Segments read per round trip while paging a large bucket. */
const SEGMENT_PAGE = 4;

/**
 * Candidate rows for a token, ascending, page by page. Segments are keyed by their first
 * block and filled in row order, so rows come out sorted without sorting, and a prefix
 * shared by a tenth of the list (やまだ…) stops reading once the caller has enough.
 */
export async function* candidateRows(t: ContactTables, tokenizer: Tokenizer, datasetId: string, kind: string, value: string): AsyncGenerator<number> {
  const tok = tokenizer.token(kind as never, value);
  const prefix = indexPrefix(datasetId, kind, tok.hi >>> 24);
  let from = prefix;
  let open = false;
  for (;;) {
    const segments = await t.index.where(':id').between(from, prefix + '\uffff', !open, true).limit(SEGMENT_PAGE).toArray();
    for (const s of segments) {
      const e = s.entries;
      for (let i = 0; i < e.length; i += 3) if (e[i] === tok.hi && e[i + 1] === tok.lo) yield e[i + 2]!;
    }
    if (segments.length < SEGMENT_PAGE) return;
    from = segments[segments.length - 1]!.id;
    open = true;
  }
}

export async function lookup(
  t: ContactTables,
  tokenizer: Tokenizer,
  cache: BlockCache,
  datasetId: string,
  kind: LookupKind,
  value: string,
  name = '',
  limit = 50,
): Promise<ContactRow[]> {
  const key = queryKey(kind, value, name);
  if (!key) return [];
  const wantKana = kind === 'kana-prefix' ? normalizeKana(value) : '';
  const out: ContactRow[] = [];
  for await (const r of candidateRows(t, tokenizer, datasetId, key[0], key[1])) {
    const row = await cache.row(datasetId, r);
    if (!row) continue;
    const k = queryKey(kind, kind === 'postcode-name' ? row.postcode : kind === 'kana-prefix' ? row.kana : (row as unknown as Record<string, string>)[field(kind)]!, row.name);
    const match = kind === 'kana-prefix' ? normalizeKana(row.kana).startsWith(wantKana) : k !== null && k[1] === key[1];
    if (match) out.push(row);
    if (out.length >= limit) break;
  }
  return out;
}

function field(kind: LookupKind): string {
  return kind === 'no' ? 'customerNo' : kind;
}
