/**
 * The lint rule that keeps the data flowing one way (eslint.config.js, `noWrites`): a view
 * or a store that appends to the event store, builds an event draft or imports the store
 * module fails `npm run lint`. Runs ESLint with the repository's own config on snippets.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function messages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const VIEW = 'renderer/src/incidents/Snippet.tsx';
const STORE = 'renderer/src/incidents/snippet-store.ts';
const writes = (list: string[]) => list.filter((m) => m.includes('dispatch(name, args)'));

describe('no view or store writes events', () => {
  it('refuses a view that appends to the store', async () => {
    const code = `import { useSession } from '../vault/session-store';
export function Save() {
  const store = useSession((s) => s.store)!;
  return <button type="button" onClick={() => void store.append([])}>x</button>;
}
`;
    expect(writes(await messages(code, VIEW))).toHaveLength(1);
  });

  it('refuses a view that builds an event draft, even without appending it here', async () => {
    const code = `export const draft = { type: 'incident.facts-changed', incidentId: 'i1', payload: { changes: {} } };\n`;
    expect(writes(await messages(code, VIEW))).toHaveLength(1);
  });

  it('refuses a store that imports the event store module or appends', async () => {
    const imported = `import { EventStore } from '../data/event-store';\nexport const S = EventStore;\n`;
    expect(writes(await messages(imported, STORE))).toHaveLength(1);
    const appends = `export async function save(s: { store: { append(d: unknown[]): Promise<void> } }) {\n  await s.store.append([]);\n}\n`;
    expect(writes(await messages(appends, STORE))).toHaveLength(1);
  });

  it('holds for the contact tracker too: its views and its store neither append, build drafts nor import the store', async () => {
    const engine = `import { useContacts } from './contacts-store';
export function Sent() {
  const engine = useContacts((s) => s.engine)!;
  return <button type="button" onClick={() => void engine.store.append([{ type: 'contacts.batch-sent', incidentId: 'i1', payload: { datasetId: 'd', batchId: 'b', sentAt: '' } }])}>x</button>;
}
`;
    // The append, and the draft it builds.
    expect(writes(await messages(engine, 'renderer/src/contacts/ui/Snippet.tsx'))).toHaveLength(2);
    const imported = `import { EventStore } from '../../data/event-store';\nexport const S = EventStore;\n`;
    expect(writes(await messages(imported, 'renderer/src/contacts/ui/contacts-store.ts'))).toHaveLength(1);
  });

  it('refuses a view that appends a command\'s events through any handle, or writes a table itself', async () => {
    const handle = `import { useSession } from '../vault/session-store';
import { undoEvent } from '../../../shared/contacts/commands';
export function Undo({ eventId }: { eventId: string }) {
  const ws = useSession((s) => s.store)!;
  const undo = () => {
    const r = undoEvent({} as never, { incidentId: 'i1' }, { datasetId: 'd', eventId });
    if (r.ok) void ws.append(r.events);
  };
  return <button type="button" onClick={undo}>x</button>;
}
`;
    expect(writes(await messages(handle, VIEW))).toHaveLength(1);
    const table = `import { useContacts } from './contacts-store';
export function Clear({ id }: { id: string }) {
  const engine = useContacts((s) => s.engine)!;
  return <button type="button" onClick={() => void engine.tables.status.delete(id)}>x</button>;
}
`;
    expect(writes(await messages(table, 'renderer/src/contacts/ui/Snippet.tsx'))).toHaveLength(1);
    const meta = `export async function forget(s: { database: { meta: { put(r: unknown): Promise<void> } } }) {\n  await s.database.meta.put({ key: 'k', value: 1 });\n}\n`;
    expect(writes(await messages(meta, STORE))).toHaveLength(1);
    // The page itself is not the store: a view may still put an element on it.
    const page = `export function show(el: HTMLElement) {\n  document.body.append(el);\n}\n`;
    expect(writes(await messages(page, VIEW))).toEqual([]);
  });

  it('lets a view dispatch, and a store hold the store type for its reads', async () => {
    const view = `import { dispatch } from '../data/dispatch';
export function Save() {
  return <button type="button" onClick={() => void dispatch('boards.add-task', { incidentId: 'i1', phase: 'direction', title: 'x' })}>x</button>;
}
`;
    expect(writes(await messages(view, VIEW))).toEqual([]);
    const store = `import type { EventStore } from '../data/event-store';\nexport const read = (s: EventStore) => s.table(tables.tasks).all();\n`;
    expect(writes(await messages(store, STORE))).toEqual([]);
  });
});
