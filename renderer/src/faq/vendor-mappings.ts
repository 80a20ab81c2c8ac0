/**
 * Column mappings of the vendor's files, remembered per file shape (kind + header names) in
 * the device preferences, as the customer import does, under a keyed hash of the header
 * (data/remembered-shapes.ts): a day file without a header line has an enquiry in its place.
 * Tomorrow's file of the same vendor then maps itself.
 */
import { mappingFits, shapeHeader, type VendorKind, type VendorMapping } from '../../../shared/faq/vendor-mapping';
import { recallShape, rememberShape } from '../data/remembered-shapes';
import { database, useSession } from '../vault/session-store';

const scope = (kind: VendorKind) => `faq-vendor:${kind}`;
const indexKey = () => useSession.getState().store?.keys.index;

export async function recallVendorMapping(kind: VendorKind, header: string[]): Promise<VendorMapping | undefined> {
  const stored = await recallShape<VendorMapping>(database(), indexKey(), scope(kind), shapeHeader(header));
  return stored && stored.kind === kind && mappingFits(stored, header) ? stored : undefined;
}

export async function rememberVendorMapping(header: string[], mapping: VendorMapping): Promise<void> {
  await rememberShape(database(), indexKey(), scope(mapping.kind), shapeHeader(header), mapping);
}
