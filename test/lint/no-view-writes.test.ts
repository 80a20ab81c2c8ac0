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
