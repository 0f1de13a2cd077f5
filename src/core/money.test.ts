import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMoney, compareMoney, formatMoney, formatMoneyGrouped, money, moneyEquals, parseMoney, readTypedAmount, subtractMoney, sumMoney } from './money.ts';

describe('parseMoney', () => {
  it.each([
    ['2,507.50', '2507.50'],
    ['0.00', '0.00'],
    ['519.61', '519.61'],
    ['4417.5', '4417.50'],
    ['1,910', '1910.00'],
    ['724.2318', '724.2318'],
    ['-3.2', '-3.20'],
    ['４，４１７．５０', '4417.50'],
    [' 10.00 ', '10.00'],
  ])('reads %s as %s', (text, expected) => {
    const result = parseMoney(text);
    expect(result.ok && formatMoney(result.value)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['abc', 'syntax'],
    ['2,5', 'syntax'],
    ['1.2.3', 'syntax'],
    ['12万元', 'syntax'],
    ['0.0000001', 'too-precise'],
    ['1e5', 'syntax'],
    ['1234567890123.00', 'too-large'],
    ['12345678901234567890123', 'too-large'],
  ])('refuses %j (%s)', (text, error) => {
    expect(parseMoney(text)).toEqual({ ok: false, error });
  });
});

describe('readTypedAmount: what a person types into a 万元 box', () => {
  it.each([
    ['2,507.50', '2507.50', false],
    ['¥2,507.50', '2507.50', true],
    ['￥ 2507.5', '2507.50', true],
    ['2507.5万元', '2507.50', true],
    ['２，５０７．５０', '2507.50', true],
    ['2507。50', '2507.50', true],
    ['.5', '0.50', true],
    ['-1', '-1.00', false],
    ['999999999999.99', '999999999999.99', false],
  ])('takes %j as %s', (text, stored, normalised) => {
    const read = readTypedAmount(text);
    expect(read.ok && read.amount && formatMoney(read.amount)).toBe(stored);
    expect(read.ok && read.normalised).toBe(normalised);
  });

  it('flags a negative amount for a second look, and takes blank as no amount', () => {
    expect(readTypedAmount('-1')).toMatchObject({ ok: true, negative: true });
    expect(readTypedAmount('  ')).toMatchObject({ ok: true, amount: null });
  });

  it.each([
    ['1e5', 'syntax'],
    ['2.507,50', 'decimal-comma'],
    ['2507,5', 'decimal-comma'],
    ['2507.1234567', 'too-precise'],
    ['12345678901234567890123', 'too-large'],
    ['12万', 'syntax'],
    ['abc', 'syntax'],
  ])('refuses %j (%s), never a part of it', (text, error) => {
    expect(readTypedAmount(text)).toMatchObject({ ok: false, error });
  });

  it('refuses yuan in a 万元 box and offers the amount in 万元', () => {
    const read = readTypedAmount('2507元');
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error).toBe('yuan');
    expect(!read.ok && read.yuan && formatMoney(read.yuan)).toBe('0.2507');
  });
});

describe('arithmetic', () => {
  it('adds the seed budget exactly: 2507.50 + 1910.00 = 4417.50', () => {
    expect(formatMoney(addMoney(money('2,507.50'), money('1,910.00')))).toBe('4417.50');
  });

  it('sums project amounts with no float drift', () => {
    const amounts = ['10.00', '51.63', '60.00', '15.00', '25.00', '9.50', '9.00', '519.61', '15.00', '47.00', '50.00', '120.00', '686.56', '10.00'];
    expect(formatMoney(sumMoney(amounts.map(money)))).toBe('1628.30');
    expect(formatMoney(sumMoney([money('0.1'), money('0.2')]))).toBe('0.30');
  });

  it('compares and subtracts', () => {
    expect(compareMoney(money('1910.00'), money('1628.30'))).toBe(1);
    expect(formatMoney(subtractMoney(money('1910.00'), money('1628.30')))).toBe('281.70');
    expect(moneyEquals(money('1,000'), money('1000.00'))).toBe(true);
  });

  it('formats with separators as forms print', () => {
    expect(formatMoneyGrouped(money('4417.5'))).toBe('4,417.50');
    expect(formatMoneyGrouped(money('-1234567.891'))).toBe('-1,234,567.891');
  });

  it('round-trips any amount in cents through format and parse', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), (cents) => {
        const text = `${cents < 0n ? '-' : ''}${(cents < 0n ? -cents : cents) / 100n}.${((cents < 0n ? -cents : cents) % 100n).toString().padStart(2, '0')}`;
        expect(formatMoney(money(text))).toBe(text === '-0.00' ? '0.00' : text);
        expect(formatMoney(money(formatMoneyGrouped(money(text))))).toBe(formatMoney(money(text)));
      }),
    );
  });
});
