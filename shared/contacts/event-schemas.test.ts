/**
 * A contact event from another laptop or a file is refused, with its reason, when its lists
 * do not line up: a result list with fewer outcomes than customers would fold the rest as
 * failures, and a re-assignment naming no operator leaves customers in nobody's queue.
 */
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../events/hlc';
import { parseEvent } from '../events/registry';
import { CONTACT_EVENT_TYPES } from './events';

const envelope = (type: string, payload: unknown) => ({
  id: '5b0e8a39-6a0c-4c59-9a57-0c2f1d8e4b11', incidentId: 'leak-2026-11', at: encodeHlc({ wall: 1_764_000_000_000, counter: 0, node: 'laptop-b' }), actor: 'kimura', type, payload,
});
const result = (p: Record<string, unknown>) =>
  parseEvent(envelope(CONTACT_EVENT_TYPES.outcomesRecorded, { datasetId: 'd1', channel: 'post', source: 'returned-mail', rows: [4, 9, 12], outcomes: ['failed', 'reached', 'failed'], reasons: ['moved-no-forwarding', '', 'refused'], ...p }));

describe('contact events from outside', () => {
  it('takes a result list with one outcome, reason (and note) per customer', () => {
    expect(result({}).ok).toBe(true);
    expect(result({ notes: ['', '不在', ''] }).ok).toBe(true);
  });

  it('refuses a result list whose outcomes, reasons or notes do not match its customers', () => {
    for (const bad of [{ outcomes: ['reached'] }, { reasons: [] }, { notes: ['a'] }, { outcomes: ['failed', 'reached', 'failed', 'reached'] }]) {
      const p = result(bad);
      expect(p.ok, JSON.stringify(bad)).toBe(false);
      if (!p.ok) expect(p.reason).toMatch(/one entry per row/);
    }
  });

  it('refuses a re-assignment or a phone batch whose assignment names no operator', () => {
    const reassign = (assignment: number[]) =>
      parseEvent(envelope(CONTACT_EVENT_TYPES.batchReassigned, { datasetId: 'd1', batchId: 'b1', operators: ['佐藤'], rows: [3, 8], assignment }));
    expect(reassign([0, 0]).ok).toBe(true);
    expect(reassign([0]).ok).toBe(false);
    expect(reassign([0, 1]).ok).toBe(false);
    const batch = (operators: string[] | undefined, assignment: number[] | undefined) =>
      parseEvent(envelope(CONTACT_EVENT_TYPES.batchCreated, { datasetId: 'd1', batchId: 'b2', channel: 'phone', rows: [3, 8], operators, assignment }));
    expect(batch(['佐藤', '鈴木'], [0, 1]).ok).toBe(true);
    expect(batch(undefined, undefined).ok).toBe(true);
    expect(batch(['佐藤'], [0, 2]).ok).toBe(false);
    expect(batch(['佐藤'], [0, 0, 0]).ok).toBe(false);
  });
});
