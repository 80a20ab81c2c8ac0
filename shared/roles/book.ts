/**
 * Who holds which role, when: a fold of the role events (and of who filed each incident's
 * first report) in clock order, identical on every laptop that has the same events.
 *
 * The rule for concurrent changes (docs/decisions/014-roles.md): an event counts if its
 * author held a role allowing it at the event's own clock — by the role events stamped
 * before it, whatever order they arrived in. A role event itself counts only if its author
 * held direction in its scope then, and a removal never leaves a scope without direction.
 * Nobody is locked out: the workspace's founder (the roster's anchor, or this laptop's
 * person before the team shares anything) is direction from the start, and whoever files an
 * incident's first report is direction of that incident.
 */
import type { HonbuEvent } from '../events/event';
import { isRoleEvent, ROLE_ASSIGNED, ROLE_REMOVED } from './events';
import { isAccessRole, type AccessRole } from './model';
import { isOperatorOrObserverOnly, mayWrite, rolesThatMay } from './table';

export const FIRST_REPORTED = 'incident.first-reported';
/** The event types the book folds: the store reads only these to build it. */
export const ROLE_BOOK_TYPES: readonly string[] = [ROLE_ASSIGNED, ROLE_REMOVED, FIRST_REPORTED];

/** Scope '' is the whole workspace; otherwise an incident id. */
type State = ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<AccessRole>>>;

interface Entry {
  event: HonbuEvent;
  author: string;
}

/** Why an event was not allowed: its type and the roles that may write it. */
export interface RoleRefusal {
  type: string;
  needs: AccessRole[];
  /** 'role': the author lacked the role; 'last-direction': the removal would leave no direction. */
  why: 'role' | 'last-direction';
}

export interface Holding {
  personId: string;
  /** null: the whole workspace. */
  incidentId: string | null;
  roles: AccessRole[];
}

interface Built {
  /** State after each entry that counted, in clock order. */
  line: { at: string; state: State }[];
  /** The incidents whose first report is bound to them (boundIncidents). */
  bound: ReadonlySet<string>;
}

const byClock = (a: Entry, b: Entry) => (a.event.at < b.event.at ? -1 : a.event.at > b.event.at ? 1 : a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0);
const scopeOf = (incidentId: string | null) => incidentId ?? '';

export class RoleBook {
  private readonly entries = new Map<string, Entry>();
  /** What the fold of the entries found (rebuilt lazily after a change). */
  private built: Built | null = null;
  private readonly verdicts = new Map<string, RoleRefusal | null>();
  private readonly listeners = new Set<() => void>();

  constructor(private founderId: string) {}

  get founder(): string {
    return this.founderId;
  }

  setFounder(personId: string): void {
    if (personId === this.founderId) return;
    this.founderId = personId;
    this.changed();
  }

  /** Builds the book from stored events; `authorOf` names who wrote each (the actor, or the signing device's person). */
  static fromEvents(founder: string, events: Iterable<HonbuEvent>, authorOf: (e: HonbuEvent) => string = (e) => e.actor): RoleBook {
    const book = new RoleBook(founder);
    for (const e of events) book.add(e, authorOf(e), false);
    book.changed();
    return book;
  }

  /** Whether the book folds this kind of event. */
  static folds(e: Pick<HonbuEvent, 'type'>): boolean {
    return ROLE_BOOK_TYPES.includes(e.type);
  }

  /** Adds an event the book folds (others are ignored); the same event twice is harmless. */
  add(e: HonbuEvent, author: string, notify = true): void {
    if (!RoleBook.folds(e) || this.entries.has(e.id)) return;
    this.entries.set(e.id, { event: e, author });
    if (notify) this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.built = null;
    this.verdicts.clear();
    for (const l of this.listeners) l();
  }

  private initial(): State {
    return new Map([['', new Map([[this.founderId, new Set<AccessRole>(['direction'])]])]]);
  }

  private build(): Built {
    if (this.built) return this.built;
    const line: { at: string; state: State }[] = [];
    let state = this.initial();
    const bound = boundIncidents(this.entries.values());
    for (const entry of [...this.entries.values()].sort(byClock)) {
      const refusal = verdict(state, entry, bound);
      this.verdicts.set(entry.event.id, refusal);
      if (refusal) continue;
      state = applyEntry(state, entry);
      line.push({ at: entry.event.at, state });
    }
    this.built = { line, bound };
    return this.built;
  }

  /** The roles as they stood just before clock `at` (the latest when omitted). */
  private stateBefore(at?: string): State {
    const { line } = this.build();
    if (at === undefined) return line.at(-1)?.state ?? this.initial();
    let lo = 0;
    let hi = line.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (line[mid]!.at < at) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? this.initial() : line[lo - 1]!.state;
  }

  /** The roles `personId` holds in an incident (its own and the workspace's), or in the workspace (null), at `at` or now. */
  rolesOf(personId: string, incidentId: string | null, at?: string): AccessRole[] {
    return held(this.stateBefore(at), personId, incidentId);
  }

  /**
   * Whether `author` might write this event at its clock: null if so, otherwise why not.
   * Role events are judged by the same fold that applies them.
   */
  judge(e: HonbuEvent, author: string): RoleRefusal | null {
    if (this.entries.has(e.id) && this.entries.get(e.id)!.author === author) {
      this.build();
      const known = this.verdicts.get(e.id);
      if (known !== undefined) return known;
    }
    return verdict(this.stateBefore(e.at), { event: e, author }, this.build().bound);
  }

  /** Every holding now, workspace first, for the roster. */
  holdings(): Holding[] {
    const out: Holding[] = [];
    const state = this.stateBefore();
    for (const [scope, people] of state) {
      for (const [personId, roles] of people) {
        // A role held in the whole workspace is not listed again for an incident (its creator's direction, say).
        const own = scope === '' ? [...roles] : [...roles].filter((r) => !state.get('')?.get(personId)?.has(r));
        if (own.length > 0) out.push({ personId, incidentId: scope === '' ? null : scope, roles: own });
      }
    }
    return out.sort((a, b) => (a.incidentId ?? '').localeCompare(b.incidentId ?? ''));
  }

  /**
   * Whether `personId` is a member of an incident (decision 016): they hold a role in it or
   * in the whole workspace — its creator holds direction there from its first report, and
   * direction adds members by giving them a role. Drills are incidents like any other.
   */
  isMember(personId: string, incidentId: string): boolean {
    return held(this.stateBefore(), personId, incidentId).length > 0;
  }

  /**
   * Operator mode (decision 016): every role the person holds, anywhere, is operator (or
   * observer) and at least one is operator. Such a laptop opens to the enquiry form, the FAQ
   * search and the customer lookup of its incidents, and its events are judged by the
   * operator's list wherever they are written.
   */
  operatorMode(personId: string): boolean {
    const roles = everyRole(this.stateBefore(), personId);
    return roles.includes('operator') && isOperatorOrObserverOnly(roles);
  }

  /** Whether the book has folded the incident's first report (an incident whose first report it never saw: false). */
  knows(incidentId: string): boolean {
    return this.stateBefore().has(incidentId);
  }

  /** Who holds direction now in an incident (or the workspace): its own and the workspace's. */
  directionOf(incidentId: string | null): string[] {
    return directionHolders(this.stateBefore(), incidentId);
  }
}

/**
 * Incidents whose first report is bound to them: the app gives an incident's first report
 * the incident's own id as its event id (a fresh id, so nobody else's event can carry it:
 * the first event stored under an id is the only one). Any other "first report" of such an
 * incident is someone reaching for it — backdated, it would make its author direction.
 */
function boundIncidents(entries: Iterable<Entry>): ReadonlySet<string> {
  const out = new Set<string>();
  for (const { event } of entries) if (event.type === FIRST_REPORTED && event.incidentId !== null && event.id === event.incidentId) out.add(event.incidentId);
  return out;
}

function held(state: State, personId: string, incidentId: string | null): AccessRole[] {
  const roles = new Set(state.get('')?.get(personId) ?? []);
  if (incidentId !== null) for (const r of state.get(incidentId)?.get(personId) ?? []) roles.add(r);
  return [...roles];
}

/** Whether direction ever placed the person (a role given, even if taken away since) or they filed an incident. */
function placed(state: State, personId: string): boolean {
  for (const people of state.values()) if (people.has(personId)) return true;
  return false;
}

/** Every role a person holds in any scope. */
function everyRole(state: State, personId: string): AccessRole[] {
  const roles = new Set<AccessRole>();
  for (const people of state.values()) for (const r of people.get(personId) ?? []) roles.add(r);
  return [...roles];
}

/**
 * The roles an event is judged by. A member confined to operator (or observer) somewhere is
 * confined everywhere: "nothing" must not fall back to the everyday work any member may do.
 * In the workspace (its profile, its laptop's roster events) it writes what its roles allow;
 * in an incident it is not a member of, only what an observer may (the record of a look).
 */
function judgedRoles(state: State, personId: string, incidentId: string | null): AccessRole[] {
  const roles = held(state, personId, incidentId);
  if (roles.length > 0) return roles;
  // Membership (decision 016) binds whoever direction has placed: a member given a role (or
  // who filed an incident) writes only in the incidents they are in. Taken out of one, or
  // direction of another, they may record a look there and nothing more — not change its
  // facts, tasks or exports, nor file a second "first report" over its title. Only a member
  // never given anything keeps everyday work (decision 014), and anyone may file the first
  // report of an incident that does not exist yet.
  if (incidentId !== null && state.has(incidentId) && placed(state, personId)) return ['observer'];
  const anywhere = everyRole(state, personId);
  if (!isOperatorOrObserverOnly(anywhere)) return roles;
  return incidentId === null ? anywhere : ['observer'];
}

function directionHolders(state: State, incidentId: string | null): string[] {
  const people = new Set<string>();
  for (const scope of incidentId === null ? [''] : ['', incidentId]) {
    for (const [p, roles] of state.get(scope) ?? []) if (roles.has('direction')) people.add(p);
  }
  return [...people];
}

function verdict(state: State, { event, author }: Entry, bound: ReadonlySet<string>): RoleRefusal | null {
  // A "first report" of an incident whose own first report is known, under another id: never the app's.
  if (event.type === FIRST_REPORTED && event.incidentId !== null && bound.has(event.incidentId) && event.id !== event.incidentId) return { type: event.type, needs: [], why: 'role' };
  const roles = judgedRoles(state, author, event.incidentId);
  if (!mayWrite(roles, event.type)) return { type: event.type, needs: rolesThatMay(event.type), why: 'role' };
  if (isRoleEvent(event) && event.type === ROLE_REMOVED && event.payload.role === 'direction') {
    const after = removeRole(state, scopeOf(event.incidentId), event.payload.personId, 'direction');
    if (directionHolders(after, event.incidentId).length === 0) return { type: event.type, needs: ['direction'], why: 'last-direction' };
  }
  return null;
}

function applyEntry(state: State, { event, author }: Entry): State {
  if (event.type === FIRST_REPORTED) {
    // The first report of an incident makes its author direction there; a second one (never made by the app) changes nothing.
    if (event.incidentId === null || state.has(event.incidentId)) return state;
    return withScope(state, event.incidentId, new Map([[author, new Set<AccessRole>(['direction'])]]));
  }
  if (!isRoleEvent(event) || !isAccessRole(event.payload.role)) return state;
  const scope = scopeOf(event.incidentId);
  const { personId, role } = event.payload;
  if (event.type === ROLE_REMOVED) return removeRole(state, scope, personId, role);
  const people = new Map(state.get(scope) ?? []);
  people.set(personId, new Set([...(people.get(personId) ?? []), role]));
  return withScope(state, scope, people);
}

function removeRole(state: State, scope: string, personId: string, role: AccessRole): State {
  const people = new Map(state.get(scope) ?? []);
  const roles = new Set(people.get(personId) ?? []);
  roles.delete(role);
  people.set(personId, roles);
  return withScope(state, scope, people);
}

function withScope(state: State, scope: string, people: ReadonlyMap<string, ReadonlySet<AccessRole>>): State {
  const next = new Map(state);
  next.set(scope, people);
  return next;
}
