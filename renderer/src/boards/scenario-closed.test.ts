import { describe, expect, it } from 'vitest';
import { translatorFor } from '../i18n/i18n';

// A closed incident refuses a scenario's tasks: the message must say how to take it up again (break15).
describe('adding a scenario to a closed incident', () => {
  it('says where to clear the completion date, in the words of the tab and the field', () => {
    const ja = translatorFor('ja');
    expect(ja('scenarioTasks.problems.closed')).toContain(`「${ja('tabs.closing')}」`);
    expect(ja('scenarioTasks.problems.closed')).toContain(`「${ja('details.completedAt')}」`);
    const en = translatorFor('en');
    expect(en('scenarioTasks.problems.closed')).toContain(en('tabs.closing'));
    expect(en('scenarioTasks.problems.closed')).toContain(en('details.completedAt'));
  });
});
