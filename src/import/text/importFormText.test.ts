import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFormBytes } from './importFormText.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/forms/other/${name}`, import.meta.url));

describe('recognising the kind of form', () => {
  it('reads project-target.txt as a project form, not as a department-wide one', () => {
    const outcome = importFormBytes(fixture('project-target.txt'));
    expect(outcome).toMatchObject({ ok: true, declaration: { kind: 'project-target', project: { name: '政务信息化运维' }, funds: { total: '120.00' } } });
  });

  it.each([['self-evaluation.txt', 'self-evaluation', '绩效自评表']])('reports %s as a %s, not forced into a target form', (file, kind, zh) => {
    const outcome = importFormBytes(fixture(file));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome).toMatchObject({ problem: 'wrong-kind', kind });
    expect(outcome.message.zh).toContain(zh);
    expect(outcome.evidence[0]).toMatch(/^line 1: /);
  });

  it('reports text that is no form at all as unrecognised', () => {
    const outcome = importFormBytes(fixture('not-a-form.txt'));
    expect(outcome).toMatchObject({ ok: false, problem: 'unrecognised' });
  });

  it('refuses empty, blank and binary input with the reason', () => {
    expect(importFormBytes(new Uint8Array())).toMatchObject({ ok: false, problem: 'empty' });
    expect(importFormBytes(new TextEncoder().encode(' \n\u3000\n'))).toMatchObject({ ok: false, problem: 'empty' });
    expect(importFormBytes(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]))).toMatchObject({ ok: false, problem: 'binary' });
    expect(importFormBytes(Uint8Array.from([0xff, 0xfe, 0x00, 0xd8]))).toMatchObject({ ok: false, problem: 'encoding' });
  });
});

describe('a department form from another region, with another layout', () => {
  const outcome = importFormBytes(fixture('hubei-style-department.txt'));
  if (!outcome.ok) throw new Error(outcome.message.en);
  const d = outcome.declaration;
  if (d.kind !== 'department-target') throw new Error(`read as ${d.kind}`);

  it('reads title, year, department and the amounts it has, exactly (four decimals kept)', () => {
    expect(d).toMatchObject({ title: '2021年部门整体支出绩效目标申报表', year: 2021, department: '广水市示例局' });
    expect(d.budget).toMatchObject({ total: '968.1918', totalDerived: false, basic: '724.2318', project: '243.96', income: { fiscal: '724.2318', other: '243.96' } });
    expect(d.goals).toEqual(['完成全市示例业务培训，提升基层办理能力。', '保障机关正常运转。']);
  });

  it('reads a one-target-column indicator table with labels on the rows', () => {
    expect(d.indicators.map((i) => [i.level1, i.level2, i.name, i.periodTarget, i.annualTarget])).toEqual([
      ['产出指标', '数量指标', '培训人次', '', '≥500人次'],
      ['产出指标', '质量指标', '培训合格率', '', '≥90%'],
      ['产出指标', '时效指标', '培训完成时间', '', '11月30日前'],
      ['效益指标', '社会效益指标', '基层办理能力提升', '', '明显提升'],
      ['满意度指标', '服务对象满意度指标', '参训人员满意度', '', '≥90%'],
    ]);
    expect(d.indicators[2]?.annualTargetValue).toMatchObject({ kind: 'deadline', month: 11, day: 30 });
  });

  it('keeps what it does not model (shares in %, the second 合计, column words) in unparsed, by line', () => {
    expect(d.unparsed).toEqual([
      { line: 5, text: '金额 占比 金额 占比' },
      { line: 7, text: '74.80% 74.80%' },
      { line: 9, text: '25.20% 25.20%' },
      { line: 11, text: '100% 968.1918 100%' },
    ]);
  });
});
