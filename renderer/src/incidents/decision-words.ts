/** What a recorded decision says, in the reader's language where the app wrote the words. */
import type { Decision } from '../../../shared/incident/decisions';
import type { useT } from '../i18n/i18n';

export function decisionWhat(t: ReturnType<typeof useT>, d: Pick<Decision, 'what' | 'disclosurePublish'>): string {
  // The disclosure form's decision: "公表の判断: 公表しない" was stored in the recorder's language.
  if (typeof d.disclosurePublish === 'boolean') {
    return t('decisionForm.timelineWhat', { decision: d.disclosurePublish ? t('decisionForm.publish') : t('decisionForm.notPublish') });
  }
  return d.what;
}
