import { useMemo, useState } from 'react';
import { newToday, unanswered, type Group } from '../../../shared/faq/grouping';
import { answeredEnquiryIds, latestVersion } from '../../../shared/faq/model';
import { useT } from '../i18n/i18n';
import type { OpenIncident } from '../incidents/open-incident';
import { useEnquiryGroups } from './enquiry-groups';
import { dispatch, problemsOf } from '../data/dispatch';
import type { NewEntryPrefill } from './FaqEntries';

const VIEWS = ['unanswered', 'newToday', 'all'] as const;
const NO_GROUPS: Group[] = [];

/** Similar questions grouped; a group becomes an FAQ entry or joins an existing one. */
export function GroupsPanel({ data, onNewEntry }: { data: OpenIncident; onNewEntry: (prefill: NewEntryPrefill) => void }) {
  const t = useT();
  const [view, setView] = useState<(typeof VIEWS)[number]>('unanswered');
  const items = useMemo(() => data.enquiries.map((e) => ({ id: e.id, text: e.question, at: e.at, category: e.category })), [data.enquiries]);
  // Grouped off the page's thread and kept for the session; a new enquiry joins its group
  // without regrouping the whole log.
  const grouping = useEnquiryGroups(data.incident.id, items);
  const groups = grouping.groups ?? NO_GROUPS;
  const questions = useMemo(() => new Map(items.map((i) => [i.id, i.text])), [items]);
  const answered = answeredEnquiryIds(data.faq, data.enquiries);
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
            <Members ids={g.memberIds} questions={questions} />
            {data.faq.length > 0 && <AttachForm data={data} group={g} questions={questions} />}
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
 * whole makes the page tens of thousands of pixels long).
 */
function Members({ ids, questions }: { ids: readonly string[]; questions: Map<string, string> }) {
  const t = useT();
  const [all, setAll] = useState(false);
  const listed = all ? ids : ids.slice(0, MEMBERS_SHOWN);
  const rest = ids.length - MEMBERS_SHOWN;
  return (
    <>
      <ul className="members">
        {listed.map((id) => (
          <li key={id}>{questions.get(id)}</li>
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

function AttachForm({ data, group, questions }: { data: OpenIncident; group: Group; questions: Map<string, string> }) {
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
          if (entry) void problemsOf(dispatch('faq.attach-group', { entryId: entry.id, group, questions }));
        }}
      >
        {t('faq.groups.attach')}
      </button>
    </div>
  );
}
