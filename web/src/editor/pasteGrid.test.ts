import { describe, expect, it } from 'vitest';
import { pastedCells, spreadCells } from './pasteGrid.ts';

describe('pasting a block from a spreadsheet', () => {
  it('reads tab-separated rows, quoted cells with line breaks, and the trailing newline Excel adds', () => {
    expect(pastedCells('a\tb\r\nc\t"d\nd2"\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd\nd2'],
    ]);
    expect(pastedCells('one cell')).toBeNull();
    expect(pastedCells('one cell\n')).toBeNull();
  });

  it('spreads over rows and columns from the cell pasted into, adding rows', () => {
    const rows = [{ a: '1', b: '2' }];
    const out = spreadCells(rows, { row: 0, column: 1 }, [['x'], ['y']], ['a', 'b'], (row, field, value) => ({ ...row, [field]: value }), () => ({ a: '', b: '' }));
    expect(out).toEqual([
      { a: '1', b: 'x' },
      { a: '', b: 'y' },
    ]);
  });
});
