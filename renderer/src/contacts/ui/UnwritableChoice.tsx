import { useT } from '../../i18n/i18n';
import type { UnwritableCell } from '../batches';

/**
 * Before a Shift_JIS mailing list is written: every character it cannot hold (customer,
 * line in the imported list, column, character), and the choice of what to do about it.
 * Never a silent 〓 or ? on a letter.
 */
export function UnwritableChoice(props: { cells: UnwritableCell[]; onSplit: (rows: Set<number>) => void; onAllUtf8: () => void; onCancel: () => void }) {
  const t = useT();
  const rows = new Set(props.cells.map((c) => c.row));
  const nf = new Intl.NumberFormat();
  return (
    <div className="notice" role="alertdialog" aria-labelledby="uw-title">
      <h3 id="uw-title">{t('contacts.batches.unwritable.title')}</h3>
      <p>{t('contacts.batches.unwritable.lead', { n: nf.format(rows.size) })}</p>
      <div className="scroll-x">
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">{t('contacts.batches.unwritable.customer')}</th>
              <th scope="col">{t('contacts.batches.unwritable.line')}</th>
              <th scope="col">{t('contacts.batches.unwritable.column')}</th>
              <th scope="col">{t('contacts.batches.unwritable.char')}</th>
            </tr>
          </thead>
          <tbody>
            {props.cells.slice(0, 200).map((c, i) => (
              <tr key={i}>
                <td>{c.customerNo}</td>
                <td>{nf.format(c.line)}</td>
                <td>{t(`contacts.exports.columns.${c.column as 'name'}`)}</td>
                <td>{t('contacts.batches.unwritable.charText', { char: c.char, code: c.codePoint })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions wrap">
        <button type="button" className="primary" onClick={() => props.onSplit(rows)}>
          {t('contacts.batches.unwritable.split', { n: nf.format(rows.size) })}
        </button>
        <button type="button" onClick={props.onAllUtf8}>
          {t('contacts.batches.unwritable.allUtf8')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('contacts.batches.unwritable.cancel')}
        </button>
      </div>
    </div>
  );
}
