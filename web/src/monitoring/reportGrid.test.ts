import { describe, expect, it } from 'vitest';
import { exampleReport } from '../../../src/core/monitoring/exampleReport.ts';
import { categoriesOf, likelihoodOf, pasteCells, setCell } from './reportGrid.ts';

describe('the monitoring grid', () => {
  const rows = exampleReport().indicators;
  const first = rows[0] as (typeof rows)[number];

  it('reads likelihoods and reason categories as people type them', () => {
    expect(['确定能', '有可能', '完全不可能', 'possible', '', '也许'].map(likelihoodOf)).toEqual(['certain', 'possible', 'impossible', 'possible', null, undefined]);
    expect(categoriesOf('人员保障、硬件')).toEqual(['人员保障', '硬件条件保障']);
    expect(setCell(first, 'likelihood', '也许').likelihood).toBe(first.likelihood);
    expect(setCell(first, 'stageTarget', ' ').stageTarget).toBeNull();
  });

  it('spreads a column pasted from Excel down the rows, and a block across the columns', () => {
    const column = pasteCells(rows, { row: 1, column: 'actualToDate' }, [['91%'], ['已完成'], ['1次'], ['多余']]);
    expect(column.rows.map((r) => r.actualToDate)).toEqual(['300人次', '91%', '已完成', '1次']);
    expect(column).toMatchObject({ written: 3, dropped: 1 });
    const block = pasteCells(rows, { row: 0, column: 'actualToDate' }, [['280人次', '510人次', '有可能']]);
    expect(block.rows[0]).toMatchObject({ actualToDate: '280人次', projectedAnnual: '510人次', likelihood: 'possible' });
  });
});
