import { useState } from 'react';
import { formatListNo } from '../../../../shared/contacts/list-numbers';
import type { ParsedList } from '../../../../shared/contacts/result-list';
import { type ReferenceSplit, splitByReference } from '../../../../shared/contacts/result-references';
import { dispatch } from '../../data/dispatch';
import { useT } from '../../i18n/i18n';
import type { OutcomePlan } from '../outcomes';
import { referenceBook } from '../reference-numbers';
import { outcomeSummary } from './outcome-summary';
import { useContacts } from './contacts-store';
import { namedDataset, useListName } from './list-name';

/** Lines listed before "and more". */
const LISTED = 30;

/**
 * A returned-mail list by reference number: previewed per list the numbers lead to (a
 * number of another list of the incident goes to that list), each applied as its own event
 * — so each is undone on its own in the applied lists below. Mistyped numbers are listed at
 * their line and column; numbers of a list not on this laptop are kept back and said so.
 */
export function ReturnedByReference({
  parsed,
  incidentId,
  chosen,
  reasonCode,
  listName: fileName,
  onApplied,
}: {
  parsed: ParsedList;
  incidentId: string;
  /** The list chosen on screen: the preview says when lines lead elsewhere. */
  chosen: string;
  reasonCode: (label: string) => string;
  listName: string | undefined;
  onApplied: () => void;
}) {
  const t = useT();
  const { engine, datasets } = useContacts();
  const nameOf = useListName();
  const [preview, setPreview] = useState<{ split: ReferenceSplit; plans: OutcomePlan[]; for: ParsedList } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!engine) return null;
  const nf = new Intl.NumberFormat();
  const shown = preview && preview.for === parsed ? preview : null;
  const spreadsheet = shown?.split.mistyped.filter((m) => m.problem === 'spreadsheet').length ?? 0;
  const leadingZero = shown?.split.mistyped.filter((m) => m.problem === 'leading-zero').length ?? 0;

  async function make() {
    setBusy(true);
    try {
      const split = splitByReference(parsed.items, await referenceBook(engine!.data, incidentId));
      const plans: OutcomePlan[] = [];
      for (const l of split.lists) {
        const items = l.items.map((i) => ({ row: i.row, outcome: 'failed' as const, reason: reasonCode(parsed.items[i.index]!.detail) }));
        const p = await engine!.previewOutcomes(l.datasetId, 'post', 'returned-mail', items);
        if (fileName) p.listName = fileName;
        p.listLines = items.length;
        plans.push(p);
      }
      setPreview({ split, plans, for: parsed });
    } finally {
      setBusy(false);
    }
  }

  async function apply(plans: OutcomePlan[]) {
    setBusy(true);
    try {
      for (const p of plans) await dispatch('contacts.record-outcomes', p);
      setPreview(null);
      onApplied();
    } finally {
      setBusy(false);
    }
  }

  const lines = (ls: number[]) => ls.slice(0, LISTED).join(', ') + (ls.length > LISTED ? ' …' : '');
  const listLabel = (datasetId: string, listNo: number) => {
    const d = datasets.find((x) => x.id === datasetId);
    return d ? nameOf(namedDataset(d)) : formatListNo(listNo);
  };

  return (
    <>
      <div className="actions">
        <button type="button" disabled={busy || parsed.items.length === 0 || parsed.problems.length > 0} onClick={() => void make()}>
          {t('contacts.results.preview')}
        </button>
      </div>
      {shown && (
        <div className="notice" role="status" data-by-reference>
          {shown.split.lists.some((l) => l.datasetId !== chosen) && <p className="hint">{t('contacts.results.byReference.otherList')}</p>}
          {shown.plans.map((plan, i) => {
            const l = shown.split.lists[i]!;
            return (
              <p key={l.datasetId} data-list-no={l.listNo}>
                <strong>{listLabel(l.datasetId, l.listNo)}</strong>{' '}
                {outcomeSummary(t, nf, plan.preview)}
              </p>
            );
          })}
          {shown.split.mistyped.length > 0 && (
            <p className="error" data-reference="mistyped">
              {t('contacts.results.byReference.mistyped', {
                count: nf.format(shown.split.mistyped.length),
                where: shown.split.mistyped
                  .slice(0, LISTED)
                  .map((m) => t('contacts.results.byReference.where', { line: m.line, column: m.column }))
                  .join(t.dict.facts.listSeparator),
              })}
              {spreadsheet > 0 && <> {t('contacts.results.byReference.spreadsheet', { count: nf.format(spreadsheet) })}</>}
              {leadingZero > 0 && <> {t('contacts.results.byReference.leadingZero', { count: nf.format(leadingZero) })}</>}
            </p>
          )}
          {shown.split.clashed.map((c) => (
            <p key={`clash-${c.listNo}`} className="error" data-reference="clash">
              {t('contacts.results.byReference.clash', { no: formatListNo(c.listNo), count: nf.format(c.lines.length), lines: lines(c.lines) })}
            </p>
          ))}
          {shown.split.notHere.map((n) => (
            <p key={n.listNo} className="error" data-reference="not-here">
              {t('contacts.results.byReference.notHere', { no: formatListNo(n.listNo), count: nf.format(n.lines.length), lines: lines(n.lines) })}
            </p>
          ))}
          {shown.split.unknown.length > 0 && (
            <p className="error" data-reference="unknown">
              {t('contacts.results.byReference.unknown', { count: nf.format(shown.split.unknown.length), lines: lines(shown.split.unknown.map((u) => u.line)) })}
            </p>
          )}
          {shown.plans.length > 0 ? (
            <button type="button" className="primary" disabled={busy} onClick={() => void apply(shown.plans)}>
              {t('contacts.results.apply')}
            </button>
          ) : (
            <p className="hint">{t('contacts.results.byReference.nothing')}</p>
          )}
        </div>
      )}
    </>
  );
}
