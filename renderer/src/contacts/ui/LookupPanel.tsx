import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { MIN_KANA_PREFIX, normalizeKana } from '../../../../shared/contacts/normalize';
import { useT } from '../../i18n/i18n';
import type { OpenIncident } from '../../incidents/open-incident';
import { type CustomerCard, IndexDamagedError, type IndexRebuildProgress, LOOKUP_FIRST, LOOKUP_PAGE, type LookupCursor, type LookupPage } from '../contact-engine';
import type { LookupKind, LookupQuery } from '../lookup';
import { useContacts } from './contacts-store';
import { CustomerCardView, useStatusText } from './CustomerCardView';
import { namedDataset, useListName } from './list-name';
import { dispatch } from '../../data/dispatch';
import { looksLikeReference } from '../../../../shared/contacts/reference';
import { ReferenceMiss } from './ReferenceMiss';
import { reportError } from '../../errors/report';
import { formatListNo } from '../../../../shared/contacts/list-numbers';

const KINDS: LookupKind[] = ['no', 'phone', 'email', 'kana-prefix', 'postcode-name', 'reference'];

export interface LookupPanelProps {
  data: OpenIncident;
  /** The search the panel starts with (the talk script starts from the 照会番号). */
  initialKind?: LookupKind;
  /** Told each time the results or the opened card change. */
  onResult?: (r: { page: (LookupPage & { for: LookupQuery }) | null; card: CustomerCard | null }) => void;
  /** The caller of the panel shows the card its own way. */
  hideCard?: boolean;
}

/**
 * The call centre's lookup, searched as the operator types: customer no., phone, e-mail,
 * kana prefix (narrowed by postcode and given name), postcode + name. Says how many
 * matched and pages through them; every hit names its list; one hit opens the card.
 */
export function LookupPanel({ data, initialKind = 'no', onResult, hideCard = false }: LookupPanelProps) {
  const t = useT();
  const { engine, datasets } = useContacts();
  const statusText = useStatusText();
  const listName = useListName();
  const [query, setQuery] = useState<LookupQuery>({ kind: initialKind, value: '' });
  const [page, setPage] = useState<(LookupPage & { for: LookupQuery }) | null>(null);
  const [card, setCard] = useState<CustomerCard | null>(null);
  // A list whose search index cannot be read (or is being rebuilt): the lookup says so and offers the rebuild.
  const [damaged, setDamaged] = useState<string | null>(null);
  const [rebuild, setRebuild] = useState<{ datasetId: string; progress: IndexRebuildProgress | null; abort: AbortController } | null>(null);
  const [rebuildNote, setRebuildNote] = useState<'done' | 'stopped' | null>(null);
  const [again, setAgain] = useState(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  // Only the newest search may show its results: an older one can finish later.
  const seq = useRef(0);
  const running = useRef<AbortController | null>(null);
  // The customers this screen has put on record already: the same hits shown again (a result
  // recorded, the list's totals moving, a colleague's edit arriving) are not a new look.
  const shown = useRef(new Set<string>());
  const incidentId = data.incident.id;

  const run = useCallback(
    async (q: LookupQuery, cursor: LookupCursor | null, keepCard = false) => {
      const n = ++seq.current;
      running.current?.abort();
      const abort = (running.current = new AbortController());
      if (!engine || !searchable(q)) {
        setPage(null);
        setCard(null);
        setDamaged(null);
        return;
      }
      // A damaged index is said on screen with its way out (the rebuild), not as a fault.
      const onDamage = (e: unknown): null => {
        if (!(e instanceof IndexDamagedError)) return ignoreAbort(e);
        if (n === seq.current) {
          setPage(null);
          setCard(null);
          setDamaged(e.datasetId);
        }
        return null;
      };
      // The first few on screen at once; the rest of the page follows (a rare kana prefix
      // has its hits in as many row blocks as hits, each to be opened).
      const found = await engine.search(incidentId, q, cursor, LOOKUP_FIRST, abort.signal).catch(onDamage);
      if (!found || n !== seq.current) return;
      setDamaged(null);
      // Customers on screen are an access to personal data: recorded before they are shown.
      await recordShown(incidentId, found.hits, shown.current);
      if (n !== seq.current) return;
      if (!keepCard) setCard(null);
      setPage({ ...found, for: q });
      if (!found.next || found.hits.length < LOOKUP_FIRST) return;
      // Not before those are painted: opening more blocks now would hold up that frame.
      await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
      if (n !== seq.current) return;
      const more = await engine.search(incidentId, q, found.next, LOOKUP_PAGE - found.hits.length, abort.signal).catch(onDamage);
      if (!more || n !== seq.current) return;
      await recordShown(incidentId, more.hits, shown.current);
      if (n !== seq.current) return;
      setPage({ ...found, hits: [...found.hits, ...more.hits], next: more.next, for: q });
    },
    [engine, incidentId],
  );

  // One hit opens its card — after the results are on screen, never holding them up.
  useEffect(() => {
    const only = page && page.total === 1 && page.hits.length === 1 ? page.hits[0]! : null;
    if (!engine || !only) return;
    let live = true;
    void openCard(incidentId, only.datasetId, only.row.row).then((c) => live && setCard(c ?? null));
    return () => {
      live = false;
    };
  }, [engine, page, incidentId]);

  // The search runs as the operator types, and again when a list arrives from the team (or
  // is imported) — keeping an open card — so a customer typed in before the list came is found.
  const lists = datasets.map((d) => d.id).join(' ');
  const ranFor = useRef<LookupQuery | null>(null);
  useEffect(() => {
    const same = ranFor.current === query;
    ranFor.current = query;
    void run(query, null, same);
  }, [run, query, lists, again]);

  // A result recorded on another laptop (or in another tab) changes the list's running
  // totals: the open card is read again, so an operator never calls someone a colleague
  // has just reached. (Its memo field keeps what is typed: only the card's data changes.)
  const listTotals = useContacts((s) => (card ? s.totals[card.datasetId] : undefined));
  const cardList = card?.datasetId;
  const cardRow = card?.row.row;
  useEffect(() => {
    if (!engine || cardList === undefined || cardRow === undefined || !listTotals) return;
    let live = true;
    void engine.card(cardList, cardRow).then((c) => live && c && setCard(c));
    return () => {
      live = false;
    };
  }, [engine, listTotals, cardList, cardRow]);

  // A rebuild under way stops (resumably) when the screen closes: the next one goes on from there.
  const rebuildAbort = rebuild?.abort;
  useEffect(() => () => rebuildAbort?.abort(), [rebuildAbort]);

  // The talk script follows the lookup (what was typed, what was found, the card opened).
  useEffect(() => onResult?.({ page, card }), [onResult, page, card]);

  if (!engine) return null;
  const set = (patch: Partial<LookupQuery>) => {
    setRebuildNote(null);
    setQuery((q) => ({ ...q, ...patch }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(query, null);
  };
  // After a result is recorded: the card and the statuses in the list, without losing the card.
  const reopen = () => {
    if (card) void engine.card(card.datasetId, card.row.row).then((c) => setCard(c ?? null));
    if (page) void run(page.for, null, true);
  };
  const nf = new Intl.NumberFormat();
  // Each list named once per render, not once per hit (a date format per hit costs a frame).
  const names = new Map(datasets.map((d) => [d.id, listName(namedDataset(d))]));
  const startRebuild = (datasetId: string) => {
    if (rebuild) return;
    const abort = new AbortController();
    setRebuildNote(null);
    setRebuild({ datasetId, progress: null, abort });
    void engine
      .rebuildIndex(datasetId, { signal: abort.signal, onProgress: (progress) => setRebuild((r) => (r && r.abort === abort ? { ...r, progress } : r)) })
      .then(
        (result) => {
          if (!mounted.current) return;
          setRebuildNote(result === 'done' ? 'done' : 'stopped');
          // The lookup again, as typed now: it answers, or says the rebuild is still to finish.
          setAgain((x) => x + 1);
        },
        (e: unknown) => {
          if (!reportError(e)) setRebuildNote('stopped');
        },
      )
      .finally(() => setRebuild((r) => (r && r.abort === abort ? null : r)));
  };
  // A rebuild under way stays on screen (with its cancel) whatever is typed meanwhile.
  const needsRebuild = rebuild?.datasetId ?? damaged;
  const damagedName = needsRebuild ? (names.get(needsRebuild) ?? t('contacts.lookup.indexDamaged.unnamed')) : '';
  const kanaShort = query.kind === 'kana-prefix' && query.value.trim() !== '' && [...normalizeKana(query.value)].length < MIN_KANA_PREFIX;

  return (
    <div className="overview">
      <section className="card" aria-labelledby="lk-title">
        <h2 id="lk-title">{t('contacts.lookup.title')}</h2>
        <form onSubmit={submit} autoComplete="off">
          <label htmlFor="lk-kind">{t('contacts.lookup.kind')}</label>
          <select id="lk-kind" value={query.kind} onChange={(e) => set({ kind: e.target.value as LookupKind })}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`contacts.lookup.kinds.${k}`)}
              </option>
            ))}
          </select>
          <label htmlFor="lk-value">{t('contacts.lookup.value')}</label>
          <input id="lk-value" autoComplete="off" value={query.value} onChange={(e) => set({ value: e.target.value })} />
          {query.kind === 'postcode-name' && (
            <>
              <label htmlFor="lk-name">{t('contacts.lookup.name')}</label>
              <input id="lk-name" autoComplete="off" value={query.name ?? ''} onChange={(e) => set({ name: e.target.value })} />
            </>
          )}
          {query.kind === 'kana-prefix' && (
            <fieldset className="grid2">
              <legend>{t('contacts.lookup.narrow')}</legend>
              <div>
                <label htmlFor="lk-postcode">{t('contacts.lookup.narrowPostcode')}</label>
                <input id="lk-postcode" autoComplete="off" inputMode="numeric" value={query.postcode ?? ''} onChange={(e) => set({ postcode: e.target.value })} />
              </div>
              <div>
                <label htmlFor="lk-given">{t('contacts.lookup.narrowGiven')}</label>
                <input id="lk-given" autoComplete="off" value={query.given ?? ''} onChange={(e) => set({ given: e.target.value })} />
              </div>
            </fieldset>
          )}
          <div className="actions">
            <button type="submit" className="primary">
              {t('contacts.lookup.search')}
            </button>
          </div>
        </form>
        {kanaShort && <p className="hint">{t('contacts.lookup.kanaShort')}</p>}
        {rebuildNote === 'done' && !needsRebuild && (
          <p className="meta" role="status">
            {t('contacts.lookup.indexDamaged.done')}
          </p>
        )}
        {needsRebuild && (
          <div className="index-damaged notice">
            {rebuild ? (
              <>
                <p role="status">{t('contacts.lookup.indexDamaged.rebuilding', { name: damagedName })}</p>
                <progress max={rebuild.progress?.total || 1} value={rebuild.progress?.rows ?? 0} aria-label={t('contacts.lookup.indexDamaged.progressLabel')} />{' '}
                <span className="meta">
                  {t('contacts.lookup.indexDamaged.progress', { rows: nf.format(rebuild.progress?.rows ?? 0), total: nf.format(rebuild.progress?.total ?? 0) })}
                </span>
                <div className="actions">
                  <button type="button" onClick={() => rebuild.abort.abort()}>
                    {t('contacts.lookup.indexDamaged.cancel')}
                  </button>
                </div>
              </>
            ) : (
              <>
                <p role="status">
                  {t('contacts.lookup.indexDamaged.text', { name: damagedName })}
                </p>
                {rebuildNote === 'stopped' && <p className="hint">{t('contacts.lookup.indexDamaged.stopped')}</p>}
                <div className="actions">
                  <button type="button" className="primary" onClick={() => startRebuild(needsRebuild)}>
                    {t('contacts.lookup.indexDamaged.rebuild')}
                  </button>
                </div>
              </>
            )}
          </div>
        )}
        {page && (
          <div className="lookup-page" data-query={queryKeyOf(page.for)}>
            {page.total === 0 && page.reference ? (
              <ReferenceMiss target={page.reference} />
            ) : page.total === 0 ? (
              <p className="hint" role="status">
                {t('contacts.lookup.none')}
                {page.for.kind === 'no' && looksLikeReference(page.for.value) && (
                  <>
                    {' '}
                    <button type="button" className="link" onClick={() => set({ kind: 'reference' })}>
                      {t('contacts.lookup.reference.asReference')}
                    </button>
                  </>
                )}
              </p>
            ) : (
              <p className="meta" role="status">
                {page.exact ? t('contacts.lookup.count', { n: nf.format(page.total) }) : t('contacts.lookup.countAtMost', { n: nf.format(page.total) })}
                {(page.hits.length < page.total || page.from > 1) &&
                  ` · ${t('contacts.lookup.range', { from: nf.format(page.from), to: nf.format(page.from + page.hits.length - 1) })}`}
              </p>
            )}
            {page.reference?.kind === 'found' && page.reference.clashedWith.length > 0 && (
              <p className="error" role="alert" data-reference="clash">
                {t('contacts.lookup.reference.clash', {
                  no: formatListNo(page.reference.listNo),
                  lists: page.reference.clashedWith
                    .map((c) => {
                      const now = c.now === undefined ? t('contacts.lookup.reference.clashNone') : t('contacts.lookup.reference.clashNow', { no: formatListNo(c.now) });
                      const name = names.get(c.datasetId);
                      return name ? t('contacts.lookup.reference.clashNamed', { name, now }) : now;
                    })
                    .join(t.dict.facts.listSeparator),
                })}
              </p>
            )}
            {page.hits.length > 0 && (
              <ul className="lookup-results">
                {page.hits.map((r) => {
                  const list = names.get(r.datasetId);
                  return (
                    <li key={`${r.datasetId}:${r.row.row}`}>
                      <button type="button" className="link" onClick={() => void openCard(incidentId, r.datasetId, r.row.row).then((c) => setCard(c ?? null))}>
                        {r.row.name}
                      </button>{' '}
                      <span className="meta">
                        {r.row.customerNo} · {statusText(r.datasetId, r.status)}
                      </span>{' '}
                      {list && <span className="badge">{t('contacts.lookup.list', { name: list })}</span>}
                    </li>
                  );
                })}
              </ul>
            )}
            <div className="actions">
              {page.from > 1 && (
                <button type="button" onClick={() => void run(page.for, null)}>
                  {t('contacts.lookup.first')}
                </button>
              )}
              {page.next && (
                <button type="button" onClick={() => void run(page.for, page.next)}>
                  {t('contacts.lookup.next', { n: LOOKUP_PAGE })}
                </button>
              )}
            </div>
          </div>
        )}
      </section>
      {/* One card per customer: a note begun, a message or an undo on one customer's card never shows on the next one's. */}
      {card && !hideCard && <CustomerCardView key={`${card.datasetId}:${card.row.row}`} card={card} onChanged={reopen} />}
    </div>
  );
}

/** A search a newer keystroke called off ends quietly; anything else is a real failure. */
function ignoreAbort(e: unknown): null {
  if (e instanceof DOMException && e.name === 'AbortError') return null;
  throw e;
}

/** Which query a page of results answers (the bench waits for it: harness/lookup-ui.tsx). */
export function queryKeyOf(q: LookupQuery): string {
  const kana = q.kind === 'kana-prefix';
  return [q.kind, q.value, q.kind === 'postcode-name' ? (q.name ?? '') : '', kana ? (q.postcode ?? '') : '', kana ? (q.given ?? '') : ''].join('|');
}

/** Worth asking the engine: something typed (kana needs two characters). */
function searchable(q: LookupQuery): boolean {
  if (!q.value.trim()) return false;
  if (q.kind === 'kana-prefix') return [...normalizeKana(q.value)].length >= MIN_KANA_PREFIX;
  return true;
}

/** A lookup's hits go on record (list and row only) before the screen shows them. */
async function recordShown(incidentId: string, hits: readonly { datasetId: string; row: { row: number } }[], recorded: Set<string>): Promise<void> {
  const fresh = hits.filter((h) => !recorded.has(`${incidentId}|${h.datasetId}:${h.row.row}`));
  if (fresh.length === 0) return;
  await dispatch('access.record-lookup', { incidentId, hits: fresh.map((h) => ({ datasetId: h.datasetId, row: h.row.row })) });
  for (const h of fresh) recorded.add(`${incidentId}|${h.datasetId}:${h.row.row}`);
}

/** Opens a customer's card, on record first (re-reading a card already open after a change is not a new look). */
async function openCard(incidentId: string, datasetId: string, row: number): Promise<CustomerCard | undefined> {
  await dispatch('access.record-card', { incidentId, datasetId, row });
  return useContacts.getState().engine?.card(datasetId, row);
}
