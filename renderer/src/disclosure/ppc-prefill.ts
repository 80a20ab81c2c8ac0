/**
 * What the app already knows for the PPC draft's texts: who found it (the first report),
 * the course of events and the cause (the reports), secondary harm (the items and the card
 * company contacts), notices and their reach (the notices and the contact tracker),
 * publication (the statements and the decision) and the recurrence plan. The team edits
 * from there; until someone does, the draft follows these as they change.
 */
import type { Totals } from '../../../shared/contacts/fallback';
import type { PpcPrefill } from '../../../shared/disclosure/ppc-report';
import { latestInForce } from '../../../shared/disclosure/doc-versions';
import type { DataItem } from '../../../shared/incident/model';
import { preventionPointsFor } from '../../../shared/incident/closing';
import type { OpenIncident } from '../incidents/open-incident';
import { formatCount, formatTokyoDateTime, hlcIso } from '../ui/format';
import type { T } from './doc-lang';

type Data = Pick<OpenIncident, 'incident' | 'reports' | 'statements' | 'disclosure' | 'notices' | 'contactsLog'>;

const HARM_ITEMS = ['creditCard', 'bankAccount', 'email', 'phone', 'address'] as const satisfies readonly DataItem[];

const lines = (...parts: string[]) => parts.map((p) => p.trim()).filter((p) => p !== '').join('\n');

function latestField(data: Data, key: 'cause' | 'rootCause' | 'what' | 'how'): string {
  return [...data.reports].reverse().find((r) => r.fields[key].trim() !== '')?.fields[key].trim() ?? '';
}

export function ppcPrefill(t: T, data: Data, totals: readonly Totals[]): PpcPrefill {
  const p = t.dict.ppc.prefill;
  const fill = (template: string, params: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (m, k: string) => String(params[k] ?? m));
  const first = data.reports.find((r) => r.number === 1)?.fields;
  // Tokyo time, as the report's other times are, on a laptop set to any zone.
  const at = (iso: string | null) => formatTokyoDateTime(iso, t.lang);
  const count = (n: number) => formatCount(n, t.lang) ?? String(n);

  const discovery = lines(
    first?.foundWhere.trim() ? fill(p.foundWhere, { where: first.foundWhere.trim() }) : '',
    first?.actionsSoFar.trim() ? fill(p.actionsSoFar, { actions: first.actionsSoFar.trim() }) : '',
  );
  const course = lines(data.incident.summary, latestField(data, 'what'), latestField(data, 'how'));
  const rootCause = latestField(data, 'rootCause');
  const cause = lines(latestField(data, 'cause'), rootCause ? fill(p.rootCause, { text: rootCause }) : '');

  const items = data.incident.facts.itemsLeaked;
  const cardContacts = data.contactsLog.filter((c) => c.party === 'card-company');
  const secondaryHarm = lines(
    ...HARM_ITEMS.filter((i) => items.includes(i)).map((i) => p.harm[i]),
    // Never an empty "（）": a contact whose name was not written says only that it happened.
    ...[...cardContacts].reverse().map((c) => (c.who.trim() ? fill(p.cardCompany, { at: at(c.when), who: c.who.trim() }) : fill(p.cardCompanyNoName, { at: at(c.when) }))),
  );

  const notice = latestInForce(data.notices);
  const sum = (pick: (x: Totals) => number) => totals.reduce((n, x) => n + pick(x), 0);
  const rows = sum((x) => x.rows);
  const individualResponse = lines(
    notice ? fill(p.notice, { v: notice.version, state: t(`statements.states.${notice.state}`), at: at(hlcIso(notice.publishedAt ?? notice.approvedAt!)) }) : '',
    rows > 0
      ? fill(p.reach, {
          rows: count(rows),
          reached: count(sum((x) => x.byPhase.reached)),
          covered: count(sum((x) => x.byPhase.covered)),
          inProgress: count(sum((x) => x.byPhase['in-progress'])),
          pending: count(sum((x) => x.byPhase.pending)),
        })
      : notice
        ? p.noReach
        : '',
  );

  const decision = data.disclosure?.decision ?? null;
  const channels = (decision?.channels ?? []).map((c) => t(`decisionForm.channelNames.${c}`)).join(t.dict.facts.listSeparator) || p.channelsNotEntered;
  const published = data.statements.filter((s) => s.state === 'published');
  const name = (v: number) => t('statements.versionName', { version: t('statements.version', { v }), kind: v === 1 ? t('statements.first') : t('statements.followUp', { n: v - 1 }) });
  const publication =
    published.length > 0
      ? lines(...published.map((s) => fill(p.published, { at: at(hlcIso(s.publishedAt!)), name: name(s.version), channels })))
      : decision === null
        ? ''
        : decision.publish && decision.timing.plannedAt
          ? fill(p.planned, { at: at(decision.timing.plannedAt), channels })
          : fill(p.notPublished, { decision: decision.publish ? t('decisionForm.publish') : t('decisionForm.notPublish') });

  const saved = data.incident.closing?.prevention ?? {};
  const { points, extra } = preventionPointsFor(data.incident.scenario, saved);
  const prevention = lines(
    ...[...points, ...extra]
      .filter((k) => (saved[k]?.measures ?? '').trim() !== '')
      .map((k) => fill(p.preventionLine, { point: t(`recurrence.points.${k}`), measures: saved[k]!.measures.trim() }) + (saved[k]!.owner.trim() ? fill(p.preventionOwner, { owner: saved[k]!.owner.trim() }) : '')),
  );

  return { foundBy: first?.foundBy.trim() ?? '', discovery, course, cause, secondaryHarm, individualResponse, publication, prevention };
}
