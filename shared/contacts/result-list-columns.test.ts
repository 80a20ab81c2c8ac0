/** Which line is a header and which column is the key, for lists people paste (a stranger's findings: a reason saying "mail" or "お客様" made a header; 顧客名, 会員区分, 連番, 件名 or From taken for the key). */
import { describe, expect, it } from 'vitest';
import { parseResultList } from './result-list';

describe('headerless lists whose reason mentions a key word', () => {
  it('a headerless bounce list whose SMTP reasons say "mailbox"/"address" keeps column 1 as the address and every line', () => {
    const text = 'taro@example.jp,550 5.1.1 Mailbox unavailable\nhana@example.jp,550 5.1.1 Recipient address rejected: User unknown\n';
    const p = parseResultList(text, 'bounce');
    expect(p.header).toBe(false);
    expect(p.keyColumn).toBe(0);
    expect(p.items.map((i) => i.key)).toEqual(['taro@example.jp', 'hana@example.jp']);
  });

  it('a headerless bounce list with a 452 mailbox-full reason keeps the first line', () => {
    const text = 'taro@example.jp\t452 4.2.2 Mailbox full\n';
    const p = parseResultList(text, 'bounce');
    expect(p.items.map((i) => i.key)).toEqual(['taro@example.jp']);
  });

  it('a headerless returned-mail list whose reason names the customer (English) keeps its first line and key', () => {
    const text = '000123,Customer moved away\n000124,Addressee unknown\n';
    const p = parseResultList(text, 'returned-mail');
    expect(p.header).toBe(false);
    expect(p.items.map((i) => i.key)).toEqual(['000123', '000124']);
  });

  it('a headerless line cut from the vendor file (a row with no name: honorific お客様) is data, keyed by its 照会番号 column', () => {
    const text = '1000001,東京都,千代田区,千代田,1-1,,お客様,0100-0001-234,標準,,\n';
    const p = parseResultList(text, 'returned-mail');
    expect(p.header).toBe(false);
    expect(p.items).toHaveLength(1);
  });

  it('a headerless returned-mail list with a note "お客様より連絡" keeps its first line and key', () => {
    const text = '000123,お客様より転居の連絡\n000124,宛所不明\n';
    const p = parseResultList(text, 'returned-mail');
    expect(p.items.map((i) => i.key)).toEqual(['000123', '000124']);
  });
});

describe('header rows naming a customer field that is not the number', () => {
  it('顧客名,顧客番号,返送理由: the number column is the key, not the name', () => {
    const p = parseResultList('顧客名,顧客番号,返送理由\n山田 花子,000123,宛所不明\n', 'returned-mail');
    expect(p.header).toBe(true);
    expect(p.items.map((i) => i.key)).toEqual(['000123']);
    expect(p.items[0]!.detail).toBe('宛所不明');
  });

  it('Customer Name,Customer No,Reason: the number column is the key', () => {
    const p = parseResultList('Customer Name,Customer No,Reason\nHanako Yamada,000123,Moved\n', 'returned-mail');
    expect(p.items.map((i) => i.key)).toEqual(['000123']);
  });

  it('郵便番号,住所,お客様名,顧客番号,返送理由: the number column, not お客様名', () => {
    const p = parseResultList('郵便番号,住所,お客様名,顧客番号,返送理由\n1000001,東京都千代田区1,山田 花子,000123,宛所不明\n', 'returned-mail');
    expect(p.items.map((i) => i.key)).toEqual(['000123']);
  });

  it('会員区分,会員番号,理由: the member number, not the member category (digits that zero-restoring would match)', () => {
    const p = parseResultList('会員区分,会員番号,理由\n1,000123,宛所不明\n', 'returned-mail');
    expect(p.items.map((i) => i.key)).toEqual(['000123']);
  });

  it('bounce: 件名/メール件名 before 宛先: the recipient column is the key', () => {
    const p = parseResultList('送信日時,メール件名,宛先,エラー内容\n2026-12-01,お詫び,taro@example.jp,550 user unknown\n', 'bounce');
    expect(p.items.map((i) => i.key)).toEqual(['taro@example.jp']);
  });

  it('bounce: a delivery log with the sender first (From address, To address) reads the recipient', () => {
    const p = parseResultList('From Address,To Address,Status\nnoreply@shop.example,taro@example.jp,bounced\n', 'bounce');
    expect(p.items.map((i) => i.key)).toEqual(['taro@example.jp']);
  });
});

describe('ordinary two-column lists', () => {
  it.each([
    ['顧客番号,返送日', '000123,2026-12-01'],
    ['番号,理由', '000123,宛所不明'],
    ['Customer No,Reason', '000123,Moved'],
    ['No,Reason', '000123,Moved'],
  ])('%s reads column 1 as the key', (head, line) => {
    const p = parseResultList(`${head}\n${line}\n`, 'returned-mail');
    expect(p.header).toBe(true);
    expect(p.keyColumn).toBe(0);
    expect(p.items.map((i) => i.key)).toEqual(['000123']);
  });



  it('bounce Email,Status where status holds the address again: the address is read from the Email column', () => {
    const p = parseResultList('Email,Status\ntaro@example.jp,taro@example.jp hard\n', 'bounce');
    expect(p.items.map((i) => i.key)).toEqual(['taro@example.jp']);
  });

  it('連番 (serial) first, 管理番号 second: the serial numbers are not the key', () => {
    const p = parseResultList('連番,管理番号,返送理由\n1,000123,宛所不明\n2,000456,宛所不明\n', 'returned-mail');
    expect(p.items.map((i) => i.key)).toEqual(['000123', '000456']);
  });


});
