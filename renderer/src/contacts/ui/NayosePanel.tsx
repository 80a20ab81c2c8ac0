import { useEffect, useMemo, useRef, useState } from 'react';
import { type Member, representativeFirst } from '../../../../shared/contacts/nayose-decisions';
import { clusterCount, clusterIndex, type ClusterIndex, DEFAULT_NAYOSE, type NayoseOptions, type NayoseRule, rulesOf } from '../../../../shared/contacts/nayose';
import type { NayoseMode } from '../../../../shared/contacts/nayose-events';
import type { ContactRow } from '../../../../shared/contacts/model';
import { dispatch } from '../../data/dispatch';
import { reportError } from '../../errors/report';
import { useT } from '../../i18n/i18n';
import type { OpenIncident } from '../../incidents/open-incident';
import { clusterMembers, type NayoseRun, runNayose, segmentLetters } from '../nayose-run';
import { readVariants } from '../../letters/handlers';
import { useLetterVariants } from '../../letters/use-variants';
import { BUILT_IN_DEFAULT, variantName } from '../../../../shared/letters/variants';
import { useContacts } from './contacts-store';
import { type Said, say } from './labels';
import { namedDataset, useListName } from './list-name';
import { nayoseOutcome } from './nayose-failed';
import { useLettersSaved, useNayoseDecisions, usePostedRecords } from './nayose-hooks';

const PAGE = 10;
const PERSON_RULES: NayoseRule[] = ['nameAddress', 'phone', 'email'];

interface Found {
  run: NayoseRun;
  index: ClusterIndex;
  mode: NayoseMode;
  options: NayoseOptions;
}

/**
 * 名寄せ: find customers who are the same person (or household) across and within the
 * incident's lists, review each suggestion, merge or keep apart. Decisions are events; the
 * post batches print one letter per merged cluster (nayose-letters.ts).
 */
export function NayosePanel({ data }: { data: OpenIncident }) {
  const t = useT();
  const engine = useContacts((s) => s.engine)!;
  const datasets = useContacts((s) => s.datasets);
  const decisions = useNayoseDecisions(data.incident.id);
  const summary = useLettersSaved(data.incident.id);
  const posted = usePostedRecords(data.incident.id);
  const listName = useListName();
  const nf = new Intl.NumberFormat();
  const [rules, setRules] = useState<Record<NayoseRule, boolean>>(DEFAULT_NAYOSE.rules);
  const [mode, setMode] = useState<NayoseMode>('person');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [found, setFound] = useState<Found | null>(null);
  const [page, setPage] = useState(0);
  const [message, setMessage] = useState<Said | null>(null);
  const [undoable, setUndoable] = useState<string | null>(null);
  const [rows, setRows] = useState<Map<string, ContactRow>>(new Map());
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const variants = useLetterVariants(data.incident.id);
  // Each member with the letter it would be sent, by the variants as they stand (clusterMembers).
  const letters = useMemo(() => (found ? segmentLetters(found.run, variants ?? []) : new Uint32Array()), [found, variants]);
  const membersWith = (k: number, byLetter: Uint32Array): Member[] => (found ? clusterMembers(found.run, found.index, k, byLetter) : []);
  const members = (k: number): Member[] => membersWith(k, letters);
  const letterName = (m: Member) => variantName((variants ?? [])[m.letter ?? 0] ?? BUILT_IN_DEFAULT, t('letters.defaultName'));
  const total = found ? clusterCount(found.index) : 0;
  const shown = Array.from({ length: Math.max(0, Math.min(PAGE, total - page * PAGE)) }, (_, i) => page * PAGE + i);

  // The rows of the suggestions on screen, opened from their blocks.
  useEffect(() => {
    if (!found) return;
    let live = true;
    const wanted = shown.flatMap((k) => members(k));
    void (async () => {
      const out = new Map<string, ContactRow>();
      for (const m of wanted) {
        const block = await engine.cache.rows(m.datasetId, Math.floor(m.row / 1000));
        const r = block.find((x) => x.row === m.row);
        if (r) out.set(`${m.datasetId}:${m.row}`, r);
      }
      if (live) setRows(out);
    })().catch((e) => void reportError(e));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [found, page, engine]);

  const stateOf = (k: number) => decisions?.decisionFor(members(k)) ?? 'undecided';
  const tooLarge = (k: number) => found !== null && found.index.start[k + 1]! - found.index.start[k]! > found.options.maxCluster;
  // Every suggestion's state, once per run or change of decisions (not on every render: there can be 100k).
  const undecided = useMemo(
    () => (found ? Array.from({ length: total }, (_, k) => k).filter((k) => !tooLarge(k) && stateOf(k) === 'undecided') : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [found, decisions, letters],
  );

  // Letters merging all would save: members − letters per suggestion (a member of another variant keeps its letter).
  const savable = useMemo(() => {
    if (!found) return 0;
    let saved = 0;
    for (let k = 0; k < total; k++) {
      // As 「すべてまとめる」 counts: a suggestion too large for it saves nothing here.
      if (tooLarge(k)) continue;
      const ms = members(k);
      saved += ms.length - new Set(ms.map((m) => m.letter ?? 0)).size;
    }
    return saved;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [found, letters]);

  if (datasets.length === 0) return null;

  async function find() {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setMessage(null);
    setFound(null);
    setPage(0);
    const options: NayoseOptions = { ...DEFAULT_NAYOSE, rules: mode === 'household' ? { nameAddress: false, phone: false, email: false, household: true } : { ...rules, household: false } };
    setProgress({ done: 0, total: 0 });
    try {
      const run = await runNayose(engine, data.incident.id, options, { signal: controller.signal, onProgress: (done, all) => setProgress({ done, total: all }) });
      setFound({ run, index: clusterIndex(run.result), mode, options });
    } catch (e) {
      setMessage(nayoseOutcome(e));
    } finally {
      if (abort.current === controller) abort.current = null;
      setProgress(null);
    }
  }


  async function decide(clusters: number[], merge: boolean, said: Said) {
    if (!found || clusters.length === 0) return;
    // The variants as they stand now (not as this screen last read them): each member's letter follows them.
    const vs = await readVariants(engine.store, data.incident.id);
    const byLetter = segmentLetters(found.run, vs);
    const r = await dispatch('contacts.nayose-decide', { incidentId: data.incident.id, mode: found.mode, clusters: clusters.map((k) => ({ members: membersWith(k, byLetter), merge })) });
    setMessage(said);
    setUndoable(r.eventId);
  }

  async function undo() {
    if (!undoable) return;
    await dispatch('contacts.nayose-undo', { incidentId: data.incident.id, eventId: undoable });
    setUndoable(null);
    setMessage(say('nayose.undone'));
  }

  const manyLists = datasets.length > 1;
  const nameOfList = (id: string) => {
    const d = datasets.find((x) => x.id === id);
    return d ? listName(namedDataset(d)) : '—';
  };

  return (
    <section className="card" aria-labelledby="ny-title">
      <h2 id="ny-title">{t('nayose.title')}</h2>
      <p className="hint">{t('nayose.lead')}</p>
      <p className="notice" role="note">
        {t('nayose.defaultRule')}
      </p>
      {summary && (summary.merged > 0 || summary.apart > 0) && (
        <p role="status">
          {t('nayose.decided', { merged: nf.format(summary.merged), saved: nf.format(summary.saved), apart: nf.format(summary.apart) })}
        </p>
      )}
      <div className="grid3">
        <fieldset>
          <legend>{t('nayose.mode')}</legend>
          {(['person', 'household'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="ny-mode" checked={mode === m} onChange={() => setMode(m)} /> {t(`nayose.modes.${m}`)}
            </label>
          ))}
        </fieldset>
        <fieldset disabled={mode === 'household'}>
          <legend>{t('nayose.rules')}</legend>
          {(mode === 'household' ? (['household'] as NayoseRule[]) : PERSON_RULES).map((r) => (
            <label key={r}>
              <input type="checkbox" checked={mode === 'household' || rules[r]} onChange={(e) => setRules({ ...rules, [r]: e.target.checked })} /> {t(`nayose.rule.${r}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="actions">
        <button type="button" className="primary" disabled={progress !== null || (mode === 'person' && !PERSON_RULES.some((r) => rules[r]))} onClick={() => void find()}>
          {t('nayose.run')}
        </button>
        {progress && (
          <button type="button" onClick={() => abort.current?.abort()}>
            {t('nayose.cancel')}
          </button>
        )}
      </div>
      {progress && (
        <div className="import-progress">
          <progress max={progress.total || 1} value={progress.done} aria-label={t('nayose.run')} />
          <p role="status">{t('nayose.running', { done: nf.format(progress.done), total: nf.format(progress.total) })}</p>
        </div>
      )}
      {found && (
        <div>
          <p role="status">
            {total === 0
              ? t('nayose.none', { records: nf.format(found.run.result.records) })
              : t('nayose.found', { clusters: nf.format(total), records: nf.format(found.run.result.records), saved: nf.format(savable) })}
          </p>
          <p className="meta">{t('nayose.took', { seconds: (found.run.ms / 1000).toFixed(1) })}</p>
          {Object.values(found.run.result.skippedKeys).some((n) => n > 0) && (
            <p className="hint">{t('nayose.skipped', { n: found.options.maxKeyShare, keys: nf.format(Object.values(found.run.result.skippedKeys).reduce((a, b) => a + b, 0)) })}</p>
          )}
          {found.run.result.tooLarge > 0 && <p className="hint">{t('nayose.tooLarge', { n: nf.format(found.run.result.tooLarge) })}</p>}
          {undecided.length > 0 && (
            <div className="actions">
              <button type="button" className="primary" onClick={() => void decide(undecided, true, say('nayose.mergedAll', { n: nf.format(undecided.length) })).catch((e) => void reportError(e))}>
                {t('nayose.mergeAll', { n: nf.format(undecided.length) })}
              </button>
            </div>
          )}
          <ol className="nayose-clusters">
            {shown.map((k) => {
              // Shown as the decision will record them: a record whose letter is already posted addresses the cluster.
              const ms = representativeFirst(members(k), posted);
              const state = stateOf(k);
              const cross = new Set(ms.map((m) => m.datasetId)).size > 1;
              const kinds = [...new Set(ms.map((m) => m.letter ?? 0))];
              const addressee = new Set(kinds.map((l) => ms.find((m) => (m.letter ?? 0) === l)!));
              const root = found.index.order[found.index.start[k]!]!;
              return (
                <li key={k} className="nayose-cluster" aria-label={t('nayose.cluster', { k: k + 1 })}>
                  <strong>{t('nayose.cluster', { k: k + 1 })}</strong> <span className="badge">{t(`nayose.state.${state}`)}</span>{' '}
                  <span className="meta">{t('nayose.matchedBy', { rules: rulesOf(found.run.result.ruleMask[root]!).map((r) => t(`nayose.rule.${r}`)).join(t.dict.facts.listSeparator) })}</span>
                  {/* One letter printed by one list; with letters of several 文面, each 宛先 row's list prints its own (the table says which). */}
                  {cross && kinds.length === 1 && <p className="hint">{t('nayose.crossList', { list: nameOfList(ms[0]!.datasetId) })}</p>}
                  {kinds.length > 1 && (
                    <p className="hint">
                      {t('nayose.lettersByVariant', { n: kinds.length, variants: kinds.map((l) => letterName({ datasetId: '', row: 0, letter: l })).join(t.dict.facts.listSeparator) })}
                    </p>
                  )}
                  <div className="scroll-x">
                    <table className="table compact">
                      <thead>
                        <tr>
                          {manyLists && <th>{t('nayose.list')}</th>}
                          <th>{t('contacts.fields.customerNo')}</th>
                          <th>{t('contacts.fields.name')}</th>
                          <th>{t('contacts.fields.postcode')}</th>
                          <th>{t('contacts.fields.address')}</th>
                          <th>{t('contacts.fields.phone')}</th>
                          <th>{t('contacts.fields.email')}</th>
                          {kinds.length > 1 && <th>{t('nayose.letterVariant')}</th>}
                        </tr>
                      </thead>
                      <tbody>
                        {ms.map((m) => {
                          const r = rows.get(`${m.datasetId}:${m.row}`);
                          return (
                            <tr key={`${m.datasetId}:${m.row}`}>
                              {manyLists && <td>{nameOfList(m.datasetId)}</td>}
                              <td className="nw">
                                {r?.customerNo}
                                {addressee.has(m) && <span className="badge">{t('nayose.representative')}</span>}
                              </td>
                              <td className="nw">{r?.name}</td>
                              <td className="nw">{r?.postcode}</td>
                              <td>{r?.address}</td>
                              <td className="nw">{r?.phone}</td>
                              <td>{r?.email}</td>
                              {kinds.length > 1 && <td className="nw">{letterName(m)}</td>}
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </div>
                  <div className="actions">
                    <button type="button" disabled={state === 'merge'} onClick={() => void decide([k], true, say('nayose.mergedOne', { k: k + 1 })).catch((e) => void reportError(e))}>
                      {found.mode === 'household' ? t('nayose.mergeHousehold') : t('nayose.merge')}
                    </button>
                    <button type="button" disabled={state === 'apart'} onClick={() => void decide([k], false, say('nayose.apartOne', { k: k + 1 })).catch((e) => void reportError(e))}>
                      {t('nayose.apart')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
          {total > PAGE && (
            <div className="actions">
              <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
                {t('nayose.prev')}
              </button>
              <span className="meta">{t('nayose.page', { from: nf.format(page * PAGE + 1), to: nf.format(Math.min(total, (page + 1) * PAGE)), total: nf.format(total) })}</span>
              <button type="button" disabled={(page + 1) * PAGE >= total} onClick={() => setPage(page + 1)}>
                {t('nayose.next')}
              </button>
            </div>
          )}
        </div>
      )}
      {message && (
        <p className="actions" role="status">
          <span className="ok">{t(message.key, message.params)}</span>
          {undoable && (
            <button type="button" onClick={() => void undo().catch((e) => void reportError(e))}>
              {t('nayose.undo')}
            </button>
          )}
        </p>
      )}
    </section>
  );
}
