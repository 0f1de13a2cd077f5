import { describe, expect, it } from 'vitest';
import { checkedFilters, isFilterId, isFilterYear } from './checkedFilters.ts';

const checks = { state: ['open', 'reported'], overdue: ['true', 'false'], year: isFilterYear, departmentId: isFilterId } as const;

describe('checkedFilters', () => {
  it('keeps the values that pass their checks', () => {
    const { values, rejected } = checkedFilters(new URLSearchParams('state=open&overdue=true&year=2025&departmentId=d1'), checks);
    expect(values).toEqual({ state: 'open', overdue: 'true', year: '2025', departmentId: 'd1' });
    expect(rejected).toEqual([]);
  });

  it('reads an unknown value as unset and names it to drop from the address', () => {
    const { values, rejected } = checkedFilters(new URLSearchParams('state=bogus&overdue=maybe&year=abc&departmentId=d1'), checks);
    expect(values).toEqual({ state: '', overdue: '', year: '', departmentId: 'd1' });
    expect(rejected).toEqual(['state', 'overdue', 'year']);
  });

  it('reads a missing or empty filter as unset without rejecting it', () => {
    const { values, rejected } = checkedFilters(new URLSearchParams('state='), checks);
    expect(values).toEqual({ state: '', overdue: '', year: '', departmentId: '' });
    expect(rejected).toEqual([]);
  });
});

describe('isFilterYear', () => {
  it('takes four-digit years from 2000 to 2100 only', () => {
    expect(['2000', '2025', '2100'].map(isFilterYear)).toEqual([true, true, true]);
    expect(['1999', '2101', '20x5', '025', ''].map(isFilterYear)).toEqual([false, false, false, false, false]);
  });
});
