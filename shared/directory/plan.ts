/**
 * From the contact list and its call trees to the plan the alerting carries out
 * (shared/alerts/plan.ts EscalationPlan), for one incident's scenario and severity at one
 * instant. Pure: the same list, trees and instant give the same plan on every laptop.
 */
import type { AlertRecipient, EscalationPlan, EscalationStep, Severity } from '../alerts/plan';
import { reachableAt } from './hours';
import { MAX_STEP_PEOPLE, type CallTree, type DirectoryPerson } from './model';
import { isLive, type PersonRow, type TreeRow } from './projections';

export interface PlanQuery {
  scenario: string | null;
  severity: Severity | null;
  /** The instant (ms since the epoch) whose hours decide who stands in for whom. */
  at: number;
}

/**
 * The most specific tree that fits: scenario and severity both named and matching, then the
 * scenario alone, then the severity alone, then a tree for any incident. A tree naming a
 * different scenario or severity never fits. Ties (two trees equally specific) go to the
 * earliest saved, then the id, so every laptop picks the same one.
 */
export function chooseTree(trees: readonly (CallTree | TreeRow)[], q: Pick<PlanQuery, 'scenario' | 'severity'>): CallTree | null {
  let best: { tree: CallTree; score: number } | null = null;
  for (const tree of trees) {
    // A tree removed from the list never fires, whichever table or screen the rows came from.
    if (!isLive(tree)) continue;
    if (tree.scenario !== null && tree.scenario !== q.scenario) continue;
    if (tree.severity !== null && tree.severity !== q.severity) continue;
    const score = (tree.scenario !== null ? 2 : 0) + (tree.severity !== null ? 1 : 0);
    if (!best || score > best.score || (score === best.score && (tree.updatedAt < best.tree.updatedAt || (tree.updatedAt === best.tree.updatedAt && tree.id < best.tree.id)))) {
      best = { tree, score };
    }
  }
  return best?.tree ?? null;
}

function recipient(p: DirectoryPerson, deputyOf?: string): AlertRecipient {
  return { personId: p.id, name: p.name, emails: p.emails, phones: p.phones, ...(deputyOf ? { deputyOf } : {}) };
}

/**
 * The first person along the deputy chain who is within hours at `at`. A chain that comes
 * back on itself (A → B → A) or reaches a deleted person stops there: nobody in hours.
 */
export function deputyInHours(people: ReadonlyMap<string, DirectoryPerson>, person: DirectoryPerson, at: number): DirectoryPerson | null {
  const seen = new Set([person.id]);
  let next = person.deputyId ? people.get(person.deputyId) : undefined;
  while (next && !seen.has(next.id)) {
    if (reachableAt(next.hours, at)) return next;
    seen.add(next.id);
    next = next.deputyId ? people.get(next.deputyId) : undefined;
  }
  return null;
}

/**
 * The escalation plan, or null when no tree fits. For each step: each person of the list
 * (a person deleted since the tree was saved is left out); a person out of hours is alerted
 * all the same (an executive must be reachable at night) together with the first deputy
 * along their chain who is in hours. A person is alerted once per step. A step left with
 * nobody is dropped, so its wait does not delay the next one.
 */
/**
 * The severity a call tree is chosen by. A first report nobody has judged yet (one filed from
 * the report page, or in a hurry) counts as 高: bad news travels fast, and a tree for severe
 * incidents must not stay silent because the field was left empty.
 */
export function alertSeverity(severity: Severity | null | undefined): Severity {
  return severity ?? 'high';
}

/** The people a step names, then the deputies of those out of hours: someone named in the step is alerted as themselves. */
function recipientsOf(named: readonly DirectoryPerson[], people: ReadonlyMap<string, DirectoryPerson>, at: number, added = new Set<string>()): AlertRecipient[] {
  const recipients: AlertRecipient[] = [];
  const add = (r: AlertRecipient) => {
    if (added.has(r.personId)) return;
    added.add(r.personId);
    recipients.push(r);
  };
  for (const person of named) add(recipient(person));
  for (const person of named) {
    if (reachableAt(person.hours, at)) continue;
    const deputy = deputyInHours(people, person, at);
    if (deputy) add(recipient(deputy, person.id));
  }
  return recipients;
}

export function planFor(directory: readonly (DirectoryPerson | PersonRow)[], trees: readonly (CallTree | TreeRow)[], q: PlanQuery): EscalationPlan | null {
  const tree = chooseTree(trees, q);
  if (!tree) return null;
  // A person removed from the list is nobody to alert, as a step or as a deputy, even when the
  // rows are the table's own (which keeps removals as marks).
  const people = new Map(directory.filter((p) => isLive(p)).map((p) => [p.id, p]));
  const steps: EscalationStep[] = [];
  for (const step of tree.steps) {
    const named = step.personIds.flatMap((id) => people.get(id) ?? []);
    // A step saved before the cap of MAX_STEP_PEOPLE (checkTree) would be refused by the
    // alerting, and nobody would be alerted: it goes out as consecutive steps of at most the
    // cap, without waiting between them, and the tree is shown as needing attention
    // (oversizedSteps) in the tree editor and the incident's alert status.
    // One person once across the groups of a step (a deputy in the first group may be named in the third).
    const added = new Set<string>();
    const first = steps.length;
    for (let from = 0; from < Math.max(named.length, 1); from += MAX_STEP_PEOPLE) {
      const recipients = recipientsOf(named.slice(from, from + MAX_STEP_PEOPLE), people, q.at, added);
      if (recipients.length > 0) steps.push({ recipients, waitMinutes: 0 });
    }
    // The step's wait after its last group (whichever group was left with anyone).
    if (steps.length > first) steps[steps.length - 1]!.waitMinutes = step.waitMinutes;
  }
  return { treeId: tree.id, steps };
}
