import { useEffect, useMemo, useRef, useState } from 'react';
import type { Problem } from '../../../shared/events/command';
import { newToday, unanswered, type Group } from '../../../shared/faq/grouping';
import { NEW_GROUP, type Moves } from '../../../shared/faq/moved-groups';
import { answeredEnquiryIds, awayBy } from '../../../shared/faq/answered';
import { latestVersion } from '../../../shared/faq/model';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { useIncidentGroups } from './enquiry-groups';
import { dispatch, problemsOf } from '../data/dispatch';
import type { NewEntryPrefill } from './FaqEntries';
import { ProblemList } from './ProblemList';

const VIEWS = ['unanswered', 'newToday', 'all'] as const;
const NO_GROUPS: Group[] = [];

/** Similar questions grouped; a group becomes an FAQ entry or joins an existing one. */
export function GroupsPanel({ data, onNewEntry }: { data: OpenIncident; onNewEntry: (prefill: NewEntryPrefill) => void }) {
  const t = useT();
  const [view, setView] = useState<(typeof VIEWS)[number]>('unanswered');
  /** What the last move did, said where a screen reader hears it. */
  const [moved, setMoved] = useState<string | null>(null);
  // Grouped off the page's thread and kept for the session; a new enquiry joins its group
  // without regrouping the whole log. Questions people moved stay where they were put.
  const grouping = useIncidentGroups(data.incident.id, data.enquiries);
  const { items } = grouping;
  const groups = grouping.groups ?? NO_GROUPS;
  const questions = useMemo(() => new Map(items.map((i) => [i.id, i.text])), [items]);
  // Where each question is, from the moves the grouping already read of the same log (read once per change).
  const away = useMemo(() => awayBy(grouping.moves, data.enquiries), [grouping.moves, data.enquiries]);
  const answered = useMemo(() => answeredEnquiryIds(data.faq, data.enquiries, away), [data.faq, data.enquiries, away]);
  const dayStart = new Date(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Tokyo' }) + 'T00:00:00+09:00').getTime();
  const shown: Group[] =
    view === 'unanswered' ? unanswered(groups, answered) : view === 'newToday' ? newToday(groups, items, dayStart).map((g) => g.group) : groups;

  // The group's questions become the entry's variants and its enquiries count as answered.
  function toFaq(g: Group) {
    const variants = [...new Set(g.memberIds.map((id) => questions.get(id) ?? ''))].filter((q) => q !== '' && q !== g.label);
    onNewEntry({ question: g.label, variants, enquiryIds: g.memberIds });
  }

  return (
    <section className="card" aria-labelledby="gr-title">
      <h2 id="gr-title">{t('faq.groups.title')}</h2>
      <p className="hint">{t('faq.groups.lead')}</p>
      {grouping.failed ? (
        <p className="meta" role="status">
          {t('faq.groups.failed')}
        </p>
      ) : grouping.groups === null ? (
        <p className="meta" role="status">
          {grouping.progress ? t('faq.groups.groupingProgress', { percent: Math.floor((100 * grouping.progress.done) / Math.max(1, grouping.progress.total)) }) : t('faq.groups.grouping')}
        </p>
      ) : (
        grouping.dictionary === 'failed' && <p className="meta">{t('faq.groups.dictFailed')}</p>
      )}
      <div className="subnav" role="group" aria-label={t('faq.groups.title')}>
        {VIEWS.map((v) => (
          <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
            {t(`faq.groups.${v}`)}
          </button>
        ))}
      </div>
      {moved && (
        <p className="meta" role="status">
          {moved}
        </p>
      )}
      {grouping.groups !== null && !grouping.failed && shown.length === 0 && <p className="hint">{t('faq.groups.none')}</p>}
      <ul className="groups" aria-busy={grouping.busy}>
        {shown.map((g) => (
          <li key={g.id} className="group" aria-label={t('faq.groups.groupLabel', { label: g.label })}>
            <div className="board-head">
              <h3>{g.label}</h3>
              <span className="badge">{t('faq.groups.members', { n: g.memberIds.length })}</span>
              <span className="meta">{g.terms.join(' · ')}</span>
              <span className="spacer" />
              <button type="button" className="primary" onClick={() => toFaq(g)} aria-label={`${t('faq.groups.toFaq')}: ${g.label}`}>
                {t('faq.groups.toFaq')}
              </button>
            </div>
            <Members group={g} groups={groups} moves={grouping.moves} homeOf={grouping.homeOf} questions={questions} items={items} onMoved={setMoved} />
            {data.faq.length > 0 && <AttachForm data={data} group={g} questions={questions} away={away} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** How many of a group's questions are listed before "show the other N". */
export const MEMBERS_SHOWN = 20;

/**
 * A group's questions: the first few, the rest one press away (a group of hundreds listed
 * whole makes the page tens of thousands of pixels long). Each can be moved to another group;
 * the keyboard's place is kept when the move form opens and closes.
 */
function Members({
  group,
  groups,
  moves,
  homeOf,
  questions,
  items,
  onMoved,
}: {
  group: Group;
  groups: readonly Group[];
  moves: Moves;
  homeOf: (id: string) => string | undefined;
  questions: Map<string, string>;
  items: readonly { id: string; text: string }[];
  onMoved: (said: string) => void;
}) {
  const t = useT();
  const [all, setAll] = useState(false);
  const [moving, setMoving] = useState<string | null>(null);
  const [closed, setClosed] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const list = useRef<HTMLUListElement>(null);
  const ids = group.memberIds;
  const listed = all ? ids : ids.slice(0, MEMBERS_SHOWN);
  const rest = ids.length - MEMBERS_SHOWN;
  // Back to the question's 移す button; to the list when the question has left this group.
  useEffect(() => {
    if (closed === null) return;
    (buttons.current.get(closed) ?? list.current)?.focus();
    setClosed(null);
  }, [closed]);
  const close = (id: string) => {
    setMoving(null);
    setClosed(id);
  };
  return (
    <>
      <ul className="members" ref={list} tabIndex={-1} aria-label={t('faq.groups.questionsOf', { label: group.label })}>
        {listed.map((id) => (
          <li key={id}>
            <span className="question">{questions.get(id)}</span>
            {moves.movedByHand(id) && <span className="moved-tag">{t('faq.groups.moved')}</span>}
            {moves.followsWords(id) && <span className="moved-tag">{t('faq.groups.followed')}</span>}
            {moving !== id && (
              <button
                type="button"
                className="link"
                ref={(el) => {
                  if (el) buttons.current.set(id, el);
                  else buttons.current.delete(id);
                }}
                aria-label={`${t('faq.groups.move')}: ${questions.get(id) ?? ''}`}
                onClick={() => setMoving(id)}
              >
                {t('faq.groups.move')}
              </button>
            )}
            {moving === id && (
              <MoveForm
                id={id}
                from={group}
                groups={groups}
                moves={moves}
                home={homeOf(id)}
                question={questions.get(id) ?? ''}
                items={items}
                homeOf={homeOf}
                sameWords={moves.sameWordsAs(id, items)}
                onDone={(said) => {
                  close(id);
                  if (said) onMoved(said);
                }}
              />
            )}
          </li>
        ))}
      </ul>
      {rest > 0 && (
        <button type="button" className="link" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? t('faq.groups.fewerMembers', { n: MEMBERS_SHOWN }) : t('faq.groups.moreMembers', { n: rest })}
        </button>
      )}
    </>
  );
}

const OWN_GROUP = 'own';
const AUTOMATIC = 'automatic';

/**
 * Where to move one question: another group, a group of its own, or back where the grouping
 * puts it. A group chosen that is gone by the time 移す is pressed (another move, another
 * laptop's) is said, never replaced by another destination.
 */
function MoveForm({
  id,
  from,
  groups,
  moves,
  home,
  question,
  items,
  homeOf,
  sameWords,
  onDone,
}: {
  id: string;
  from: Group;
  groups: readonly Group[];
  moves: Moves;
  /** The group the grouping itself puts the question in: moving it there is putting it back. */
  home: string | undefined;
  question: string;
  /** Every question, and the group the grouping puts each in: those of this one's words the move does not take away are kept. */
  items: readonly { id: string; text: string }[];
  homeOf: (id: string) => string | undefined;
  sameWords: number;
  onDone: (said?: string) => void;
}) {
  const t = useT();
  const others = groups.filter((g) => g.id !== from.id);
  const [choice, setChoice] = useState(others[0]?.id ?? OWN_GROUP);
  const [problems, setProblems] = useState<Problem[]>([]);
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => select.current?.focus(), []);
  const movedBack = moves.movedByHand(id) || moves.followsWords(id);
  const target = others.find((g) => g.id === choice);
  const valid = target !== undefined || choice === OWN_GROUP || (choice === AUTOMATIC && movedBack);
  const field = `move-${id}`;
  async function move() {
    if (!valid) return setProblems([{ field: 'groupWith', reason: 'gone' }]);
    const groupWith = choice === AUTOMATIC || (target !== undefined && target.id === home) ? null : target ? moves.anchorFor(target, id) : NEW_GROUP;
    // Questions of its words at home in that group, or already moved there, are not taken away by this move.
    const kept = groupWith !== null && target ? moves.keptBy(target, id, items, homeOf) : [];
    const found = await problemsOf(dispatch('faq.regroup-enquiry', { enquiryId: id, groupWith, kept }));
    setProblems(found);
    const where = choice === AUTOMATIC || groupWith === null ? t('faq.groups.movedBack') : target ? target.label : t('faq.groups.movedToNew');
    if (found.length === 0) onDone(t('faq.groups.movedSaid', { question, where }));
  }
  return (
    <div className="inline-form" role="group" aria-label={`${t('faq.groups.move')}: ${question}`}>
      <label htmlFor={field}>{t('faq.groups.moveTo')}</label>
      <select id={field} ref={select} value={valid ? choice : ''} onChange={(e) => setChoice(e.target.value)}>
        {!valid && (
          <option value="" disabled>
            {t('faq.groups.chooseAgain')}
          </option>
        )}
        {others.map((g) => (
          <option key={g.id} value={g.id}>
            {t('faq.groups.moveOption', { label: g.label, n: g.memberIds.length })}
          </option>
        ))}
        <option value={OWN_GROUP}>{t('faq.groups.ownGroup')}</option>
        {movedBack && <option value={AUTOMATIC}>{t('faq.groups.automatic')}</option>}
      </select>
      <button type="button" className="primary" onClick={() => void move()}>
        {t('faq.groups.moveDo')}
      </button>
      <button type="button" onClick={() => onDone()}>
        {t('faq.groups.moveCancel')}
      </button>
      {sameWords > 0 && <p className="hint">{t('faq.groups.sameWords', { n: sameWords })}</p>}
      <ProblemList problems={problems} />
    </div>
  );
}

function AttachForm({ data, group, questions, away }: { data: OpenIncident; group: Group; questions: Map<string, string>; away: ReadonlyMap<string, string> }) {
  const t = useT();
  const [entryId, setEntryId] = useState(data.faq[0]?.id ?? '');
  const id = `attach-${group.id}`;
  return (
    <div className="inline-form">
      <label htmlFor={id}>{t('faq.groups.chooseEntry')}</label>
      <select id={id} value={entryId} onChange={(e) => setEntryId(e.target.value)}>
        {data.faq.map((e) => (
          <option key={e.id} value={e.id}>
            {latestVersion(e)?.question}
          </option>
        ))}
      </select>
      <button
        type="button"
        aria-label={`${t('faq.groups.attachTo')}: ${group.label}`}
        onClick={() => {
          const entry = data.faq.find((e) => e.id === entryId);
          // Nothing new to attach is not an error worth a message here.
          // Where each question is now goes with it, from the log as this screen has it (no second read of it).
          if (entry) void problemsOf(dispatch('faq.attach-group', { entryId: entry.id, group, questions, away }));
        }}
      >
        {t('faq.groups.attach')}
      </button>
    </div>
  );
}
