/**
 * The closing report (DOMAIN.md part 6), drawn from the incident record, its disclosure
 * record and its timeline: one document, printed by the print view and saved as Markdown.
 */
import { PHASES } from '../../../shared/boards/model';
import { documentMarkdown, type Block, type DocumentModel } from '../../../shared/disclosure/document';
import type { VersionedDoc } from '../../../shared/disclosure/doc-versions';
import { contactsTimeline } from '../../../shared/disclosure/regulator';
import type { DataItem } from '../../../shared/incident/model';
import { preventionPointsFor } from '../../../shared/incident/closing';
import type { useT } from '../i18n/i18n';
import { formatCount, formatDateTime, hlcIso } from '../ui/format';
import { decisionWhat } from './decision-words';
import { itemsText } from './items-text';
import type { TimelineEntry } from './timeline';
import type { OpenIncident } from './open-incident';

type T = ReturnType<typeof useT>;

function disclosureBlocks(t: T, data: OpenIncident, actorName: (id: string) => string): Block[] {
  const at = (iso: string | null) => formatDateTime(iso, t.lang);
  const none = t('closing.none');
  const blocks: Block[] = [{ kind: 'heading', text: t('closingDoc.disclosure') }];
  const decision = data.disclosure?.decision ?? null;
  blocks.push({
    kind: 'fields',
    rows: [
      {
        label: t('closingDoc.decision'),
        value: decision
          ? t('closingDoc.decisionLine', { decision: decision.publish ? t('decisionForm.publish') : t('decisionForm.notPublish'), by: decision.decidedBy, at: at(hlcIso(decision.at)), why: decision.why })
          : none,
      },
    ],
  });
  const filings = data.disclosure?.filings ?? [];
  blocks.push({ kind: 'heading', level: 3, text: t('closingDoc.filings') });
  blocks.push(
    filings.length === 0
      ? { kind: 'paragraph', text: none }
      : {
          kind: 'table',
          header: [t('closingDoc.filingColumns.kind'), t('closingDoc.filingColumns.filedAt'), t('closingDoc.filingColumns.reference'), t('closingDoc.filingColumns.recordedBy')],
          rows: filings.map((f) => [t(`closingDoc.filingKinds.${f.kind}`), at(f.filedAt), f.reference || '—', actorName(f.recordedBy)]),
        },
  );
  const docTable = (title: string, docs: readonly VersionedDoc[]) => {
    blocks.push({ kind: 'heading', level: 3, text: title });
    const c = t.dict.closingDoc.docColumns;
    blocks.push(
      docs.length === 0
        ? { kind: 'paragraph', text: none }
        : {
            kind: 'table',
            header: [c.version, c.state, c.approvedBy, c.approvedAt, c.publishedAt],
            rows: docs.map((d) => [
              t('statements.version', { v: d.version }),
              t(`statements.states.${d.state}`),
              d.approverId ? actorName(d.approverId) : (d.approvedBy ?? '—'),
              d.approvedAt ? at(hlcIso(d.approvedAt)) : '—',
              d.publishedAt ? at(hlcIso(d.publishedAt)) : '—',
            ]),
          },
    );
  };
  docTable(t('closingDoc.statements'), data.statements);
  docTable(t('closingDoc.notices'), data.notices);
  const contacts = contactsTimeline(data.contactsLog, data.incident.id);
  blocks.push({ kind: 'heading', level: 3, text: t('closingDoc.contacts') });
  const cc = t.dict.closingDoc.contactColumns;
  blocks.push(
    contacts.length === 0
      ? { kind: 'paragraph', text: none }
      : { kind: 'table', header: [cc.when, cc.party, cc.who, cc.notes], rows: contacts.map((c) => [at(c.when), t(`contactsLog.parties.${c.party}`), c.who, c.notes]) },
  );
  return blocks;
}

export function closingReportDocument(t: T, data: OpenIncident, entries: TimelineEntry[], actorName: (id: string) => string, now = Date.now()): DocumentModel {
  const { incident } = data;
  const f = incident.facts;
  const unknown = t('facts.unknown');
  const items = (list: readonly DataItem[]) => itemsText(t, list);
  const none = t('closing.none');
  const blocks: Block[] = [];

  blocks.push({ kind: 'heading', text: t('closing.sections.facts') });
  blocks.push({
    kind: 'fields',
    rows: [
      { label: t('facts.discoveredAt'), value: formatDateTime(f.discoveredAt, t.lang) || unknown },
      { label: t('facts.occurredAt'), value: formatDateTime(f.occurredAt, t.lang) || unknown },
      { label: t('details.completedAt'), value: formatDateTime(incident.completedAt, t.lang) || unknown },
      { label: t('facts.confirmedCount'), value: formatCount(f.confirmedCount, t.lang) ?? unknown },
      { label: t('facts.maxCount'), value: formatCount(f.maxCount, t.lang) ?? unknown },
      { label: t('facts.itemsLeaked'), value: items(f.itemsLeaked) },
      { label: t('facts.itemsNotLeaked'), value: items(f.itemsNotLeaked) },
      { label: t('facts.services'), value: f.services || unknown },
      { label: t('details.summary'), value: incident.summary || unknown },
    ],
  });

  blocks.push({ kind: 'heading', text: t('closing.sections.reports') });
  blocks.push({
    kind: 'list',
    items: data.reports.map((r) => {
      const details = (['cause', 'rootCause', 'scope', 'actionsSoFar'] as const).filter((k) => r.fields[k]).map((k) => `${t(`reports.field.${k}`)}: ${r.fields[k]}`);
      return [`${t('reports.nth', { n: r.number })} — ${formatDateTime(hlcIso(r.at), t.lang)} (${actorName(r.actor)})`, ...details].join('\n');
    }),
  });

  blocks.push({ kind: 'heading', text: t('closing.sections.decisions') });
  blocks.push(
    data.decisions.length === 0
      ? { kind: 'paragraph', text: none }
      : { kind: 'list', items: [...data.decisions].reverse().map((d) => `${formatDateTime(hlcIso(d.at), t.lang)} ${decisionWhat(t, d)} (${d.decidedBy}) — ${d.why}`) },
  );

  blocks.push(...disclosureBlocks(t, data, actorName));

  blocks.push({ kind: 'heading', text: t('closing.sections.progress') });
  blocks.push({
    kind: 'table',
    header: [t('board.phases'), t('sitrep.progress')],
    rows: PHASES.map((p) => {
      const tasks = data.tasks.filter((x) => x.phase === p);
      return [t(`roles.${p}`), t('board.taskCount', { done: tasks.filter((x) => x.status === 'done').length, total: tasks.length })];
    }),
  });

  const prevention = incident.closing?.prevention ?? {};
  const { points, extra } = preventionPointsFor(incident.scenario, prevention);
  blocks.push({ kind: 'heading', text: t('recurrence.title') });
  blocks.push({
    kind: 'table',
    header: ['', t('closing.measures'), t('closing.owner'), t('closing.due')],
    rows: [...points, ...extra].map((p, i) => [
      t('recurrence.pointTitle', { n: i + 1, point: t(`recurrence.points.${p}`) }),
      prevention[p]?.measures ?? '',
      prevention[p]?.owner ?? '',
      formatDateTime(prevention[p]?.dueAt ?? null, t.lang),
    ]),
  });

  blocks.push({ kind: 'heading', text: t('closing.sections.pdca') });
  const pdca = incident.closing?.pdca ?? [];
  blocks.push(
    pdca.length === 0 ? { kind: 'paragraph', text: none } : { kind: 'list', items: pdca.map((p) => `${t(`closing.stages.${p.stage}`)}: ${p.text} (${p.reportedBy} → ${p.reportedTo})`) },
  );

  blocks.push({ kind: 'heading', text: t('closing.sections.timeline') });
  blocks.push({
    kind: 'table',
    header: [t('timeline.columns.at'), t('timeline.columns.actor'), t('timeline.columns.summary')],
    rows: entries.map((e) => [formatDateTime(e.at, t.lang), e.actor, e.summary]),
  });

  return {
    lang: t.lang,
    date: t('closingDoc.generated', { at: formatDateTime(new Date(now).toISOString(), t.lang) }),
    to: [],
    from: data.company ? [data.company.name] : [],
    title: t('closing.reportTitle', { title: incident.title }),
    draftMark: null,
    blocks,
    closing: null,
  };
}

export function closingReportMarkdown(t: T, data: OpenIncident, entries: TimelineEntry[], actorName: (id: string) => string): string {
  return documentMarkdown(closingReportDocument(t, data, entries, actorName));
}
