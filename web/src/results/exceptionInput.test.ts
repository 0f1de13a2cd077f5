import { describe, expect, it } from 'vitest';
import { readException } from './exceptionInput.ts';

describe('an exception as typed', () => {
  it('takes an amount in 万元 with a reason', () => {
    expect(readException('12', '民生兜底')).toEqual({ amount: '12.00', amountError: null, amountNote: null, reasonError: null });
    expect(readException('1,234.5', 'x').amount).toBe('1234.50');
  });

  it('refuses a missing reason, a blank, a negative or a yuan amount, saying why', () => {
    expect(readException('12', '  ').reasonError?.zh).toContain('理由');
    expect(readException('', 'x').amountError?.zh).toContain('请填写');
    expect(readException('-5', 'x')).toMatchObject({ amount: null, amountError: { zh: '建议金额不能为负数' } });
    expect(readException('120000元', 'x').amountError?.zh).toContain('应填 12.00');
    expect(readException('abc', 'x').amount).toBeNull();
  });

  it('keeps more than two places, and says so', () => {
    expect(readException('12.345', 'x')).toMatchObject({ amount: '12.345', amountNote: { zh: expect.stringContaining('超过两位小数') } });
  });
});
