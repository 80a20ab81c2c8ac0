import { englishGaps } from '../../../shared/company/profile';
import type { CompanyFields } from '../../../shared/company/profile';
import { useT } from '../i18n/i18n';

/**
 * Before a statement or notice goes out: no sender at all, or, for an English document, the
 * parts of the sender that would stay in Japanese (the English ones are optional in the profile).
 */
export function SenderNotice({ company, lang }: { company: CompanyFields | null; lang: 'ja' | 'en' }) {
  const t = useT();
  if (!company) return <p className="notice">{t('notices.senderMissing')}</p>;
  const gaps = lang === 'en' ? englishGaps(company) : [];
  if (gaps.length === 0) return null;
  const names = { name: 'company.fields.name', representativeTitle: 'company.fields.representativeTitle', representative: 'company.fields.representative' } as const;
  return <p className="notice">{t('notices.senderEnglishGaps', { fields: gaps.map((g) => t(names[g])).join(t.dict.facts.listSeparator) })}</p>;
}
