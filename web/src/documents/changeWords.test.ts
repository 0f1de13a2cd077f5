import { describe, expect, it } from 'vitest';
import { changeLabel, changeValue } from './changeWords.ts';

const zh = (text: string) => text;
const where = (path: string) => `第 ${Number(path.split('/')[2]) + 1} 行`;

describe('a change between versions in words', () => {
  it('names the row as the kind does, then each field', () => {
    expect(changeLabel('/indicators/2/deviation/reason', where, zh)).toBe('第 3 行 · 偏差 · 原因');
    expect(changeLabel('/indicators/0/actualToDate', where, zh)).toBe('第 1 行 · 截至目前完成值');
  });

  it('names a field outside the rows by its section', () => {
    expect(changeLabel('/budget/executedToDate', where, zh)).toBe('预算执行 · 截至目前执行数');
    expect(changeLabel('/lights/overall', where, zh)).toBe('灯 · 总体');
  });

  it('keeps a field it has no word for as it is', () => {
    expect(changeLabel('/somethingNew', where, zh)).toBe('somethingNew');
  });

  it('says lights and likelihoods in words, and leaves other values to the caller', () => {
    expect(changeValue('green', zh)).toBe('绿灯');
    expect(changeValue('impossible', zh)).toBe('完全不可能');
    expect(changeValue('85%', zh)).toBeNull();
    expect(changeValue(3, zh)).toBeNull();
  });
});
