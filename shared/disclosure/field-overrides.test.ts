/**
 * B writes the cause of the PPC draft offline, A writes it a moment later without having
 * seen B's words; when B comes back A's words win (last writer by clock) and B is told on
 * the field — who, what, when — as the facts do. A correction made knowing B's words is not
 * an overwrite; a dismissal ends the notice. The same for the premises.
 */
import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { fieldOverride, fieldOverrides } from '../events/field-edits';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import * as commands from './commands';
import { disclosureProjection, ppcFields, type DisclosureRow } from './regulator';
import { defaultNoticeSections, noticesProjection } from './notice';
import { defaultSections } from './statement';
import { statementsProjection } from './statement-events';

const NOW = Date.parse('2026-12-02T03:00:00Z');

function as(actor: string, at: string, result: ReturnType<typeof commands.editPpcDraft>): HonbuEvent[] {
  // The store's ids and clocks, made up: `<actor>-<clock>-<n>`.
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.events.map((d, i) => ({ ...d, id: `${actor}-${at}-${i}`, at, actor }));
}
const fold = (events: HonbuEvent[]) => foldAll(disclosureProjection, events).get('i1') ?? null;
const edit = (row: DisclosureRow | null, cause: string) => commands.editPpcDraft(testContext({ now: NOW }), ppcFields(row), { incidentId: 'i1', changes: { cause } }, row?.stamps ?? {});

describe('an edit of the PPC draft overwritten by another laptop', () => {
  const start = as('a', '000001', edit(null, '調査中'));
  const base = fold(start);
  // Both begin from the same row: B offline, then A a moment later.
  const fromB = as('b', '000002', edit(base, 'B: USBメモリを持ち出した'));
  const fromA = as('a', '000003', edit(base, 'A: 許可手続が守られていなかった'));

  it('tells B who replaced which words when, in whatever order the events arrive', () => {
    for (const order of [[...start, ...fromB, ...fromA], [...fromA, ...start, ...fromB], [...fromB, ...fromA, ...start]]) {
      const row = fold(order)!;
      expect(row.ppc.cause).toBe('A: 許可手続が守られていなかった');
      expect(fieldOverrides(row.edits, 'b')).toEqual([
        {
          field: 'ppc.cause',
          mine: { value: 'B: USBメモリを持ち出した', at: '000002', eventId: 'b-000002-0' },
          theirs: { value: 'A: 許可手続が守られていなかった', at: '000003', actor: 'a', eventId: 'a-000003-0' },
        },
      ]);
      expect(fieldOverrides(row.edits, 'a')).toEqual([]);
    }
  });

  it('says nothing when A changed it having seen B’s words (a correction), or once B dismissed it', () => {
    const seenB = fold([...start, ...fromB]);
    const correction = as('a', '000003', edit(seenB, 'A: 許可手続が守られていなかった'));
    expect(fieldOverride('ppc.cause', fold([...start, ...fromB, ...correction])!.edits?.['ppc.cause'], 'b')).toBeNull();

    const row = fold([...start, ...fromB, ...fromA]);
    const dismissed = commands.dismissOverride(testContext({ now: NOW }), row, { incidentId: 'i1', field: 'ppc.cause', me: 'b' });
    const after = fold([...start, ...fromB, ...fromA, ...as('b', '000004', dismissed)])!;
    expect(fieldOverrides(after.edits, 'b')).toEqual([]);
    // Nothing to dismiss is refused, not recorded.
    expect(commands.dismissOverride(testContext({ now: NOW }), after, { incidentId: 'i1', field: 'ppc.cause', me: 'b' }).ok).toBe(false);
  });

  it('the premises tell it the same way', () => {
    const ctx = testContext({ now: NOW });
    const b = as('b', '000002', commands.changeSettings(ctx, null, { incidentId: 'i1', changes: { contractor: true, contractorName: '株式会社ＡＢＣ' } }));
    const a = as('a', '000003', commands.changeSettings(ctx, null, { incidentId: 'i1', changes: { contractor: true, contractorName: '株式会社ＸＹＺ' } }));
    const row = fold([...a, ...b])!;
    expect(fieldOverrides(row.edits, 'b').map((o) => [o.field, o.mine.value, o.theirs.value, o.theirs.actor])).toEqual([['settings.contractorName', '株式会社ＡＢＣ', '株式会社ＸＹＺ', 'a']]);
  });
});

describe('a statement section overwritten by another laptop', () => {
  const ctx = testContext({ now: NOW });
  const docEvents = (actor: string, at: string, r: ReturnType<typeof commands.editSections>) => as(actor, at, r);
  const drafted = as('a', '000001', commands.draftDocument(ctx, [], { kind: 'statement', incidentId: 'i1', lang: 'ja', sections: defaultSections('ja') }));
  const base = foldAll(statementsProjection, drafted).get('i1:1')!;

  it('tells the one whose words were replaced, on that section; a dismissal of it is kept in the version’s row', () => {
    const mine = docEvents('b', '000002', commands.editSections(ctx, base, { kind: 'statement', edits: [{ key: 'cause', text: 'B の原因' }] }));
    const theirs = docEvents('a', '000003', commands.editSections(ctx, base, { kind: 'statement', edits: [{ key: 'cause', text: 'A の原因' }] }));
    const row = foldAll(statementsProjection, [...drafted, ...mine, ...theirs]).get('i1:1')!;
    expect(row.sections.find((s) => s.key === 'cause')!.text).toBe('A の原因');
    expect(fieldOverrides(row.edits, 'b').map((o) => [o.field, o.mine.value, o.theirs.value])).toEqual([['section.cause', 'B の原因', 'A の原因']]);
    const seen = as('b', '000004', commands.dismissOverride(ctx, row, { incidentId: 'i1', field: 'section.cause', me: 'b', doc: { kind: 'statement', version: 1 } }));
    const all = [...drafted, ...mine, ...theirs, ...seen];
    expect(fieldOverrides(foldAll(statementsProjection, all).get('i1:1')!.edits, 'b')).toEqual([]);
    // The disclosure row is not touched by a section's dismissal.
    expect(foldAll(disclosureProjection, all).get('i1')).toBeUndefined();
  });
});

describe('a section typed over while another laptop’s words arrived', () => {
  // Online, not offline: A is typing the cause; B's words for it arrive by sync while A
  // types, and the editor keeps A's typing (it never shows B's words). A saves. The save
  // used to record the stamp the section had at the moment of saving — B's — so it read as
  // a correction made knowing B's words, and B was never told. It records the stamp the
  // typing started from.
  const ctx = testContext({ now: NOW });
  const drafted = as('a', '000001', commands.draftDocument(ctx, [], { kind: 'notice', incidentId: 'i1', lang: 'ja', sections: defaultNoticeSections('ja') }));
  const started = foldAll(noticesProjection, drafted).get('i1:1')!;
  const fromB = as('b', '000002', commands.editSections(ctx, started, { kind: 'notice', edits: [{ key: 'cause', text: 'B の原因' }] }));

  it('B is told; a save by someone who had B’s words on screen is a correction', () => {
    const now = foldAll(noticesProjection, [...drafted, ...fromB]).get('i1:1')!;
    const typedOver = as('a', '000003', commands.editSections(ctx, now, { kind: 'notice', edits: [{ key: 'cause', text: 'A の原因' }], startedFrom: started.stamps }));
    const row = foldAll(noticesProjection, [...drafted, ...fromB, ...typedOver]).get('i1:1')!;
    expect(fieldOverrides(row.edits, 'b').map((o) => [o.field, o.mine.value, o.theirs.value])).toEqual([['section.cause', 'B の原因', 'A の原因']]);

    const knowing = as('a', '000003', commands.editSections(ctx, now, { kind: 'notice', edits: [{ key: 'cause', text: 'A の原因' }], startedFrom: now.stamps }));
    expect(fieldOverrides(foldAll(noticesProjection, [...drafted, ...fromB, ...knowing]).get('i1:1')!.edits, 'b')).toEqual([]);
  });
});
