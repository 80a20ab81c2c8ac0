/** The company profile (the sender of what goes out), kept current from change notices. */
import { COMPANY_ROW_ID, type CompanyProfile } from '../../../shared/company/profile';
import { liveRows } from '../data/live-rows';
import { tables } from '../data/tables';

export const company = liveRows(tables.company, { kind: 'all' });

export function useCompany(): CompanyProfile | null {
  return company.use((s) => s.rows.find((r) => r.id === COMPANY_ROW_ID) ?? null);
}
