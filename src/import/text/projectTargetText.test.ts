/**
 * Project target forms in the layouts real ones come in (published-layouts.md): whitespace columns,
 * `|`-joined rows, one cell a line with separate 长期 and 年度 tables, no delimiters at all; several
 * forms in one text. Each fixture is read into the documented JSON and nothing is lost.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProjectTargetDeclaration } from '../../core/projectTarget.ts';
import { checkDeclaration } from '../../core/rules/checkDeclaration.ts';
import { projectTargetSchema } from '../../format/projectTargetSchema.ts';
import { importFormText } from './importFormText.ts';
import { readAmount, readGoal, readPeriod } from './projectTargetText.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/forms/project/${name}`, import.meta.url), 'utf8');

function readProject(text: string): ProjectTargetDeclaration {
  const outcome = importFormText(text);
  if (!outcome.ok) throw new Error(outcome.message.en);
  const d = outcome.declaration;
  if (d.kind !== 'project-target') throw new Error(`read as ${d.kind}`);
  expect(projectTargetSchema.safeParse(d).success).toBe(true);
  return d;
}

/** Every non-blank character of the text is in a field, a label or unparsed: counted by what is left. */
function lossless(text: string): void {
  const outcome = importFormText(text);
  if (!outcome.ok) throw new Error(outcome.message.en);
  for (const { document, claims } of outcome.documents) {
    const claimed = new Set(claims.map((c) => `${c.line}:${c.start}`));
    expect(claimed.size).toBeGreaterThan(0);
    // What no claim covers is what `unparsed` holds; its text is on the lines it names.
    const lines = text.split('\n');
    for (const entry of document.unparsed) for (const part of entry.text.split(' ')) expect(lines[entry.line - 1]).toContain(part);
  }
}

describe('a project form in whitespace columns (operator, value and unit in cells of their own)', () => {
  const d = readProject(fixture('whitespace-columns.txt'));

  it('reads the header, the project and its funds split', () => {
    expect(d).toMatchObject({
      title: '2025年项目支出绩效目标申报表',
      year: 2025,
      department: '广州市海珠区政务服务和数据管理局',
      implementer: '广州市海珠区政务服务和数据管理局',
      project: { name: '智慧城市运行管理平台运维', code: '440105250000000012', category: '运转类', nature: '延续项目', period: { start: '2025-01', end: '2025-12' } },
      funds: { total: '496.00', fiscal: '450.00', items: [{ label: '本年财政拨款', amount: '450.00' }, { label: '上年结转', amount: '46.00' }] },
      periodGoal: '保障平台稳定运行，支撑城市运行事件的统一受理与处置。',
      annualGoal: ['平台全年可用率不低于99.5%。', '城市运行事件按时处置率达到95%以上。'],
    });
    expect(d.extra).toEqual([
      { label: '填报人', value: '李明' },
      { label: '联系电话', value: '020-84000000' },
      { label: '填报日期', value: '2024年10月20日' },
    ]);
    expect(d.unparsed).toEqual([]);
  });

  it('joins operator, value and unit into the target, keeps every column, and marks the core indicator', () => {
    expect(d.indicators).toHaveLength(7);
    expect(d.indicators[0]).toMatchObject({ level1: '产出指标', level2: '数量指标', name: '接入业务系统数量', annualTarget: '≥30', unit: '个', standard: '计划标准', weight: '10', core: true, periodTarget: null });
    expect(d.indicators[0]?.annualTargetValue).toMatchObject({ kind: 'quantity', operator: '≥', value: '30', unit: '个' });
    expect(d.indicators[1]).toMatchObject({ level2: '数量指标', name: '巡检报告', core: false });
    expect(d.indicators[4]).toMatchObject({ level1: '成本指标', level2: '经济成本指标', standard: '预算支出标准' });
    expect(d.indicators[6]).toMatchObject({ level1: '满意度指标', level2: '服务对象满意度指标' });
    expect(d.emptyLevel2).toEqual([['效益指标', '生态效益指标']]);
  });

  it('is clean for the checker but for what the form lacks', () => {
    const rules = new Set(checkDeclaration(d).map((f) => f.rule));
    expect(rules.has('project-funds-sum')).toBe(false);
    expect(rules.has('project-period-invalid')).toBe(false);
  });
});

describe('a full-size project form: ten columns, explanations and scoring rules, units the importer has never seen', () => {
  const d = readProject(fixture('full-size.txt'));

  it('maps a row whose every cell is there by position, whatever the unit (Mbps)', () => {
    expect(d.indicators).toHaveLength(21);
    expect(d.indicators[1]).toMatchObject({ name: '政务外网主干带宽', annualTarget: '≥10000', unit: 'Mbps', standard: '行业标准', explanation: '反映政务外网主干链路带宽', scoringRule: '达到得满分，否则不得分', weight: '5' });
    expect(d.indicators[14]).toMatchObject({ level1: '成本指标', name: '单位接入年均成本', unit: '万元/个' });
    expect(d.emptyLevel2).toEqual([['效益指标', '生态效益指标']]);
    expect(d.funds.items.map((i) => i.label)).toEqual(['本年财政拨款', '上年结转', '其他资金']);
    expect(d.unparsed).toEqual([]);
  });
});

describe('a project form as |-joined rows with runs of empty cells', () => {
  const d = readProject(fixture('pipe-rows.txt'));

  it('reads both target columns by their headers, not their positions', () => {
    expect(d.indicators).toHaveLength(6);
    expect(d.indicators[0]).toMatchObject({ name: '宣传推广活动场次', annualTarget: '≥20场', periodTarget: '≥60场', note: '' });
    expect(d.indicators[1]).toMatchObject({ level1: '产出指标', level2: '数量指标', name: '网上可办事项数量' });
    expect(d.indicators[3]?.annualTargetValue).toMatchObject({ kind: 'deadline', year: 2025, month: 12, day: 31 });
    expect(d.funds).toEqual({ total: '38.10', fiscal: '38.10', other: '0.00', items: [{ label: '财政拨款', amount: '38.10' }, { label: '其他资金', amount: '0.00' }] });
    expect(d.extra).toEqual([{ label: '主管部门审核意见', value: '同意。' }]);
    expect(d.unparsed).toEqual([]);
  });
});

describe('a project form one cell a line, with separate 长期 and 年度 tables', () => {
  const d = readProject(fixture('one-cell-per-line.txt'));

  it('fills periodTarget and annualTarget of the same rows, matched by name', () => {
    expect(d.indicators.map((i) => [i.name, i.periodTarget, i.annualTarget])).toEqual([
      ['安全防护设备部署数量', '≥60台', '≥20台'],
      ['安全事件处置率', '100%', '100%'],
      ['政务外网安全事件发生次数', '≤3次', '≤1次'],
      ['接入单位满意度', null, '≥90%'],
    ]);
  });

  it('reads the ticked box of 项目属性 and the period across years', () => {
    expect(d.project.nature).toBe('延续项目');
    expect(d.project.period).toEqual({ start: '2025-01', end: '2027-12', text: '2025年1月-2027年12月' });
    expect(d.funds.items.map((i) => i.label)).toEqual(['财政拨款', '自有资金', '其他']);
    expect(d.unparsed).toEqual([]);
  });
});

describe('a project form with no delimiters (cells fused)', () => {
  const d = readProject(fixture('no-delimiters.txt'));

  it('cuts fused header fields at their labels and reads the fused money', () => {
    expect(d.project.name).toBe('镇域基础设施建设');
    expect(d.department).toBe('示例镇');
    expect(d.funds).toMatchObject({ total: '1060.75', fiscal: '692.34', other: '368.41' });
  });

  it('keeps a fused number whole and the checker flags it, never a guessed split', () => {
    expect(d.indicators.map((i) => i.periodTarget)).toEqual(['88100', '88100']);
    expect(checkDeclaration(d).filter((f) => f.rule === 'target-fused-cells')).toHaveLength(2);
  });
});

describe('several forms in one text', () => {
  it('gives one document per form, never one mixing two', () => {
    const outcome = importFormText(fixture('two-forms.txt'));
    if (!outcome.ok) throw new Error(outcome.message.en);
    expect(outcome.documents.map((d) => d.document.kind === 'project-target' && d.document.project.name)).toEqual(['智慧城市运行管理平台运维', '政务服务“一网通办”推广']);
    expect(outcome.documents[1]?.lines.from).toBe(fixture('whitespace-columns.txt').split('\n').length);
  });

  it('does not cut a form where its title is repeated as a page header', () => {
    const text = fixture('one-cell-per-line.txt').replace('长期绩效指标', '财政支出项目绩效目标申报表\n长期绩效指标');
    const outcome = importFormText(text);
    expect(outcome.ok && outcome.documents.length).toBe(1);
  });
});

describe('lossless and stable under re-wrapping', () => {
  it.each(['whitespace-columns.txt', 'pipe-rows.txt', 'one-cell-per-line.txt', 'no-delimiters.txt'])('%s: unparsed text is text of the lines it names', (name) => {
    lossless(fixture(name));
  });

  it('reads the same indicators whatever the run of blanks between whitespace columns', () => {
    const base = fixture('whitespace-columns.txt');
    const names = readProject(base).indicators.map((i) => [i.name, i.annualTarget, i.unit]);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), (width) => {
        const rewrapped = base.replace(/ {2,}/g, ' '.repeat(width));
        expect(readProject(rewrapped).indicators.map((i) => [i.name, i.annualTarget, i.unit])).toEqual(names);
      }),
      { numRuns: 10 },
    );
  });

  it('reads the same rows whichever order the header fields come in', () => {
    const base = fixture('pipe-rows.txt').split('\n');
    const header = base.slice(2, 4);
    const rest = [...base.slice(0, 2), ...base.slice(4)];
    fc.assert(
      fc.property(fc.boolean(), (swap) => {
        const lines = swap ? [...rest.slice(0, 2), header[1], header[0], ...rest.slice(2)] : [...rest.slice(0, 2), ...header, ...rest.slice(2)];
        const d = readProject(lines.join('\n'));
        expect(d.project.name).toBe('政务服务“一网通办”推广');
        expect(d.implementer).toBe('广州市海珠区政务服务中心');
        expect(d.indicators).toHaveLength(6);
      }),
      { numRuns: 4 },
    );
  });
});

describe('the field readers', () => {
  it('reads amounts in 万元 and in 元, exactly, and refuses sub-分 yuan', () => {
    expect(readAmount('250万')).toBe('250.00');
    expect(readAmount('67.56万元')).toBe('67.56');
    expect(readAmount('1,200,000元')).toBe('120.00');
    expect(readAmount('1,234.5', true)).toBe('0.12345');
    expect(readAmount('1,234.567', true)).toBeUndefined();
    expect(readAmount('——')).toBeNull();
    expect(readAmount('财政拨款')).toBeUndefined();
  });

  it('reads periods and numbered goals', () => {
    expect(readPeriod('2023.07-2024.01')).toMatchObject({ start: '2023-07', end: '2024-01' });
    expect(readPeriod('2025年')).toMatchObject({ start: '2025', end: '2025' });
    expect(readPeriod('年 月 至 年 月')).toMatchObject({ start: null, end: null });
    expect(readGoal(['目标1：甲。目标2：乙。'])).toEqual(['甲。', '乙。']);
    expect(readGoal(['保障运行。'])).toBe('保障运行。');
  });
});
