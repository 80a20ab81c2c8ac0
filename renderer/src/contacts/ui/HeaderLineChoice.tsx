/**
 * Whether a file's first line is column names or already data (decision 055): the tick box,
 * and a calm word when the first line seems to say otherwise. Shared by the customer import
 * and the call-centre vendor's import; each passes its own words.
 */
export function HeaderLineChoice(props: {
  /** The box: the file has no line of column names. */
  noHeader: boolean;
  /** Unticked, the first line holds what only data holds (an e-mail address, a phone …). */
  firstLineIsData: boolean;
  /** Ticked, the first line names columns the mapping knows. */
  firstLineIsNames: boolean;
  words: { noHeader: string; firstLineIsData: string; firstLineIsNames: string };
  disabled?: boolean;
  onChange: (noHeader: boolean) => void;
}) {
  const { noHeader, words } = props;
  return (
    <div className="header-line">
      {props.firstLineIsData && !noHeader && (
        <p role="alert" className="notice">
          {words.firstLineIsData}
        </p>
      )}
      {props.firstLineIsNames && noHeader && (
        <p role="alert" className="notice">
          {words.firstLineIsNames}
        </p>
      )}
      <label className="inline">
        <input type="checkbox" checked={noHeader} disabled={props.disabled} onChange={(e) => props.onChange(e.target.checked)} /> {words.noHeader}
      </label>
    </div>
  );
}
