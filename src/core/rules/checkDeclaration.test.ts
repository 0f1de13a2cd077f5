import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DepartmentTargetDeclaration } from '../declaration.ts';
import { withConfig } from './checkConfig.ts';
import { checkDeclaration, countBySeverity } from './checkDeclaration.ts';
import { exampleDeclaration, indicatorRow } from './exampleDeclaration.ts';

const fixture = (name: string): DepartmentTargetDeclaration => JSON.parse(readFileSync(new URL(`../../../fixtures/forms/${name}`, import.meta.url), 'utf8'));

describe('the Haizhu seed, every finding reviewed by hand', () => {
  const findings = checkDeclaration(fixture('000_168cd24c06a0f893.expected.json'));
  const found = findings.map((f) => `${f.severity} ${f.rule} ${f.path}`);

  it('reports exactly these findings', () => {
    expect(found).toEqual([
      'warning year-missing /year', // the printed form does not say 2025
      'info budget-projects-itemised /projects', // 1910.00 − 1628.30 = 281.70 not itemised
      'warning punctuation-mixed /projects/7/name', // 业务发展,完善
      'warning typo /projects/8/content', // 建义 → 建议
      'warning typo /projects/8/expectedOutcome', // 合规的法服务 → 法律服务
      'warning punctuation-mixed /projects/10/content', // 管理办法》,通过
      'warning goal-not-covered /goals/2', // 目标3 持续优化政务服务… has no indicator of its own
      'warning cost-indicator-missing /indicators', // the three cost groups are printed empty
      'warning rate-under-quantity /indicators/0/level2', // 网站考评分数 is a score
      'warning target-not-quantified /indicators/1/annualTarget',
      'warning rate-under-quantity /indicators/1/level2',
      'warning name-contains-target /indicators/1/name', // 政策文件解读率（100%）
      'warning target-not-quantified /indicators/1/periodTarget',
      'warning rate-under-quantity /indicators/2/level2', // 服务群众率
      'warning rate-under-quantity /indicators/3/level2', // 办件率
      'warning unit-missing /indicators/4/annualTarget', // 舆情监控报告 12
      'warning unit-missing /indicators/5/annualTarget', // 算法数量 ≥20
      'warning unit-missing /indicators/6/annualTarget', // 监控路数 ≥150
      'warning unit-missing /indicators/7/annualTarget', // 研究报告 1
      'warning unit-mismatch /indicators/8/annualTarget', // 新注册用户数量 ≥4场: users counted in 场
      'warning unit-missing /indicators/10/annualTarget', // 扫描次数 ≥2
      'warning unit-missing /indicators/11/annualTarget', // 接入点位数量 ≥500
      'warning rate-under-quantity /indicators/13/level2', // 立项通过率
      'warning target-operator-inconsistent /indicators/14/annualTarget', // 项目收益率 ≥15% / 15%
      'warning rate-under-quantity /indicators/14/level2',
      'warning unit-missing /indicators/15/annualTarget', // 月报表份数 12
      'warning unit-missing /indicators/16/annualTarget', // 安全培训次数 ≥1
      'warning target-not-quantified /indicators/20/annualTarget', // 败诉量低于办件总量的5%
      'error level2-misplaced /indicators/24/level2', // 时效指标 printed under 效益指标
      'warning target-not-quantified /indicators/25/annualTarget', // 为结对帮扶的贫困村解决1-2个…
      'error level2-misplaced /indicators/25/level2',
      'warning level2-class-mismatch /indicators/25/name', // 帮扶解决困难件数 is no time indicator
      'warning level2-class-mismatch /indicators/26/name', // 小程序无故障运行率 is no ecological benefit
      'warning level2-class-mismatch /indicators/27/name', // 故障响应率 likewise
      'error satisfaction-target-form /indicators/28/annualTarget', // 群众满意度 ＜5%
      'warning target-not-quantified /indicators/28/periodTarget', // 区政务公开工作投诉率低于5%
      'warning satisfaction-target-level /indicators/31/annualTarget', // 100% satisfaction
      'info empty-level2-group /emptyLevel2/0',
      'info empty-level2-group /emptyLevel2/1',
      'info empty-level2-group /emptyLevel2/2',
      'info empty-level2-group /emptyLevel2/3',
    ]);
  });

  it('finds no arithmetic error: the seed’s totals are right', () => {
    expect(findings.filter((f) => f.severity === 'error' && f.rule.startsWith('budget'))).toEqual([]);
  });

  it('says what a reviewer would say, in both languages', () => {
    const byPath = (path: string, rule: string) => findings.find((f) => f.path === path && f.rule === rule);
    expect(byPath('/indicators/8/annualTarget', 'unit-mismatch')?.message).toEqual({
      zh: '「琶洲算法库平台年度新注册用户数量」衡量的是人数，指标值「≥4场」的单位却是“场”',
      en: '琶洲算法库平台年度新注册用户数量 measures a number of people, but the target "≥4场" is in 场',
    });
    expect(byPath('/indicators/14/annualTarget', 'target-operator-inconsistent')?.message.zh).toBe('「项目收益率」年度指标值「15%」缺少比较符号（实施周期指标值为「≥15%」）');
    expect(byPath('/indicators', 'cost-indicator-missing')?.message.zh).toBe('没有成本指标：经济成本指标、社会成本指标、生态环境成本指标下均未填写指标');
    expect(byPath('/indicators/20/annualTarget', 'target-not-quantified')?.suggestion?.zh).toBe('指标名称写「败诉量占办件总量的比例」，指标值写「＜5%」');
    expect(countBySeverity(findings)).toEqual({ error: 3, warning: 33, info: 5 });
  });
});

describe('the seed corrected by hand', () => {
  it('has no errors and no warnings (only true notes remain)', () => {
    const findings = checkDeclaration(fixture('000_168cd24c06a0f893.corrected.json'));
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(findings.map((f) => f.rule)).toEqual(['budget-projects-itemised', 'empty-level2-group', 'empty-level2-group']);
  });
});

describe('configuration', () => {
  const legacy = (): DepartmentTargetDeclaration => {
    const d = exampleDeclaration();
    d.indicators = d.indicators.filter((i) => i.level1 !== '成本指标');
    // Under 产出指标, with the other output rows (after 时效指标, row 4).
    d.indicators.splice(4, 0, indicatorRow('产出指标', '成本指标', '电子政务外网运维成本', '≤300万元'));
    return d;
  };

  it('switches rules off and re-grades them', () => {
    const d = exampleDeclaration();
    d.year = null;
    expect(checkDeclaration(d).map((f) => `${f.severity} ${f.rule}`)).toEqual(['warning year-missing']);
    expect(checkDeclaration(d, withConfig({ rules: { 'year-missing': 'off' } }))).toEqual([]);
    expect(checkDeclaration(d, withConfig({ rules: { 'year-missing': 'error' } })).map((f) => f.severity)).toEqual(['error']);
  });

  it('accepts the older layout (成本指标 under 产出指标) only when configured', () => {
    expect(checkDeclaration(legacy()).map((f) => f.rule)).toEqual(['cost-indicator-missing', 'level2-misplaced']);
    expect(checkDeclaration(legacy(), withConfig({ framework: 'legacy' }))).toEqual([]);
  });

  it('takes the satisfaction floor from configuration', () => {
    const d = exampleDeclaration();
    d.indicators[5] = indicatorRow('满意度指标', '服务对象满意度指标', '参训人员满意度', '≥85%');
    expect(checkDeclaration(d)).toEqual([]);
    expect(checkDeclaration(d, withConfig({ thresholds: { satisfactionMinimum: 90 } })).map((f) => f.rule)).toEqual(['satisfaction-target-level']);
  });

  it('is pure: the same declaration gives the same findings, and is not modified', () => {
    const d = fixture('000_168cd24c06a0f893.expected.json');
    const before = JSON.stringify(d);
    expect(checkDeclaration(d)).toEqual(checkDeclaration(d));
    expect(JSON.stringify(d)).toBe(before);
  });
});

describe('a class split into several places', () => {
  it('is flagged once, at the row that starts its second place, for its first- or second-level class', () => {
    const d = exampleDeclaration();
    d.indicators.push(indicatorRow('产出指标', '数量指标', '政务服务事项数量', '≥300项'));
    const split = checkDeclaration(d).filter((f) => f.rule === 'class-split');
    expect(split.map((f) => [f.path, f.message.zh])).toEqual([['/indicators/7/level1', '一级指标「产出指标」分在 2 处（第 1–4 行、第 8 行），表中会重复印出「产出指标」']]);
    const inner = exampleDeclaration();
    inner.indicators.splice(3, 0, indicatorRow('产出指标', '数量指标', '政务服务事项数量', '≥300项'));
    expect(checkDeclaration(inner).filter((f) => f.rule === 'class-split').map((f) => f.path)).toEqual(['/indicators/3/level2']);
  });
});

