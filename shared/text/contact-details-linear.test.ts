import { describe, expect, it } from 'vitest';
import { blankContactDetails } from './contact-details';

/**
 * A title typed or pasted very long is blanked whole (an alert's title, a reminder's desktop
 * notification) in time that grows with its length, not with its square. Each text below is
 * one that a rule used to read again from every place in it: 200,000 characters took minutes
 * (20,000 took seconds), and the app froze meanwhile; each case here failed on those rules. Now
 * each takes well under a second; the timeout fails a rule that reads the text again from every
 * place.
 */
const N = 200_000;
const TIMEOUT = { timeout: 5_000 };

const alert = (text: string) => blankContactDetails(text, { replacement: '…', minDigits: 2 });
/** As a reminder's notification and the executives' page call it. */
const exec = (text: string) => blankContactDetails(text, { replacement: '＊＊＊', minDigits: 8, keepDatesAndAmounts: true });

/** `unit` repeated to `length` characters. */
const run = (unit: string, length = N) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** What is recognisable after the long part: a phone number and an e-mail address, each blanked. */
const TAIL = ' 電話 090-1234-5678 メール taro@example.jp まで';
const alertTail = ' 電話 … メール … まで';
const execTail = ' 電話 ＊＊＊ メール ＊＊＊ まで';

describe('blanking a very long text takes time in proportion to its length', () => {
  it.each([
    // [what, the long part, what an alert's title makes of it, what a reminder makes of it]
    // Read again from every digit by the e-mail rules, 丁目, 番地, 番…号, 号室 and digits joined by の.
    ['full-width digits', run('１'), '…', '＊＊＊'],
    ['half-width digits', run('1'), '…', '＊＊＊'],
    // Read again from every numeral by 丁目, 番地, 番…号 and 号室.
    ['kanji numerals', run('一'), '…', '＊＊＊'],
    // By the e-mail rules and the code rule (letters and digits).
    ['letters', run('a'), run('a'), run('a')],
    ['a name with dots', run('a.'), run('a.'), run('a.')],
    ['letters and digits', run('a1'), '…', '＊＊＊'],
    // By the e-mail rule written "(at)": any run without a space.
    ['katakana', run('ア'), run('ア'), run('ア')],
    ['kanji', run('漢'), run('漢'), run('漢')],
    ['丁目 over and over', run('1丁目', N - 2), '…', '＊＊＊'],
    ['番 over and over', run('1番'), run('1番'), run('1番')],
    // By 番地: a street number's numbers joined by の or dashes, read again from each.
    ['numbers joined by の, then 番地', `${run('1の', N - 1)}2番地`, '…', '＊＊＊'],
    ['numbers joined by の', run('1の'), '…の', '＊＊＊の'],
    ['kanji numerals joined by の', run('一の'), '…の', '＊＊＊の'],
    ['numbers joined by dashes', run('1-'), '…-', '＊＊＊-'],
    ['a dash after every four digits', run('1111-'), '…-', '＊＊＊-'],
    ['dashes', run('-'), run('-'), run('-')],
    // By a label's number: spaces, or digits a count follows, given back one at a time.
    ['a label then spaces', `番号${run(' ')}。`, `番号${run(' ')}。`, `番号${run(' ')}。`],
    ['a label then digits then a count', `番号${run('1')}件`, '番号…件', '番号＊＊＊件'],
    ['a label then letters and digits then a count', `番号${run('A1')}件`, '番号…件', '番号＊＊＊件'],
    ['a building then digits then a year', `ビル${run('1')}年`, 'ビル…年', 'ビル＊＊＊年'],
  ])('%s', TIMEOUT, (_what, long, alerted, reminded) => {
    expect(alert(long + TAIL)).toBe(alerted + alertTail);
    expect(exec(long + TAIL)).toBe(reminded + execTail);
  });
});
