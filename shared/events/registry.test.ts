import { describe, expect, it } from 'vitest';
import { EMPTY_REPORT } from '../incident/model';
import { encodeHlc } from './hlc';
import { EVENT_SCHEMAS, EVENT_TYPES, LEGACY_TYPES, parseDraft, parseEvent, type AnyDraft } from './registry';

const at = encodeHlc({ wall: 1_760_000_000_000, counter: 0, node: 'dev-b' });
const event = (type: string, payload: unknown, over: Record<string, unknown> = {}) => ({
  id: '6f1c2a4e-8b7d-4c3a-9e2f-1a2b3c4d5e6f',
  incidentId: 'i1',
  at,
  actor: 'p-b',
  type,
  payload,
  ...over,
});
const enquiry = {
  enquiryId: 'q1',
  channel: 'phone',
  caller: { name: '山田 太郎', phone: '090-3141-5926', email: '' },
  question: 'カードは使えますか',
  answerEntryId: null,
  answerText: '',
  escalate: false,
  operator: '佐藤',
  durationSec: 120,
  tags: [],
  at: '2026-11-22T01:00:00.000Z',
};

describe('the event registry', () => {
  it('knows a schema for every type it lists, and lists every type it has a schema for', () => {
    expect([...EVENT_TYPES].sort()).toEqual(Object.keys(EVENT_SCHEMAS).sort());
  });

  it('names each type after the folder that owns it', () => {
    const folders = ['incident', 'boards', 'disclosure', 'outgoing', 'contacts', 'faq', 'people', 'roles', 'company', 'sync', 'access', 'intake', 'directory', 'alerts', 'reminders', 'letters'];
    for (const type of EVENT_TYPES) expect(folders, type).toContain(type.split('.')[0]);
  });

  it('maps every old name to a registered type', () => {
    for (const [old, current] of Object.entries(LEGACY_TYPES)) {
      expect(EVENT_TYPES, old).toContain(current);
      expect(EVENT_TYPES).not.toContain(old);
    }
  });
});

describe('parseEvent', () => {
  it('accepts a well-formed event and gives it back typed', () => {
    const r = parseEvent(event('faq.enquiry-logged', enquiry));
    expect(r).toEqual({ ok: true, event: event('faq.enquiry-logged', enquiry) });
    if (r.ok && r.event.type === 'faq.enquiry-logged') expect(r.event.payload.caller.name).toBe('山田 太郎');
  });

  it('upcasts an old type name (events still arrive under it from the shared log)', () => {
    const r = parseEvent(event('enquiry.logged', enquiry));
    expect(r.ok && r.event.type).toBe('faq.enquiry-logged');
  });

  it('refuses an unknown type, saying so', () => {
    expect(parseEvent(event('future.thing-done', {}))).toEqual({ ok: false, reason: 'type: "future.thing-done" is not an event type this version knows' });
  });

  it('refuses a malformed payload with the type and the field, never the value', () => {
    const bad = parseEvent(event('faq.enquiry-logged', { ...enquiry, caller: { ...enquiry.caller, phone: 9031415926 } }));
    expect(bad).toEqual({ ok: false, reason: 'faq.enquiry-logged payload.caller.phone: expected string' });
    const missing = parseEvent(event('incident.first-reported', { title: 'USB紛失', kind: 'personal-data', scenario: 'lost-device', drill: false, report: { ...EMPTY_REPORT, itemsLeaked: ['passport'] } }));
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.reason).toMatch(/^incident\.first-reported payload\.report\.itemsLeaked\.0: expected \("name" \| "address"/);
    const noRows = parseEvent(event('contacts.batch-created', { datasetId: 'd', batchId: 'b', channel: 'post', rows: [1, -2] }));
    expect(noRows).toEqual({ ok: false, reason: 'contacts.batch-created payload.rows: rows must be a list of row numbers' });
  });

  it('refuses a malformed envelope, naming the field', () => {
    expect(parseEvent(null)).toMatchObject({ ok: false, reason: 'event: expected Object' });
    expect(parseEvent(event('faq.enquiry-logged', enquiry, { id: 'e1' }))).toEqual({ ok: false, reason: 'id: id must be a uuid' });
    expect(parseEvent(event('faq.enquiry-logged', enquiry, { at: 'yesterday' }))).toEqual({ ok: false, reason: 'at: at must be a hybrid logical clock' });
    expect(parseEvent(event('faq.enquiry-logged', enquiry, { actor: '' }))).toEqual({ ok: false, reason: 'actor: actor is required' });
    expect(parseEvent(event('faq.enquiry-logged', enquiry, { incidentId: 7 }))).toEqual({ ok: false, reason: 'incidentId: expected string' });
    const { payload: _p, ...noPayload } = event('people.profile-saved', { personId: 'p' });
    expect(parseEvent(noPayload)).toEqual({ ok: false, reason: 'payload: missing' });
    expect(parseEvent(event('people.profile-saved', { name: '鈴木' }))).toEqual({ ok: false, reason: 'people.profile-saved payload.personId: missing' });
  });

  it('checks drafts the same way', () => {
    expect(parseDraft({ type: 'boards.task-changed', incidentId: 'i1', payload: { taskId: 't1', changes: { status: 'finished' } } })).toEqual({
      ok: false,
      reason: 'boards.task-changed payload.changes.status: expected ("todo" | "doing" | "blocked" | "done")',
    });
  });
});

describe('the sync part’s events belong to no incident', () => {
  const key = 'A'.repeat(43);
  const sync = [
    ['sync.device-added', { deviceId: 'd', publicKey: 'pk', agreementKey: key, personId: 'p', personName: 'n', roles: [] }],
    ['sync.device-revoked', { deviceId: 'd' }],
    ['sync.device-key-published', { deviceId: 'd', agreementKey: key }],
    ['sync.epoch-started', { epoch: 1, epk: key, boxes: [{ deviceId: 'd', box: 'b' }] }],
  ] as const;

  it('a sync.* event filed under an incident is refused, from another laptop and as a draft (the roster and the key chain read workspace events only)', () => {
    for (const [type, payload] of sync) {
      expect(parseEvent(event(type, payload)), type).toEqual({ ok: false, reason: `incidentId: a ${type} event belongs to no incident` });
      expect(parseDraft({ type, incidentId: 'i1', payload } as AnyDraft), type).toEqual({ ok: false, reason: `incidentId: a ${type} event belongs to no incident` });
    }
  });

  it('the same events of the workspace (incidentId null) are accepted, and other parts’ events under an incident still are', () => {
    for (const [type, payload] of sync) {
      expect(parseEvent(event(type, payload, { incidentId: null })).ok, type).toBe(true);
      expect(parseDraft({ type, incidentId: null, payload } as AnyDraft).ok, type).toBe(true);
    }
    expect(parseEvent(event('roles.role-assigned', { personId: 'p', role: 'observer' })).ok).toBe(true);
  });
});

describe('drafts are typed by the registry', () => {
  it('a registered type with its payload compiles; others do not', () => {
    const ok: AnyDraft = { type: 'boards.checklist-item-toggled', incidentId: 'i1', payload: { taskId: 't1', index: 0, done: true } };
    // @ts-expect-error an unregistered type does not compile
    const unknownType: AnyDraft = { type: 'boards.task-deleted', incidentId: 'i1', payload: { taskId: 't1' } };
    // @ts-expect-error a payload of the wrong shape does not compile
    const wrongPayload: AnyDraft = { type: 'boards.checklist-item-toggled', incidentId: 'i1', payload: { taskId: 't1', index: '0', done: true } };
    // @ts-expect-error an old name is not a type the app may write
    const oldName: AnyDraft = { type: 'enquiry.logged', incidentId: 'i1', payload: { enquiryId: 'q1', ...enquiry } };
    expect([ok, unknownType, wrongPayload, oldName].map((d) => parseDraft(d).ok)).toEqual([true, false, false, true]);
  });
});
