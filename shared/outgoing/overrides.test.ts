import { describe, expect, it } from 'vitest';
import type { HonbuEvent } from '../events/event';
import { renderTemplate } from '../incident/render';
import { FACTS, OPTS } from './fixtures';
import { foldOverrides, overrideRelease, OVERRIDE_RECORDED } from './overrides';
import { checkRelease, findUnfilled, type OutgoingDocument } from './unfilled';

const live = { title: '会員サイトからの流出', facts: FACTS };
const LETTER = 'お詫び\n\nお問い合わせ: {{deskPhone}}（{{deskHours}}）';

function letters(ctx = live): OutgoingDocument {
  return { id: 'letters:b1', kind: 'letters', title: '郵便 10,000 件', parts: [{ where: '本文', text: renderTemplate(LETTER, ctx, OPTS).text }] };
}
const faq: OutgoingDocument = { id: 'faq-publication', kind: 'faq-publication', title: '公開FAQ', parts: [{ where: '窓口は？', template: '{{deskPhone}}' }] };

const direction = { roles: ['direction'] as const };
const counter = { roles: ['operator', 'statement'] as const };

function stamp(draft: { type: string; incidentId: string | null; payload: unknown }, at: string, actor = 'p-dir'): HonbuEvent {
  return { id: `e-${at}`, at, actor, ...draft };
}

describe('overrideRelease', () => {
  it('records who let which document go out without which facts, and why', () => {
    const unfilled = findUnfilled([letters(), faq], live, OPTS);
    const r = overrideRelease('i1', 'o1', direction, letters(), unfilled, '  窓口番号は明朝確定。お詫びの発送を優先する  ');
    expect(r).toEqual({
      ok: true,
      event: {
        type: OVERRIDE_RECORDED,
        incidentId: 'i1',
        payload: {
          overrideId: 'o1',
          documentId: 'letters:b1',
          kind: 'letters',
          title: '郵便 10,000 件',
          facts: ['deskPhone'],
          uses: [{ fact: 'deskPhone', where: '本文', line: 3 }],
          reason: '窓口番号は明朝確定。お詫びの発送を優先する',
        },
      },
    });
  });

  it('is for direction only', () => {
    const r = overrideRelease('i1', 'o1', counter, letters(), findUnfilled([letters()], live, OPTS), '急ぎ');
    expect(r).toEqual({ ok: false, problems: [{ field: 'by', reason: 'not-allowed' }] });
  });

  it('requires a reason', () => {
    for (const reason of ['', '   \n']) {
      const r = overrideRelease('i1', 'o1', direction, letters(), findUnfilled([letters()], live, OPTS), reason);
      expect(r).toEqual({ ok: false, problems: [{ field: 'reason', reason: 'required' }] });
    }
    const long = overrideRelease('i1', 'o1', direction, letters(), findUnfilled([letters()], live, OPTS), 'あ'.repeat(1001));
    expect(long).toEqual({ ok: false, problems: [{ field: 'reason', reason: 'too-long' }] });
  });

  it('refuses when nothing is missing in that document', () => {
    const known = { ...live, facts: { ...FACTS, deskPhone: '0120-123-456' } };
    const r = overrideRelease('i1', 'o1', direction, letters(known), findUnfilled([letters(known)], known, OPTS), '念のため');
    expect(r).toEqual({ ok: false, problems: [{ field: 'facts', reason: 'nothing-missing' }] });
  });
});

describe('foldOverrides and the gate', () => {
  it('lets the document through, and blocks again when another fact goes missing', () => {
    // Blocked: the desk phone is not known.
    expect(checkRelease([letters()], live, OPTS, []).blocked.map((b) => b.fact)).toEqual(['deskPhone']);

    // Direction overrides for the letters.
    const r = overrideRelease('i1', 'o1', direction, letters(), findUnfilled([letters()], live, OPTS), '発送を優先');
    if (!r.ok) throw new Error('expected an event');
    const events = [stamp(r.event, '0001')];
    const overrides = foldOverrides(events);
    expect(overrides).toEqual([{ ...r.event.payload, incidentId: 'i1', at: '0001', actor: 'p-dir' }]);
    expect(checkRelease([letters()], live, OPTS, overrides).blocked).toEqual([]);
    // Only that document: the published FAQ still waits for the number.
    expect(checkRelease([faq], live, OPTS, overrides).blocked.map((b) => b.fact)).toEqual(['deskPhone']);

    // The desk hours go missing too: the override does not cover them.
    const later = { ...live, facts: { ...FACTS, deskHours: '' } };
    const stale = checkRelease([letters(later)], later, OPTS, overrides);
    expect(stale.blocked.map((b) => [b.fact, b.uses.map((u) => `${u.where}:${u.line}`)])).toEqual([['deskHours', ['本文:3']]]);

    // Filling the facts in lets it through without any override.
    const filled = { ...live, facts: { ...FACTS, deskPhone: '0120-123-456' } };
    expect(checkRelease([letters(filled)], filled, OPTS, []).blocked).toEqual([]);
  });

  it('counts a replayed event once, and ignores other events and malformed payloads', () => {
    const r = overrideRelease('i1', 'o1', direction, letters(), findUnfilled([letters()], live, OPTS), '発送を優先');
    if (!r.ok) throw new Error('expected an event');
    const events = [
      stamp(r.event, '0002'),
      stamp(r.event, '0001'),
      stamp({ type: 'incident.facts-changed', incidentId: 'i1', payload: { changes: {} } }, '0003'),
      stamp({ type: OVERRIDE_RECORDED, incidentId: 'i1', payload: { overrideId: 'bad', documentId: 'x', facts: ['nope'], reason: 'x' } }, '0004'),
      stamp({ type: OVERRIDE_RECORDED, incidentId: 'i1', payload: { ...r.event.payload, overrideId: 'o2', reason: ' ' } }, '0005'),
    ];
    const folded = foldOverrides(events);
    expect(folded.map((o) => [o.overrideId, o.at])).toEqual([['o1', '0001']]);
  });
});
