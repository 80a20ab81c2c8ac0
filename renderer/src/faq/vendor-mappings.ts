/**
 * Column mappings of the vendor's files, remembered per file shape (kind + header names)
 * in the device preferences, as the customer import does: column names are not personal
 * data, and tomorrow's file of the same vendor then maps itself.
 */
import { mappingFits, shapeKey, type VendorKind, type VendorMapping } from '../../../shared/faq/vendor-mapping';
import { database } from '../vault/session-store';

export async function recallVendorMapping(kind: VendorKind, header: string[]): Promise<VendorMapping | undefined> {
  const stored = (await database().prefs.get(shapeKey(kind, header)))?.value as VendorMapping | undefined;
  return stored && stored.kind === kind && mappingFits(stored, header) ? stored : undefined;
}

export async function rememberVendorMapping(header: string[], mapping: VendorMapping): Promise<void> {
  await database().prefs.put({ key: shapeKey(mapping.kind, header), value: mapping });
}
