import { useState, type FormEvent } from 'react';
import { nextUpdateLate } from '../../../shared/incident/next-update';
import type { Statement } from '../../../shared/disclosure/statement-events';
import { useNow } from '../ui/use-now';
import type { Facts, Incident } from '../../../shared/incident/model';
import type { FactEdits } from '../../../shared/incident/overrides';
import type { Problem } from '../../../shared/events/command';
import { factConflicts, parseCountPair } from '../../../shared/incident/validate';
import { conflictText } from '../disclosure/labels';
import { useT } from '../i18n/i18n';
import { useFillRequestFocus } from '../outgoing/fill-request';
import { focusWhenShown } from '../ui/focus';
import { fromLocalInput, toLocalInput } from '../ui/format';
import { CommandRefused, dispatch } from '../data/dispatch';
import { ReadOnlyArea } from '../ui/read-only';
import { FactList } from './FactList';
import { FactOverrides } from './FactOverrides';
import { ItemsPicker } from './ItemsPicker';
import { problemText } from './problems';

type TextFact = 'services' | 'deskPhone' | 'deskHours' | 'otherItems';
const TEXT_FACTS: TextFact[] = ['services', 'otherItems', 'deskPhone', 'deskHours'];

/** The live facts in one place, and the form that changes them (each save is one event). */
export function FactsCard({ incident, factEdits, statements }: { incident: Incident; factEdits: FactEdits[]; statements: readonly Statement[] }) {
  const now = useNow();
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Facts>(incident.facts);
  const [counts, setCounts] = useState({ confirmedCount: '', maxCount: '' });
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saved, setSaved] = useState(false);
  // The stamps of the values on screen when the edit began: recorded with the change.
  const [startedFrom, setStartedFrom] = useState<Record<string, string>>({});
  const f = incident.facts;

  function startEdit() {
    setDraft(incident.facts);
    setCounts({ confirmedCount: f.confirmedCount?.toString() ?? '', maxCount: f.maxCount?.toString() ?? '' });
    setProblems([]);
    setSaved(false);
    setStartedFrom(incident.stamps);
    setEditing(true);
  }
  // The release gate's "fill it in now" lands here with the missing fact's field focused.
  useFillRequestFocus(editing, startEdit);

  async function save(e: FormEvent) {
    e.preventDefault();
    const parsed = parseCountPair(counts);
    if (!parsed.ok) return setProblems(parsed.problems);
    const next: Facts = { ...draft, confirmedCount: parsed.confirmedCount, maxCount: parsed.maxCount };
    if (next.confirmedCount !== null && next.maxCount !== null && next.maxCount < next.confirmedCount) {
      return setProblems([{ field: 'maxCount', reason: 'max-below-confirmed' }]);
    }
    // Only what changed becomes the event: the timeline then says exactly what moved.
    const changes = Object.fromEntries(
      Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(f[k as keyof Facts])),
    ) as Partial<Facts>;
    try {
      if (Object.keys(changes).length > 0) await dispatch('incident.change-facts', { incidentId: incident.id, changes, startedFrom });
      setEditing(false);
      setSaved(true);
      // Back to the button that opened the form, beside the "updated" status.
      focusWhenShown('#facts-edit');
    } catch (err) {
      if (err instanceof CommandRefused) setProblems(err.problems);
      else throw err;
    }
  }

  if (!editing) {
    return (
      <section className="card" aria-labelledby="facts-title">
        <h2 id="facts-title">{t('facts.title')}</h2>
        <p className="hint">{t('facts.lead')}</p>
        <FactOverrides incident={incident} factEdits={factEdits} />
        {/* Counts each laptop saved as valid can cross once merged: said here until one is corrected. */}
        {factConflicts(f).map((c) => (
          <p key={c.reason} className="notice" role="status" data-facts-check={c.reason}>
            {conflictText(t, c)}
          </p>
        ))}
        <FactList
          facts={f}
          keys={['confirmedCount', 'maxCount', 'itemsLeaked', 'itemsNotLeaked', ...TEXT_FACTS, 'discoveredAt', 'occurredAt', 'nextUpdateAt']}
          updateLate={nextUpdateLate(incident, statements, now)}
        />
        <ReadOnlyArea>
          <div className="actions">
            <button
              type="button"
              id="facts-edit"
              onClick={() => {
                startEdit();
                // The keyboard lands in the form it opened, not at the top of the page.
                focusWhenShown('#fact-confirmedCount');
              }}
            >
              {t('facts.edit')}
            </button>
            {saved && <span role="status">{t('facts.saved')}</span>}
          </div>
        </ReadOnlyArea>
      </section>
    );
  }

  // Counts as typed that cross (a confirmed count over the maximum): said as they are typed, before saving refuses them.
  const typed = parseCountPair(counts);
  const crossedAsTyped = typed.ok && factConflicts(typed).length > 0 && !problems.some((p) => p.reason === 'max-below-confirmed');

  return (
    <form className="card" aria-labelledby="facts-title" onSubmit={save} autoComplete="off" noValidate>
      <h2 id="facts-title">{t('facts.edit')}</h2>
      <div className="grid2">
        {(['confirmedCount', 'maxCount'] as const).map((k) => (
          <div key={k}>
            <label htmlFor={`fact-${k}`}>{t(`facts.${k}`)}</label>
            <input id={`fact-${k}`} inputMode="numeric" autoComplete="off" value={counts[k]} onChange={(e) => setCounts((c) => ({ ...c, [k]: e.target.value }))} />
          </div>
        ))}
        {TEXT_FACTS.map((k) => (
          <div key={k}>
            <label htmlFor={`fact-${k}`}>{t(`facts.${k}`)}</label>
            <input id={`fact-${k}`} autoComplete="off" value={draft[k]} onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.value }))} />
          </div>
        ))}
        {(['discoveredAt', 'occurredAt', 'nextUpdateAt'] as const).map((k) => (
          <div key={k}>
            <label htmlFor={`fact-${k}`}>{t(`facts.${k}`)}</label>
            <input
              id={`fact-${k}`}
              type="datetime-local"
              autoComplete="off"
              value={toLocalInput(draft[k])}
              onChange={(e) => setDraft((d) => ({ ...d, [k]: fromLocalInput(e.target.value) }))}
            />
          </div>
        ))}
      </div>
      {crossedAsTyped && (
        <p className="notice" role="status" data-counts-check="crossed">
          {problemText(t, { field: 'maxCount', reason: 'max-below-confirmed' }, (field) => (t.dict.facts as Record<string, string>)[field] ?? field)}
        </p>
      )}
      <ItemsPicker legend={t('facts.itemsLeaked')} name="fact-leaked" value={draft.itemsLeaked} onChange={(v) => setDraft((d) => ({ ...d, itemsLeaked: v }))} />
      <ItemsPicker
        legend={t('facts.itemsNotLeaked')}
        name="fact-not-leaked"
        value={draft.itemsNotLeaked}
        onChange={(v) => setDraft((d) => ({ ...d, itemsNotLeaked: v }))}
      />
      {problems.length > 0 && (
        <ul role="alert" className="error">
          {problems.map((p) => (
            <li key={p.field + p.reason}>{problemText(t, p, (field) => (t.dict.facts as Record<string, string>)[field] ?? field)}</li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="submit" className="primary">
          {t('facts.save')}
        </button>
        <button
          type="button"
          onClick={() => {
            setEditing(false);
            focusWhenShown('#facts-edit');
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
