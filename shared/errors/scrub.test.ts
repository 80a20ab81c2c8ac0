import { describe, expect, it } from 'vitest';
import { MAX_FRAMES, MAX_MESSAGE, scrubComponentStack, scrubError, scrubStack, scrubText } from './scrub';

/** Values from the fixtures' kind of customer: none of them may survive. */
const PERSONAL = ['山田', '花子', 'ヤマダ', '090-1234-5678', '09012345678', 'hanako@example.jp', '150-0001', '東京都渋谷区', 'C-000123', '123456', 'Tanaka'];

const leaks = (text: string) => PERSONAL.filter((p) => text.includes(p));

describe('scrubbing error messages', () => {
  it('drops quoted values, Japanese text, e-mail addresses, phone numbers and postcodes', () => {
    const messages = [
      `Unexpected token '山', "山田 花子,ヤマダ…" is not valid JSON`,
      'Key already exists: hanako@example.jp',
      'row 12: 090-1234-5678 is not a phone number in 東京都渋谷区 150-0001',
      'customer "C-000123" not found (123456 rows)',
      '顧客 山田 花子 の住所が不正です',
      "cannot parse 'Tanaka'",
      'failed to fetch https://example.jp/customers?name=%E5%B1%B1%E7%94%B0&tel=09012345678',
    ];
    for (const m of messages) expect(leaks(scrubText(m)), m).toEqual([]);
  });

  it('keeps the shape of what went wrong: the words of code, small numbers, event types and table names', () => {
    expect(scrubText("Cannot read properties of undefined (reading 'name')")).toBe("Cannot read properties of undefined (reading '…')");
    expect(scrubText('store: "people.profile-saved" is not an event type (part.thing-happened)')).toBe(
      'store: "people.profile-saved" is not an event type (part.thing-happened)',
    );
    expect(scrubText("Table 'contact-status' does not exist")).toBe("Table 'contact-status' does not exist");
    expect(scrubText('Unexpected token at line 12, column 3')).toBe('Unexpected token at line 12, column 3');
    expect(scrubText('QuotaExceededError: The quota has been exceeded.')).toBe('QuotaExceededError: The quota has been exceeded.');
  });

  it('drops names written in Latin letters, capitalised or in capitals, and keeps the English words of messages', () => {
    const names = ['Yamada', 'Taro', 'Suzuki', 'Ichiro', 'Takahashi', 'Matsumoto', 'Kenji', 'Ohno', 'Itoh', 'Sato', 'YAMADA', 'HANAKO', 'Ryota'];
    const messages = [
      'Invalid row for Yamada Taro at column 3',
      'worker crashed while reading Suzuki Ichiro, Takahashi Kenji',
      'card holder YAMADA HANAKO does not match',
      'Matsumoto, Ohno and Itoh failed; Sato Ryota too',
    ];
    for (const m of messages) {
      const out = scrubText(m);
      expect(names.filter((n) => out.includes(n)), out).toEqual([]);
    }
    expect(scrubText('Invalid row for Yamada Taro at column 3')).toBe('Invalid row for […] at column 3');
    // English words of engine and library messages that could be read as romanised Japanese stay.
    for (const kept of ['Database closed', 'Data provided to an operation does not meet requirements', 'Name is not valid', 'Time out', 'Node cannot be inserted', 'The operation was aborted', 'Unable to open database file', 'Range not satisfiable']) {
      expect(scrubText(kept)).toBe(kept);
    }
  });

  it('replaces ids and long tokens, and keeps messages short', () => {
    expect(scrubText('no event 1b4e28ba-2fa1-11d2-883f-0016d3cca427 here')).toBe('no event [id] here');
    expect(scrubText('bad key q83vEjRWeJq83vEjRWeJ0A==')).toBe('bad key [id]');
    const long = scrubText('x'.repeat(1000));
    expect(long.length).toBe(MAX_MESSAGE);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('scrubbing stacks', () => {
  it('keeps function names and file names with line and column, without folders, origins or the message line', () => {
    const stack = [
      "TypeError: Cannot read properties of undefined (reading '山田')",
      '    at EventStore.commit (app://honbu/assets/index-Bx12.js:1:23456)',
      '    at async submit (http://127.0.0.1:5173/src/incidents/FirstReportForm.tsx?t=1700000000000:55:18)',
      '    at file:///home/yamada.hanako/Honbu/resources/app.asar/dist/renderer/assets/index.js:2:10',
    ].join('\n');
    expect(scrubStack(stack)).toEqual(['EventStore.commit (index-Bx12.js:1:23456)', 'submit (FirstReportForm.tsx:55:18)', 'index.js:2:10']);
  });

  it('reads Firefox-style frames too and keeps at most a bounded number', () => {
    expect(scrubStack('refresh@http://127.0.0.1/assets/index.js:3:4\n@http://127.0.0.1/assets/index.js:5:6')).toEqual(['refresh (index.js:3:4)', 'index.js:5:6']);
    const many = Array.from({ length: 40 }, (_, i) => `    at f${i} (app://honbu/a.js:${i}:1)`).join('\n');
    expect(scrubStack(many)).toHaveLength(MAX_FRAMES);
  });

  it('keeps component names of a render error', () => {
    expect(scrubComponentStack('\n    at TimelineView (app://honbu/assets/index.js:1:2)\n    at div\n    at IncidentScreen (app://honbu/x.js:3:4)')).toEqual(['TimelineView', 'IncidentScreen']);
  });
});

describe('scrubError', () => {
  it('reduces anything thrown to a name, a scrubbed message and frames', () => {
    const e = new RangeError('invalid date "2026-13-45" for 山田');
    const s = scrubError(e);
    expect(s.name).toBe('RangeError');
    expect(s.message).toBe('invalid date "…" for […]');
    expect(s.stack.length).toBeGreaterThan(0);
    expect(scrubError(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))).toMatchObject({
      name: 'QuotaExceededError',
      message: 'The quota has been exceeded.',
    });
    expect(scrubError('山田 花子 failed')).toEqual({ name: 'Error', message: '[…] failed', stack: [] });
    expect(scrubError(undefined)).toEqual({ name: 'Error', message: 'thrown undefined', stack: [] });
    expect(scrubError({ name: '<img src=x>', message: 'x' }).name).toBe('Error');
    // A wrapper without its own stack (Dexie outside debug mode) shows the stack of what it wraps.
    const inner = new Error('inner');
    expect(scrubError({ name: 'QuotaExceededError', message: 'quota', inner }).stack).toEqual(scrubStack(inner.stack));
    expect(scrubError(Object.assign(new Error('outer'), { stack: undefined, cause: inner })).stack).toEqual(scrubStack(inner.stack));
  });
});
