/** Scenario templates: the built-in ones with the team's saved ones merged in, kept current from change notices. */
import { useMemo } from 'react';
import type { ScenarioTemplate } from '../../../shared/boards/model';
import { BUILTIN_TEMPLATES } from '../../../shared/boards/scenarios';
import { mergeTemplates } from '../../../shared/boards/templates';
import { liveRows } from '../data/live-rows';
import { tables } from '../data/tables';

export const savedTemplates = liveRows(tables.templates, { kind: 'all' });

export function useTemplates(): ScenarioTemplate[] {
  const saved = savedTemplates.use((s) => s.rows);
  return useMemo(() => mergeTemplates(BUILTIN_TEMPLATES, saved), [saved]);
}
