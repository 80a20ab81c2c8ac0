// Lint rules that keep the architecture honest: the import direction between layers,
// no UI text outside the dictionaries, no form field that lets the browser keep a copy.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Words on screen follow the language on screen: a translated string kept in component
 * state (setMessage(t('…')), useState(t('…'))) stays in the language of the moment it was
 * made. Keep a key and params (renderer/src/ui/message.ts) and translate when rendering.
 */
const frozenText = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const report = (node) =>
      context.report({
        node,
        message: 'Translated text kept in state stays in the old language after a switch: keep a key and params (ui/message.ts) and call t() when rendering.',
      });
    return {
      "CallExpression[callee.name=/^set[A-Z]/] CallExpression[callee.name='t']": report,
      "CallExpression[callee.name='useState'] CallExpression[callee.name='t']": report,
    };
  },
};
const honbu = { rules: { 'no-frozen-text': frozenText } };

/**
 * The data flows one way (STYLE.md): a view or a store changes state only through
 * dispatch('part.verb-noun', args). None of them appends to the event store, builds an event
 * draft or imports the store module. Test: renderer/src/data/no-view-writes.test.ts.
 */
const WRITES_MESSAGE = 'Views and stores change state through dispatch(name, args) (renderer/src/data/dispatch.ts), never by appending or building events.';
const noWrites = [
  {
    // On whatever handle it is held by (`ws.append(result.events)`); only the page itself
    // (`document.body.append(el)`) has an append of its own in a view.
    selector:
      "CallExpression[callee.property.name=/^(append|applyRemote|writeDerived|rebuildProjections)$/]:not([callee.object.name='document']):not([callee.object.object.name='document'])",
    message: WRITES_MESSAGE,
  },
  {
    // Writing a table directly (`engine.tables.status.put`, `store.database.meta.put`, `db.events.add`).
    selector:
      "CallExpression[callee.property.name=/^(put|bulkPut|add|bulkAdd|update|bulkUpdate|delete|bulkDelete|clear|modify)$/]:matches([callee.object.object.property.name=/^(tables|database|db)$/], [callee.object.object.name=/^(tables|database|db)$/])",
    message: WRITES_MESSAGE,
  },
  { selector: "ObjectExpression:has(> Property[key.name='type']):has(> Property[key.name='payload'])", message: WRITES_MESSAGE },
];
const VIEWS_AND_STORES = ['renderer/src/**/*.tsx', 'renderer/src/**/*-store.ts'];
/** Not views or stores: the data layer itself, and sync's key storage (device-store.ts). */
const NOT_YET = ['renderer/src/sync/device-store.ts', 'renderer/src/data/**'];

const layer = (from, forbidden, message) => ({
  files: [`${from}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'e2e/screenshots/**', 'e2e/.profiles/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  // shared/ is the domain: it imports nothing of the app, the runtime or the UI.
  layer(
    'shared',
    ['**/renderer/**', '**/electron/**', 'electron', 'node:*', 'fs', 'path', 'react', 'react-dom', 'dexie', 'zustand'],
    'shared/ is pure domain code: no renderer, electron, Node, React or Dexie imports.',
  ),
  layer('renderer', ['**/electron/**', 'electron', 'node:*'], 'renderer/ may import shared/, never electron/ or Node.'),
  layer('electron', ['**/renderer/**'], 'electron/ may import shared/, never renderer/.'),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { honbu },
    rules: { 'honbu/no-frozen-text': 'error' },
  },
  {
    files: VIEWS_AND_STORES,
    ignores: NOT_YET,
    rules: {
      // A rule of its own name, so the layer rule's no-restricted-imports above still applies here.
      // Type imports stay allowed: a store may hold the EventStore it reads from.
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/data/event-store'], message: WRITES_MESSAGE, allowTypeImports: true }] }],
      'no-restricted-syntax': ['error', ...noWrites],
    },
  },
  // Something that broke goes to the one handler (renderer/src/errors/report.ts), which keeps
  // it in the sealed error log and tells the user: a console line nobody reads is a failure
  // left silent. A warning about a handled, degraded mode may stay on the console.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/errors/**', 'renderer/**/*.test.{ts,tsx}'],
    rules: { 'no-console': ['error', { allow: ['warn'] }] },
  },
  {
    files: ['renderer/**/*.tsx'],
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: '19' } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      // Every word on screen comes from the dictionaries (renderer/src/i18n).
      'react/jsx-no-literals': ['error', { noStrings: false, allowedStrings: ['·', '—', '/', ':', '(', ')', '[', ']', '…', '%', '×', '→'] }],
      'no-restricted-syntax': [
        'error',
        // The block above sets these for views; repeated here because a later block's options replace an earlier one's.
        ...noWrites,
        {
          selector: 'JSXAttribute[name.name=/^(aria-label|title|placeholder|alt|label|aria-valuetext)$/] > Literal',
          message: 'Accessible names and hints come from the dictionaries: use t(...).',
        },
        {
          selector:
            'JSXOpeningElement[name.name=/^(input|textarea)$/]:not(:has(JSXAttribute[name.name="autoComplete"])):not(:has(JSXAttribute[name.name="type"][value.value=/^(checkbox|radio|file|range|hidden)$/]))',
          message: 'Set autoComplete ("off" for personal data): Chromium autofill keeps a clear copy on disk.',
        },
      ],
    },
  },
);
