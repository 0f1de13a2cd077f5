import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMoney, compareMoney, formatMoney, formatMoneyGrouped, money, moneyEquals, parseMoney, subtractMoney, sumMoney } from './money.ts';

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
  ])('refuses %j (%s)', (text, error) => {
    expect(parseMoney(text)).toEqual({ ok: false, error });
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
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (cents) => {
        const text = `${cents < 0n ? '-' : ''}${(cents < 0n ? -cents : cents) / 100n}.${((cents < 0n ? -cents : cents) % 100n).toString().padStart(2, '0')}`;
        expect(formatMoney(money(text))).toBe(text === '-0.00' ? '0.00' : text);
        expect(formatMoney(money(formatMoneyGrouped(money(text))))).toBe(formatMoney(money(text)));
      }),
    );
  });
});
