import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { encodeHlc } from '../events/hlc';
import { foldAll } from '../events/projection';
import { incidentsProjection } from './projections';
import { EMPTY_REPORT } from './model';
import { factOverrides, OVERRIDE_SEEN } from './overrides';

const at = (minute: number, node: string) => encodeHlc({ wall: Date.UTC(2026, 11, 1, 13, minute), counter: 0, node });
let n = 0;
function ev(type: string, actor: string, stamp: string, payload: unknown): HonbuEvent {
  return { id: `e${++n}`, incidentId: 'i1', at: stamp, actor, type, payload };
}

const first = ev('incident.first-reported', 'A', at(0, 'a'), {
  title: '不正アクセス',
  kind: 'personal-data',
  scenario: 'unauthorised-access',
  drill: false,
  report: { ...EMPTY_REPORT, confirmedCount: 100 },
});
const facts = (actor: string, stamp: string, changes: object, seen?: object) =>
  ev('incident.facts-changed', actor, stamp, seen ? { changes, seen } : { changes });

function shuffled<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('fact overrides', () => {
  // Issue 18 item 6: B sets 250 offline, A sets 300 a little later without having seen it.
  const bOffline = facts('B', at(10, 'b'), { confirmedCount: 250 }, { confirmedCount: first.at });
  const aLater = facts('A', at(12, 'a'), { confirmedCount: 300 }, { confirmedCount: first.at });
  const events = [first, bOffline, aLater];

  it('tells B that A’s value replaced the 250 B set — who, what, when', () => {
    expect(foldAll(incidentsProjection, events).get('i1')!.facts.confirmedCount).toBe(300);
    expect(factOverrides(events, 'B')).toEqual([
      {
        fact: 'confirmedCount',
        mine: { value: 250, at: bOffline.at, eventId: bOffline.id },
        theirs: { value: 300, at: aLater.at, actor: 'A', eventId: aLater.id },
      },
    ]);
    expect(factOverrides(events, 'A')).toEqual([]);
  });

  it('is the same whatever order the laptops received the events in', () => {
    for (let seed = 1; seed < 20; seed++) expect(factOverrides(shuffled(events, seed), 'B')).toEqual(factOverrides(events, 'B'));
  });

  it('tells A instead when B’s offline edit carries the later clock', () => {
    const aFirst = facts('A', at(10, 'a'), { confirmedCount: 300 }, { confirmedCount: first.at });
    const bLater = facts('B', at(12, 'b'), { confirmedCount: 250 }, { confirmedCount: first.at });
    const evs = [first, aFirst, bLater];
    expect(factOverrides(evs, 'A').map((o) => [o.fact, o.mine.value, o.theirs.value, o.theirs.actor])).toEqual([['confirmedCount', 300, 250, 'B']]);
    expect(factOverrides(evs, 'B')).toEqual([]);
  });

  it('says nothing when the later edit started from my value (a correction, not an overwrite)', () => {
    const correction = facts('A', at(12, 'a'), { confirmedCount: 300 }, { confirmedCount: bOffline.at });
    expect(factOverrides([first, bOffline, correction], 'B')).toEqual([]);
  });

  it('says nothing when both set the same value, or when I set it again afterwards', () => {
    const same = facts('A', at(12, 'a'), { confirmedCount: 250 }, { confirmedCount: first.at });
    expect(factOverrides([first, bOffline, same], 'B')).toEqual([]);
    const again = facts('B', at(14, 'b'), { confirmedCount: 250 }, { confirmedCount: aLater.at });
    expect(factOverrides([...events, again], 'B')).toEqual([]);
    expect(factOverrides([...events, again], 'A').map((o) => o.theirs.value)).toEqual([]);
  });

  it('counts an edit recorded before `seen` existed as one that did not see mine', () => {
    const old = facts('A', at(12, 'a'), { confirmedCount: 300 });
    expect(factOverrides([first, bOffline, old], 'B')).toHaveLength(1);
  });

  it('covers a follow-up report that replaced my edit', () => {
    const report = ev('incident.report-filed', 'A', at(12, 'a'), { number: 2, report: { ...EMPTY_REPORT, confirmedCount: 320 }, seen: { confirmedCount: first.at } });
    expect(factOverrides([first, bOffline, report], 'B').map((o) => o.theirs.value)).toEqual([320]);
  });

  it('goes once dismissed, and comes back for a new overwrite', () => {
    const seen = ev(OVERRIDE_SEEN, 'B', at(15, 'b'), { fact: 'confirmedCount', eventId: aLater.id, by: 'A', value: 300 });
    expect(factOverrides([...events, seen], 'B')).toEqual([]);
    // Someone else's dismissal is not mine.
    expect(factOverrides([...events, { ...seen, actor: 'C' }], 'B')).toHaveLength(1);
    const again = facts('C', at(16, 'c'), { confirmedCount: 310 }, { confirmedCount: first.at });
    expect(factOverrides([...events, seen, again], 'B').map((o) => o.theirs.value)).toEqual([310]);
  });

  it('keeps each fact apart: an overwrite of one does not hide another', () => {
    const bTwo = facts('B', at(10, 'b'), { confirmedCount: 250, maxCount: 900 }, { confirmedCount: first.at, maxCount: first.at });
    const aMax = facts('A', at(12, 'a'), { maxCount: 1000 }, { maxCount: first.at });
    expect(factOverrides([first, bTwo, aMax], 'B').map((o) => [o.fact, o.mine.value, o.theirs.value])).toEqual([['maxCount', 900, 1000]]);
  });
});
