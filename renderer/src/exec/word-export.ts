/**
 * Saving a document as Word (.docx) through the app's save path (the native dialog in
 * Electron, a download on the web). The documents saved this way — statements, the PPC
 * draft, the closing report, the executives' page — hold counts and facts, never a
 * customer's name or contact: no two-person approval (decision 015) applies to them.
 */
import type { DocumentModel } from '../../../shared/disclosure/document';
import { documentDocx } from '../../../shared/disclosure/document-docx';
import type { SaveResult } from '../../../shared/ipc/contract';
import { saveFile } from '../platform/platform';

export async function saveDocx(doc: DocumentModel, baseName: string, missingLabel = ''): Promise<SaveResult> {
  const data = await documentDocx(doc, missingLabel);
  const name = baseName.toLowerCase().endsWith('.docx') ? baseName : `${baseName}.docx`;
  return saveFile({ suggestedName: name, data, filters: [{ name: 'Word', extensions: ['docx'] }] });
}
