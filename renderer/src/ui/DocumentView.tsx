import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { shortCell, type Block, type DocumentModel } from '../../../shared/disclosure/document';
import './document.css';

function BlockView({ block, missingLabel }: { block: Block; missingLabel: string }) {
  switch (block.kind) {
    case 'heading':
      return block.level === 3 ? <h3>{block.text}</h3> : <h2>{block.text}</h2>;
    case 'paragraph':
      return <p className={block.align === 'right' ? 'right' : undefined}>{block.text}</p>;
    case 'list':
      return (
        <ul>
          {block.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      );
    case 'fields':
      return (
        <table className="fields">
          <tbody>
            {block.rows.map((r, i) => (
              <tr key={i}>
                <th scope="row">{r.label}</th>
                <td className={r.missing ? 'missing' : undefined}>{r.value || (r.missing ? missingLabel : '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'table':
      return (
        <table>
          <thead>
            <tr>
              {block.header.map((h, i) => (
                <th key={i} scope="col" className={shortCell(h) ? 'short' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j} className={shortCell(c) ? 'short' : undefined}>
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

/** A document as it is read and printed (the same markup as its HTML export). */
export function DocumentView({ doc, missingLabel = '', id }: { doc: DocumentModel; missingLabel?: string; id?: string }) {
  const from = [doc.date ?? '', ...doc.from].filter((l) => l.trim() !== '');
  const to = doc.to.filter((l) => l.trim() !== '');
  return (
    // Focusable: on screen a long document scrolls inside its frame, and the keyboard must be able to scroll it (axe: scrollable-region-focusable).
    <article className="doc" lang={doc.lang} id={id} aria-label={doc.title} tabIndex={0}>
      {doc.draftMark && <p className="doc-draft">{doc.draftMark}</p>}
      {(from.length > 0 || to.length > 0) && (
        <div className="doc-head">
          <div className="doc-to">
            {to.map((l, i) => (
              <p key={i}>{l}</p>
            ))}
          </div>
          <div className="doc-from">
            {from.map((l, i) => (
              <p key={i}>{l}</p>
            ))}
          </div>
        </div>
      )}
      <h1>{doc.title}</h1>
      {doc.blocks.map((b, i) => (
        <BlockView key={i} block={b} missingLabel={missingLabel} />
      ))}
      {doc.closing && <p className="doc-closing">{doc.closing}</p>}
    </article>
  );
}

/**
 * The document that prints while this is mounted: rendered outside the app's root, so
 * printing (window.print, Electron's printToPDF) shows it alone, as a document.
 */
export function PrintView({ doc, missingLabel }: { doc: DocumentModel; missingLabel?: string }) {
  const [host, setHost] = useState<HTMLElement | null>(null);
  useEffect(() => {
    const el = document.createElement('div');
    el.id = 'print-root';
    el.setAttribute('aria-hidden', 'true');
    document.body.append(el);
    setHost(el);
    return () => el.remove();
  }, []);
  return host ? createPortal(<DocumentView doc={doc} missingLabel={missingLabel} />, host) : null;
}
