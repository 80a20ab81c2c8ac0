/**
 * The board's filter by owner and a task reminder's words, as a stranger found them: one person
 * listed twice when colleagues typed the space in their name differently, and a customer's phone
 * number and e-mail in a desktop notification from a task's title.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Task } from '../../../shared/boards/tasks';
import type { Reminder } from '../../../shared/reminders/reminders';
import type { OpenIncident } from '../incidents/open-incident';
import { reminderNotification, subjectWords } from '../reminders/reminder-words';
import { BoardsView } from './BoardsView';

const task = (n: number, owner: string, title = `作業 ${n}`): Task => ({
  id: `t${n}`, incidentId: 'i1', phase: 'direction', title, owner, dueAt: null, status: 'todo', notes: '', checklist: [], source: '',
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'p1', stamps: {},
});

/** The owner filter's choices (label by value), the two fixed ones left out. */
function ownerOptions(tasks: Task[]): string[] {
  const data = { incident: { id: 'i1' }, tasks } as unknown as OpenIncident;
  const html = renderToStaticMarkup(createElement(BoardsView, { data }));
  const select = html.slice(html.indexOf('id="board-filter"'), html.indexOf('</select>'));
  return [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)].filter((m) => !m[1]!.startsWith('\u0000') && !m[1]!.startsWith('&#')).map((m) => m[2]!);
}

describe('the board’s filter by owner', () => {
  it('lists one person once however the space or the letters were typed, by the way first typed', () => {
    expect(ownerOptions([task(1, '山田 花子'), task(2, '山田\u3000花子'), task(3, 'ＹＡＭＡＤＡ'), task(4, 'YAMADA'), task(5, ' 佐藤 ')])).toEqual(['ＹＡＭＡＤＡ', '佐藤', '山田 花子']);
  });
  it('lists no blank person for an owner typed as a full-width space', () => {
    expect(ownerOptions([task(1, '\u3000'), task(2, '山田 花子')])).toEqual(['山田 花子']);
  });
});

describe('a task reminder', () => {
  const t = task(1, '山田 花子', '田中様（090-1234-5678 / tanaka@example.jp）へ24時間以内に折り返し');
  const r: Reminder = { id: 'task:t1:due@2026-11-22T09:05:00.000Z', incidentId: 'i1', subject: { type: 'task', taskId: 't1', phase: 'direction' }, point: 'due', at: '2026-11-22T09:05:00.000Z', deadline: '2026-11-22T09:05:00.000Z' };

  it('as a desktop notification blanks a customer’s phone number and e-mail from the title, and keeps the rest', () => {
    for (const lang of ['ja', 'en'] as const) {
      const { title, body } = reminderNotification(r, t, lang);
      expect(`${title} ${body}`).not.toMatch(/090|1234|5678|tanaka|example/);
      expect(body).toContain('田中様（＊＊＊ / ＊＊＊）へ24時間以内に折り返し');
    }
  });
  it('in the app (私の対応) shows the title as typed: the person must be able to call back', () => {
    expect(subjectWords(r.subject, t, 'ja')).toContain('090-1234-5678');
  });
});
