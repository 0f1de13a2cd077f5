/**
 * The three-level indicator framework (财预〔2021〕101号, domain.md §1.2): every row under a first-
 * and second-level class the framework allows, and the classes a target must have.
 */
import type { DepartmentTargetDeclaration } from '../declaration.ts';
import { LEGACY_FRAMEWORK, NATIONAL_FRAMEWORK, isAllowedPlacement, level1Of } from '../indicatorFramework.ts';
import type { CheckConfig } from './checkConfig.ts';
import { indicatorRow } from './exampleDeclaration.ts';
import { namedIndicator, pointer } from './finding.ts';
import type { Rule } from './rule.ts';

function allowed(level1: string, level2: string, config: CheckConfig): boolean {
  if (isAllowedPlacement(level1, level2, NATIONAL_FRAMEWORK)) return true;
  return config.framework === 'legacy' && isAllowedPlacement(level1, level2, LEGACY_FRAMEWORK);
}

function hasLevel1(d: { readonly indicators: ReadonlyArray<{ readonly level1: string | null }> }, level1: string): boolean {
  return d.indicators.some((i) => i.level1 === level1);
}

export const levelMissing: Rule = {
  id: 'level-missing',
  family: 'framework',
  severity: 'error',
  description: { zh: '每项指标都有一级和二级指标', en: 'Every indicator has a first- and second-level class' },
  source: '财预〔2021〕101号 三级指标体系（domain.md S1）',
  examples: {
    bad: { shows: '（无二级指标）| 参训人员满意度', edit: (d) => void (d.indicators[5] = indicatorRow('满意度指标', null, '参训人员满意度', '≥90%')) },
    good: { shows: '满意度指标 | 服务对象满意度指标 | 参训人员满意度', edit: () => undefined },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      if (indicator.level1 === null) yield { path: pointer('indicators', i, 'level1'), message: { zh: `${namedIndicator(indicator, i).zh}没有一级指标`, en: `${namedIndicator(indicator, i).en}: no first-level class` } };
      if (indicator.level2 === null) yield { path: pointer('indicators', i, 'level2'), message: { zh: `${namedIndicator(indicator, i).zh}没有二级指标`, en: `${namedIndicator(indicator, i).en}: no second-level class` } };
    }
  },
};

export const level2Misplaced: Rule = {
  id: 'level2-misplaced',
  family: 'framework',
  severity: 'error',
  description: { zh: '二级指标归属正确的一级指标（数量/质量/时效属产出，经济/社会/生态效益、可持续影响属效益…）', en: 'Each second-level class sits under the first-level class the framework gives it' },
  source: '财预〔2021〕101号（domain.md §1.2, S2）；旧版模板（成本指标属产出）由配置 framework: legacy 接受',
  examples: {
    bad: { shows: '效益指标 | 时效指标 | 网络故障响应时间', edit: (d) => void (d.indicators[3] = indicatorRow('效益指标', '时效指标', '网络故障响应时间', '≤2小时')) },
    good: { shows: '产出指标 | 时效指标 | 网络故障响应时间', edit: () => undefined },
  },
  *check({ declaration: d, config }) {
    for (const [i, indicator] of d.indicators.entries()) {
      const { level1, level2 } = indicator;
      if (level1 === null || level2 === null) continue;
      if (!Object.hasOwn(NATIONAL_FRAMEWORK, level1) && !(config.framework === 'legacy' && Object.hasOwn(LEGACY_FRAMEWORK, level1))) {
        yield {
          path: pointer('indicators', i, 'level1'),
          message: { zh: `「${level1}」不是一级指标（应为产出、效益、满意度或成本指标）`, en: `"${level1}" is not a first-level class (产出, 效益, 满意度 or 成本指标)` },
        };
        continue;
      }
      if (allowed(level1, level2, config)) continue;
      const home = level1Of(level2, NATIONAL_FRAMEWORK) ?? (config.framework === 'legacy' ? level1Of(level2, LEGACY_FRAMEWORK) : null);
      yield {
        path: pointer('indicators', i, 'level2'),
        message: {
          zh: `${namedIndicator(indicator, i).zh}：二级指标「${level2}」不属于一级指标「${level1}」${home ? `，应在「${home}」下` : ''}`,
          en: `${namedIndicator(indicator, i).en}: "${level2}" does not belong under "${level1}"${home ? `; it belongs under "${home}"` : ''}`,
        },
        ...(home ? { suggestion: { zh: `把该行移到「${home} / ${level2}」下，或改选本一级指标下的二级指标`, en: `move the row under ${home} / ${level2}, or pick a second-level class of ${level1}` } } : {}),
      };
    }
  },
};

function requiredClass(id: string, level1: string, severity: 'error' | 'warning', zh: string, en: string, source: string, remove: (d: DepartmentTargetDeclaration) => void): Rule {
  return {
    id,
    family: 'framework',
    severity,
    description: { zh, en },
    source,
    examples: {
      bad: { shows: `无${level1}`, edit: remove },
      good: { shows: `设有${level1}`, edit: () => undefined },
    },
    *check({ declaration: d }) {
      if (d.indicators.length === 0 || hasLevel1(d, level1)) return;
      const printed = d.emptyLevel2.filter(([l1]) => l1 === level1).map(([, l2]) => l2);
      yield {
        path: '/indicators',
        message: {
          zh: `没有${level1}${printed.length > 0 ? `：表中列出的${printed.join('、')}下均未填写指标` : ''}`,
          en: `no ${level1} indicator${printed.length > 0 ? `: ${printed.join(', ')} are printed with nothing under them` : ''}`,
        },
      };
    },
  };
}

const without = (level1: string) => (d: DepartmentTargetDeclaration) => void (d.indicators = d.indicators.filter((i) => i.level1 !== level1));

export const outputIndicatorMissing = requiredClass('output-indicator-missing', '产出指标', 'error', '至少设置一项产出指标', 'At least one output indicator is set', '财预〔2015〕88号、101号（domain.md S3）', without('产出指标'));
export const benefitIndicatorMissing = requiredClass('benefit-indicator-missing', '效益指标', 'error', '至少设置一项效益指标', 'At least one benefit indicator is set', '财预〔2015〕88号、101号（domain.md S3）', without('效益指标'));
export const satisfactionIndicatorMissing = requiredClass('satisfaction-indicator-missing', '满意度指标', 'warning', '有服务对象时设置满意度指标', 'A satisfaction indicator is set where there are service recipients', '101号、10号（domain.md S4）', without('满意度指标'));

export const costIndicatorMissing: Rule = {
  id: 'cost-indicator-missing',
  family: 'framework',
  severity: 'warning',
  description: { zh: '按101号设置成本指标（经济成本指标）', en: 'A cost indicator (economic cost) is set, as 101号 asks' },
  source: '财预〔2021〕101号：绩效目标包括成本控制要求（domain.md §1.1, S5）',
  examples: {
    bad: { shows: '成本指标 | 经济成本指标 |（空）', edit: (d) => void ((d.indicators = d.indicators.filter((i) => i.level1 !== '成本指标')), (d.emptyLevel2 = [['成本指标', '经济成本指标']])) },
    good: { shows: '成本指标 | 经济成本指标 | 电子政务外网运维成本 | ≤300万元', edit: () => undefined },
  },
  *check({ declaration: d, config }) {
    if (d.indicators.length === 0) return;
    const legacyCost = config.framework === 'legacy' && d.indicators.some((i) => i.level2 === '成本指标');
    if (hasLevel1(d, '成本指标') || legacyCost) return;
    const printed = d.emptyLevel2.filter(([l1]) => l1 === '成本指标').map(([, l2]) => l2);
    yield {
      path: '/indicators',
      message: {
        zh: `没有成本指标${printed.length > 0 ? `：${printed.join('、')}下均未填写指标` : ''}`,
        en: `no cost indicator${printed.length > 0 ? `: ${printed.join(', ')} are printed empty` : ''}`,
      },
      suggestion: { zh: '至少设置一项经济成本指标，如“单位服务成本 ≤X元/人”或“项目成本控制在预算内”', en: 'set at least one economic-cost indicator, such as a unit cost or total cost within budget' },
    };
  },
};

export const emptyLevel2Group: Rule = {
  id: 'empty-level2-group',
  family: 'framework',
  severity: 'info',
  description: { zh: '列出的二级指标下没有指标（不适用时可删除该栏）', en: 'A second-level class is printed with no indicator under it' },
  source: 'Jixiao import keeps printed empty groups (emptyLevel2)',
  examples: {
    bad: { shows: '效益指标 | 经济效益指标 |（空）', edit: (d) => void (d.emptyLevel2 = [['效益指标', '经济效益指标']]) },
    good: { shows: '没有空的二级指标栏', edit: () => undefined },
  },
  *check({ declaration: d }) {
    for (const [i, [level1, level2]] of d.emptyLevel2.entries()) {
      yield {
        path: pointer('emptyLevel2', i),
        message: { zh: `「${level1 ?? ''}/${level2}」下没有填写指标`, en: `${level1 ?? ''} / ${level2} has no indicator` },
      };
    }
  },
};

/** Runs of equal values: each value with the rows (0-based, first and last) of every run of it. */
function runsOf(values: ReadonlyArray<string | null>): Map<string, Array<[number, number]>> {
  const runs = new Map<string, Array<[number, number]>>();
  for (let start = 0; start < values.length; ) {
    let end = start;
    while (end + 1 < values.length && values[end + 1] === values[start]) end++;
    const value = values[start];
    if (value !== null && value !== undefined) runs.set(value, [...(runs.get(value) ?? []), [start, end]]);
    start = end + 1;
  }
  return runs;
}

const rowsSaid = (runs: ReadonlyArray<[number, number]>, lang: 'zh' | 'en') => runs.map(([a, b]) => (lang === 'zh' ? (a === b ? `第 ${a + 1} 行` : `第 ${a + 1}–${b + 1} 行`) : a === b ? `row ${a + 1}` : `rows ${a + 1}–${b + 1}`)).join(lang === 'zh' ? '、' : ', ');

export const classSplit: Rule = {
  id: 'class-split',
  family: 'framework',
  severity: 'warning',
  description: { zh: '同一一级指标（及同一二级指标）的各行排在一起：表中每类只印一处', en: 'The rows of one class stand together, so that the printed table shows each class once' },
  source: '申报表样式：一级、二级指标为合并单元格，每类一处（domain.md §1.2）',
  examples: {
    bad: { shows: '产出指标、效益指标、满意度指标之后又有一行产出指标', edit: (d) => void d.indicators.push(indicatorRow('产出指标', '数量指标', '政务服务事项数量', '≥300项')) },
    good: { shows: '同类指标排在一起', edit: () => undefined },
  },
  *check({ declaration: d }) {
    for (const [level1, runs] of runsOf(d.indicators.map((i) => i.level1))) {
      if (runs.length < 2) continue;
      const [at] = runs[1] as [number, number];
      yield {
        path: pointer('indicators', at, 'level1'),
        message: { zh: `一级指标「${level1}」分在 ${runs.length} 处（${rowsSaid(runs, 'zh')}），表中会重复印出「${level1}」`, en: `"${level1}" stands in ${runs.length} places (${rowsSaid(runs, 'en')}); the table prints it ${runs.length} times` },
        suggestion: { zh: '把这些行移到一起（编辑器中「按类别排列」一次排好）', en: 'move the rows together (the editor’s “Group by class” does it at once)' },
      };
    }
    for (const [key, runs] of runsOf(d.indicators.map((i) => (i.level1 !== null && i.level2 !== null ? `${i.level1}\u0000${i.level2}` : null)))) {
      if (runs.length < 2) continue;
      const [level1, level2] = key.split('\u0000') as [string, string];
      // Split by another first-level class: said once, above.
      if ((runsOf(d.indicators.map((i) => i.level1)).get(level1)?.length ?? 0) > 1) continue;
      const [at] = runs[1] as [number, number];
      yield {
        path: pointer('indicators', at, 'level2'),
        message: { zh: `二级指标「${level1} / ${level2}」分在 ${runs.length} 处（${rowsSaid(runs, 'zh')}），表中会重复印出`, en: `"${level1} / ${level2}" stands in ${runs.length} places (${rowsSaid(runs, 'en')}); the table prints it ${runs.length} times` },
      };
    }
  },
};

export const FRAMEWORK_RULES: readonly Rule[] = [
  levelMissing,
  level2Misplaced,
  outputIndicatorMissing,
  benefitIndicatorMissing,
  satisfactionIndicatorMissing,
  costIndicatorMissing,
  emptyLevel2Group,
  classSplit,
];
