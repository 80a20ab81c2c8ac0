/**
 * A desk for tests of the handover: FAQ entries drafted, edited, approved and retired
 * through the real commands and folds, then handed over through the real command.
 */
import type { HonbuEvent } from '../events/event';
import { foldAll } from '../events/projection';
import { testContext } from '../events/test-context';
import { EMPTY_FACTS, type Facts } from '../incident/model';
import * as commands from './commands';
import { faqProjection } from './events';
import type { FaqHandover } from './handover';
import { handOver } from './handover-commands';
import { faqHandoversProjection } from './handover-events';
import type { FaqEntry } from './model';
import type { CommandResult } from '../events/command';

export class Desk {
  events: HonbuEvent[] = [];
  facts: Facts = { ...EMPTY_FACTS, confirmedCount: 1200, maxCount: 3000, itemsLeaked: ['name', 'address'] };
  private tick = 0;
  private ids = 0;

  private at(): string {
    // One minute apart, from 09:00 Japan time.
    return new Date(Date.parse('2026-12-02T00:00:00Z') + ++this.tick * 60_000).toISOString();
  }

  private append<V>(result: CommandResult<V>, actor = 'boss'): V {
    if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
    for (const d of result.events) this.events.push({ id: `ev-${this.events.length + 1}`, incidentId: 'i1', at: this.at(), actor, type: d.type, payload: d.payload });
    return result.value;
  }

  private ctx() {
    return testContext({ roles: ['direction'], personId: 'boss', ids: [`x${++this.ids}`] });
  }

  entries(): FaqEntry[] {
    return [...foldAll(faqProjection, this.events).values()];
  }

  entry(id: string): FaqEntry {
    const e = this.entries().find((x) => x.id === id);
    if (!e) throw new Error(`no entry ${id}`);
    return e;
  }

  handovers(): FaqHandover[] {
    return [...foldAll(faqHandoversProjection, this.events).values()];
  }

  draft(question: string, answer: string, category = '一般'): string {
    return this.append(commands.draftEntry(this.ctx(), null, { incidentId: 'i1', text: { question, answer, category } }));
  }

  edit(id: string, text: { question?: string; answer?: string; category?: string }): void {
    const latest = this.entry(id).versions.at(-1)!;
    this.append(commands.editEntry(this.ctx(), this.entry(id), { question: text.question ?? latest.question, answer: text.answer ?? latest.answer, category: text.category ?? latest.category }));
  }

  approve(id: string): void {
    this.append(commands.approveEntry(this.ctx(), { entry: this.entry(id), facts: this.facts }), 'boss');
  }

  retire(id: string): void {
    this.append(commands.retireEntry(this.ctx(), this.entry(id), { reason: '不要になった' }));
  }

  /** Renders as the app does, with a marker so a test can tell rendered from template. */
  render = (template: string): string => template.replace(/\{\{\s*confirmedCount\s*\}\}/g, (this.facts.confirmedCount ?? 0).toLocaleString('ja-JP'));

  tryHandOver(leaveOut: string[] = []) {
    return handOver(this.ctx(), { incidentId: 'i1', title: '会員サイトの件', entries: this.entries(), facts: this.facts, handovers: this.handovers() }, { render: this.render, leaveOut });
  }

  handOver(leaveOut: string[] = []): FaqHandover {
    const { handoverId } = this.append(this.tryHandOver(leaveOut), 'lead');
    return this.handovers().find((h) => h.id === handoverId)!;
  }
}
