import { describe, expect, it } from 'vitest';
import { exampleDeclaration } from '../rules/exampleDeclaration.ts';
import { exampleReport } from './exampleReport.ts';
import { fillFrom, lockTargetParts, prefillReport } from './prefill.ts';

describe('prefilling a report from its targets', () => {
  it('copies every indicator and the budget of the department form, with nothing filled in', () => {
    const target = exampleDeclaration();
    const report = prefillReport(target, { id: 't1', version: 3 }, { name: '1–7月', through: '2025-07-31' });
    expect(report.target).toEqual({ id: 't1', kind: 'department-target', version: 3 });
    expect(report.budget.annual).toBe(target.budget.total);
    expect(report.indicators.map((i) => [i.name, i.annualTarget])).toEqual(target.indicators.map((i) => [i.name, i.annualTarget]));
    expect(report.indicators.every((i) => i.actualToDate === '' && i.likelihood === null)).toBe(true);
  });

  it('keeps what comes from the targets when a department sends other values', () => {
    const stored = exampleReport();
    const sent = structuredClone(stored);
    (sent.indicators[0] as { annualTarget: string; actualToDate: string }).annualTarget = '≥1人次';
    (sent.indicators[0] as { actualToDate: string }).actualToDate = '310人次';
    sent.budget.annual = '1.00';
    sent.round.through = '2025-12-31';
    const locked = lockTargetParts(sent, stored);
    expect(locked.indicators[0]).toMatchObject({ annualTarget: '≥500人次', actualToDate: '310人次' });
    expect(locked.budget.annual).toBe('100.00');
    expect(locked.round.through).toBe('2025-07-31');
  });

  it('fills from a table filled elsewhere by indicator name, and names the rows it could not place', () => {
    const report = exampleReport();
    for (const i of report.indicators) (i as { actualToDate: string }).actualToDate = '';
    const filled = exampleReport();
    filled.indicators.push({ ...(filled.indicators[0] as (typeof filled.indicators)[number]), name: '不存在的指标' });
    const result = fillFrom(report, filled);
    expect(result.matched).toBe(4);
    expect(result.unmatched).toEqual(['不存在的指标']);
    expect(result.report.indicators[0]?.actualToDate).toBe('300人次');
  });
});
