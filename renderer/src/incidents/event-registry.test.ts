/**
 * The registry must list every event type the app can append, or the timeline would show
 * a new type as "recorded by a newer version". This reads the sources (no Node: Vite's
 * glob) and collects the event types written where events are made or matched.
 */
import { describe, expect, it } from 'vitest';
import { EVENT_TYPE_PATTERN } from '../../../shared/events/event';
import { EVENT_TYPES, isRegisteredEventType } from '../../../shared/events/registry';

const SOURCES = import.meta.glob(
  ['/shared/**/*.ts', '/renderer/src/**/*.{ts,tsx}', '/electron/**/*.ts', '/server/**/*.ts', '!**/*.test.ts', '!**/*.test.tsx', '!**/test-*.ts', '!**/*.d.ts'],
  { query: '?raw', import: 'default', eager: true },
) as Record<string, string>;

/** `type: 'a.b'`, `type === 'a.b'`, `case 'a.b':`, `const X = 'a.b'` (the forms events are written in). */
const CONTEXTS = [
  /\btype\s*:\s*'([a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*)'/g,
  /\.type\s*[!=]==?\s*'([a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*)'/g,
  /\bcase\s+'([a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*)'\s*:/g,
  /\bconst\s+[A-Z_]+\s*=\s*'([a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*)'/g,
  /\b[a-zA-Z]+\s*:\s*'([a-z]+\.[a-z]+(?:-[a-z]+)*-(?:[a-z]+ed|done|seen|sent|made|set))'/g,
];

function typesIn(text: string): string[] {
  return CONTEXTS.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]!));
}

describe('the event registry', () => {
  it('reads the sources it checks', () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(100);
    expect(Object.keys(SOURCES).some((f) => f.endsWith('/shared/contacts/events.ts'))).toBe(true);
  });

  it('lists every event type the sources append or fold', () => {
    const unregistered = new Map<string, string>();
    for (const [file, text] of Object.entries(SOURCES)) {
      // i18n dictionaries and the timeline's own words are not events.
      if (file.includes('/i18n/')) continue;
      for (const type of typesIn(text)) if (!isRegisteredEventType(type)) unregistered.set(type, file);
    }
    expect(
      [...unregistered].map(([type, file]) => `${type} (${file}): add it to shared/events/registry.ts and give it words in i18n/*-events.ts`),
    ).toEqual([]);
  });

  it('finds the types it knows in the sources (the scan is not blind)', () => {
    const found = new Set(Object.values(SOURCES).flatMap(typesIn));
    for (const type of ['incident.first-reported', 'faq.enquiry-logged', 'contacts.outcomes-recorded', 'sync.device-revoked', 'disclosure.contact-logged']) {
      expect(found.has(type), type).toBe(true);
    }
  });

  it('holds only well-formed types', () => {
    for (const type of EVENT_TYPES) expect(type, type).toMatch(EVENT_TYPE_PATTERN);
  });
});
