/**
 * Target forms in the layouts regions publish, each a fixture written after real forms (invented
 * departments and figures) with its expected canonical JSON: a 批复表 as `|` rows with a task-to-budget
 * table and merged class cells; a mirror site's traditional characters with pinyin glosses and a web
 * copy's empty cells moved to the row's end; a 审批表 of label–value pairs with the funds' class, code,
 * rate and points; classes wrapped one word a line; a document-sharing site's fused text. Blank
 * templates are named and refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TargetDocument } from '../../core/document.ts';
import { importFormText } from './importFormText.ts';

const path = (name: string) => new URL(`../../../fixtures/forms/${name}`, import.meta.url);

function golden(name: string): TargetDocument {
  const outcome = importFormText(readFileSync(path(`${name}.txt`), 'utf8'));
  if (!outcome.ok) throw new Error(outcome.message.en);
  expect(outcome.documents).toHaveLength(1);
  const expectedFile = path(`${name}.expected.json`);
  // UPDATE_GOLDEN=1 rewrites the expected JSON after a reviewed change.
  if (process.env.UPDATE_GOLDEN) writeFileSync(expectedFile, `${JSON.stringify(outcome.declaration, null, 2)}\n`);
  expect(outcome.declaration).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  return outcome.declaration;
}

const rows = (d: TargetDocument) => d.indicators.map((i) => [i.level1, i.level2, i.name, i.annualTarget || i.periodTarget]);

describe('department-wide forms as published', () => {
  it('a 批复表: department from 预算单位, year from the title, budget, key projects from the task table, merged classes', () => {
    const d = golden('department/approval-rows');
    if (d.kind !== 'department-target') throw new Error(d.kind);
    expect(d).toMatchObject({ department: '示例县农业农村局', year: 2025 });
    expect(d.budget).toMatchObject({ total: '1250.00', basic: '780.00', project: '470.00', income: { fiscal: '1100.00', other: '150.00' } });
    expect(d.projects.map((p) => [p.name, p.amount])).toEqual([['高标准农田建设配套经费', '300.00'], ['病虫害防治专项经费', '170.00']]);
    expect(rows(d)[1]).toEqual(['产出指标', '质量指标', '工程验收合格率', '=100%']);
    expect(d.indicators).toHaveLength(6);
  });

  it('the same 批复表 copied one cell a line, a run of | ending each row, reads as the same form', () => {
    const rows = golden('department/approval-rows');
    const outcome = importFormText(readFileSync(path('department/approval-cell-lines.txt'), 'utf8'));
    if (!outcome.ok) throw new Error(outcome.message.en);
    expect({ ...outcome.declaration, unparsed: [] }).toEqual({ ...rows, unparsed: [] });
  });

  it('a mirror site in traditional characters with pinyin: read as printed, rows whose empty cells moved to the end placed', () => {
    const d = golden('department/mirror-traditional');
    expect(d).toMatchObject({ department: '示例县档案馆', year: 2024, title: '示例县档案馆2024年度整体绩效目标表' });
    expect(rows(d)).toEqual([
      ['产出指标', '数量指标', '档案数字化页数', '10万页'],
      ['产出指标', '质量指标', '数字化成果验收合格率', '100%'],
      ['产出指标', '时效指标', '完成时间', '12月底前'],
      ['效益指标', '社会效益指标', '档案查阅服务', '便捷高效'],
    ]);
    expect(d.unparsed).toEqual([]);
  });
});

describe('project forms as published', () => {
  it('a 审批表 of label–value pairs: no label fused into a value, the funds with their class, code, rate and points', () => {
    const d = golden('project/approval-columns');
    if (d.kind !== 'project-target') throw new Error(d.kind);
    expect(d.project).toMatchObject({ name: '2025年示例镇农产品冷链仓储建设项目', category: '资产资源类--房屋类', period: { start: '2025-03', end: '2025-11', text: '2025年3月-2025年11月' } });
    expect(d.funds).toMatchObject({ total: '120.00', fiscal: '100.00', other: '20.00' });
    expect(d.extra).toContainEqual({ label: '业务主管部门', value: '县农业农村委' });
    expect(d.extra).toContainEqual({ label: '财政资金科目代码', value: '21305' });
    expect(d.indicators.map((i) => [i.level1, i.name, i.annualTarget, i.weight])).toEqual([
      ['成本指标', '项目建设成本', '≤120万元', '10'],
      ['产出指标', '冷链仓储库容', '≥500吨', '20'],
      ['产出指标', '工程验收合格率', '100%', '20'],
    ]);
    expect(d.unparsed).toEqual([]);
  });

  it('classes and headings wrapped one word a line (项目完成 / 指标, 总体 / 目标), numbered funds sources', () => {
    const d = golden('project/vertical-classes');
    if (d.kind !== 'project-target') throw new Error(d.kind);
    expect(d.funds.items.map((i) => i.label)).toEqual(['财政拨款小计', '一般公共预算', '政府性基金', '自有资金小计', '其他收入']);
    expect(d.indicators.map((i) => i.level1)).toEqual(['项目完成指标', '项目完成指标', '项目完成指标', '项目完成指标', '项目效益指标', '满意度指标']);
    expect(d.unparsed).toEqual([]);
  });

  it("a document-sharing site's fused text: labels cut, the year beside the title, a name fused with its value split", () => {
    const d = golden('project/fused-sharing-site');
    if (d.kind !== 'project-target') throw new Error(d.kind);
    expect(d).toMatchObject({ year: 2025, department: '示例镇', project: { name: '镇区道路提质改造', nature: '延续项目' } });
    expect(d.funds).toMatchObject({ total: '860.50', fiscal: '600.00', other: '260.50' });
    expect(d.indicators.map((i) => [i.name, i.periodTarget])).toEqual([['道路改造长度', '3公里'], ['验收合格率', '100%']]);
  });
});

describe('a project’s targets published as a notice in prose', () => {
  it('reads the project from the title, its money, content and goal from their sentences, each name(hint)value item', () => {
    const d = golden('project/prose-notice');
    if (d.kind !== 'project-target') throw new Error(d.kind);
    expect(d).toMatchObject({ year: 2025, department: '示例县示例镇', project: { name: '示例镇设施蔬菜大棚种植项目' }, funds: { total: '30.00' } });
    expect(d.indicators.map((i) => [i.level2, i.name, i.annualTarget, i.core])).toEqual([
      ['数量指标', '新建设施大棚数量', '≥8栋', true],
      ['数量指标', '蔬菜种植面积', '≥16亩', false],
      ['时效指标', '完成及时率', '≥100%', false],
      ['成本指标', '大棚建设补助标准', '≤3.75万元/栋', false],
      ['经济效益指标', '特色产业产值', '≥40万元', false],
      ['经济效益指标', '带动脱贫户增收', '≥12万元', false],
      ['社会效益指标', '受益脱贫户数', '≥12户', false],
      ['可持续影响指标', '长期带动产业发展', '', false],
      ['服务对象满意度指标', '受益脱贫户满意度', '≥95%', false],
    ]);
  });
});

describe('templates', () => {
  it('a blank form with its 填报说明 is named and refused, never imported as a filled form', () => {
    const outcome = importFormText(readFileSync(path('other/blank-template.txt'), 'utf8'));
    expect(outcome).toMatchObject({ ok: false, problem: 'template', message: { zh: expect.stringContaining('空白模板或填报说明') } });
  });

  it('a filled form quoting its template’s hints (≥**株) is no template', () => {
    const outcome = importFormText('项目支出绩效目标申报表\n项目名称 | 葡萄种植补助\n主管部门 | 示例镇人民政府\n一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 种植数量(≥**株) | ≥17600株\n');
    expect(outcome.ok).toBe(true);
  });
});
