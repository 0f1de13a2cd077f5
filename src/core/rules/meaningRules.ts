/**
 * Meaning (相关性): the unit fits what the indicator's name measures, the indicator fits its
 * second-level class, the name does not carry its own target, and inputs are not passed off as
 * performance. Matching is by curated word lists (vocabulary/), kept as data.
 */
import type { IndicatorRow as Indicator } from '../document.ts';
import type { QuantityTarget } from '../targetValue.ts';
import { indicatorRow } from './exampleDeclaration.ts';
import { namedIndicator, pointer } from './finding.ts';
import type { Rule } from './rule.ts';
import { CLASS_WORDS, EXECUTION_WORDS, INPUT_WORDS, RATE_OR_SCORE_WORDS } from './vocabulary/indicatorClasses.ts';
import { acceptedFamilies, familiesOfUnit, measureOfName, suggestedUnitFor } from './vocabulary/unitFamilies.ts';

function quantityTargets(indicator: Indicator): Array<{ field: 'periodTarget' | 'annualTarget'; raw: string; value: QuantityTarget }> {
  const result: Array<{ field: 'periodTarget' | 'annualTarget'; raw: string; value: QuantityTarget }> = [];
  if (indicator.annualTargetValue.kind === 'quantity') result.push({ field: 'annualTarget', raw: indicator.annualTarget, value: indicator.annualTargetValue });
  if (indicator.periodTargetValue.kind === 'quantity' && indicator.periodTarget !== null && indicator.periodTarget !== indicator.annualTarget) {
    result.push({ field: 'periodTarget', raw: indicator.periodTarget, value: indicator.periodTargetValue });
  }
  return result;
}

export const unitMismatch: Rule = {
  id: 'unit-mismatch',
  family: 'meaning',
  severity: 'warning',
  description: { zh: '计量单位与指标名称相符（比率用 %，人数用人/个，带宽用 M/G，报告用份/篇…）', en: 'The unit fits what the name measures (rates in %, users in 人/个, bandwidth in M/G, reports in 份/篇, …)' },
  source: '共性指标库计量单位（domain.md §1.4, S10）',
  examples: {
    bad: { shows: '平台年度新注册用户数量 | ≥4场', edit: (d) => void d.indicators.push(indicatorRow('产出指标', '数量指标', '平台年度新注册用户数量', '≥4场')) },
    good: { shows: '平台年度新注册用户数量 | ≥400人', edit: (d) => void d.indicators.push(indicatorRow('产出指标', '数量指标', '平台年度新注册用户数量', '≥400人')) },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      const measure = measureOfName(indicator.name);
      if (!measure) continue;
      for (const { field, raw, value } of quantityTargets(indicator)) {
        if (value.unit === null) continue;
        const families = familiesOfUnit(value.unit);
        if (families.length === 0) continue;
        if (families.some((f) => acceptedFamilies(measure.family).includes(f))) continue;
        const unit = suggestedUnitFor(indicator.name, measure.family);
        yield {
          path: pointer('indicators', i, field),
          message: {
            zh: `${namedIndicator(indicator, i).zh}衡量的是${measure.zh}，指标值「${raw}」的单位却是“${value.unit}”`,
            en: `${namedIndicator(indicator, i).en} measures ${measure.en}, but the target "${raw}" is in ${value.unit}`,
          },
          suggestion: { zh: `单位改为“${unit}”，并核对数值`, en: `use ${unit} and check the number` },
        };
      }
    }
  },
};

/**
 * A target written again with the unit it lacks. A rate given as a fraction (0.95, ≥0.9) is a
 * percentage written as a share of one: 0.95 becomes 95%, not 0.95%.
 */
export function withUnit(raw: string, value: QuantityTarget, unit: string): string {
  const asShare = unit === '%' && value.upper === null && /^0?\.\d+$/.test(value.value);
  if (!asShare) return `${raw}${unit}`;
  const percent = (Number(value.value) * 100).toFixed(6).replace(/\.?0+$/, '');
  return `${value.operator ?? ''}${percent}%`;
}

export const unitMissing: Rule = {
  id: 'unit-missing',
  family: 'meaning',
  severity: 'warning',
  description: { zh: '定量指标值写明计量单位', en: 'Quantitative targets carry a unit' },
  source: '计量单位为定量指标必填项（domain.md §1.4, S6）',
  examples: {
    bad: { shows: '系统漏洞扫描次数 | ≥2', edit: (d) => void d.indicators.push(indicatorRow('产出指标', '数量指标', '系统漏洞扫描次数', '≥2')) },
    good: { shows: '系统漏洞扫描次数 | ≥2次', edit: (d) => void d.indicators.push(indicatorRow('产出指标', '数量指标', '系统漏洞扫描次数', '≥2次')) },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      const targets = quantityTargets(indicator).filter((t) => t.value.unit === null);
      const first = targets[0];
      if (!first) continue;
      const measure = measureOfName(indicator.name);
      const unit = measure ? suggestedUnitFor(indicator.name, measure.family) : null;
      const written = unit ? withUnit(first.raw, first.value, unit) : null;
      yield {
        path: pointer('indicators', i, first.field),
        message: { zh: `${namedIndicator(indicator, i).zh}的指标值「${first.raw}」没有计量单位`, en: `${namedIndicator(indicator, i).en}: the target "${first.raw}" has no unit` },
        ...(written ? { suggestion: { zh: `写成「${written}」`, en: `write ${written}` } } : {}),
      };
    }
  },
};

export const level2ClassMismatch: Rule = {
  id: 'level2-class-mismatch',
  family: 'meaning',
  severity: 'warning',
  description: { zh: '指标内容与所属二级指标相符（生态效益关乎生态环境，时效关乎时间，满意度关乎满意…）', en: 'The indicator fits its second-level class (ecological benefit is about the environment, timeliness about time, …)' },
  source: '二级指标含义（domain.md §1.2）',
  examples: {
    bad: { shows: '效益指标 | 生态效益指标 | 小程序无故障运行率', edit: (d) => void d.indicators.push(indicatorRow('效益指标', '生态效益指标', '对外服务小程序无故障运行率', '≥95%')) },
    good: { shows: '效益指标 | 生态效益指标 | 无纸化办公率', edit: (d) => void d.indicators.push(indicatorRow('效益指标', '生态效益指标', '无纸化办公率', '≥95%')) },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      const expected = indicator.level2 !== null && Object.hasOwn(CLASS_WORDS, indicator.level2) ? CLASS_WORDS[indicator.level2] : undefined;
      if (!expected || expected.words.some((w) => indicator.name.includes(w))) continue;
      yield {
        path: pointer('indicators', i, 'name'),
        message: {
          zh: `${namedIndicator(indicator, i).zh}与二级指标「${indicator.level2}」不相符：该类指标应反映${expected.zh}`,
          en: `${namedIndicator(indicator, i).en} does not fit "${indicator.level2}", which is about ${expected.en}`,
        },
        suggestion: { zh: '把该指标移到相符的二级指标下', en: 'move the indicator under the class it measures' },
      };
    }
  },
};

export const rateUnderQuantity: Rule = {
  id: 'rate-under-quantity',
  family: 'meaning',
  severity: 'warning',
  description: { zh: '比率、分数类指标反映质量或效果，不放在数量指标下', en: 'Rates and scores measure quality or effect, not quantity' },
  source: '数量指标反映产品或服务的数量（domain.md §1.2）',
  examples: {
    bad: { shows: '产出指标 | 数量指标 | 立项通过率', edit: (d) => void d.indicators.push(indicatorRow('产出指标', '数量指标', '立项通过率', '≥85%')) },
    good: { shows: '产出指标 | 质量指标 | 立项通过率', edit: (d) => void d.indicators.push(indicatorRow('产出指标', '质量指标', '立项通过率', '≥85%')) },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      if (indicator.level2 !== '数量指标' || !RATE_OR_SCORE_WORDS.some((w) => indicator.name.includes(w))) continue;
      yield {
        path: pointer('indicators', i, 'level2'),
        message: { zh: `${namedIndicator(indicator, i).zh}是比率或分数，反映质量或效果，不宜列为数量指标`, en: `${namedIndicator(indicator, i).en} is a rate or a score: it measures quality or effect, not quantity` },
        suggestion: { zh: '改列质量指标，或改用数量表述（如“完成解读 X 篇”）', en: 'list it under 质量指标, or restate it as a count' },
      };
    }
  },
};

const TARGET_IN_NAME = /[（(][^）)]*(?:\d|[≥≤＞＜><=]|不低于|不少于|以上)[^）)]*[）)]|[≥≤＞＜]|不低于\d|不少于\d/;

export const nameContainsTarget: Rule = {
  id: 'name-contains-target',
  family: 'meaning',
  severity: 'warning',
  description: { zh: '指标名称不包含指标值', en: 'The indicator name does not carry its own target' },
  source: '指标名称与指标值分栏填写（部门整体预算绩效目标申报表）',
  examples: {
    bad: { shows: '政策文件解读率（100%）', edit: (d) => void d.indicators.push(indicatorRow('产出指标', '质量指标', '政策文件解读率（100%）', '100%')) },
    good: { shows: '政策文件解读率 | 100%', edit: (d) => void d.indicators.push(indicatorRow('产出指标', '质量指标', '政策文件解读率', '100%')) },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      const match = TARGET_IN_NAME.exec(indicator.name);
      if (!match) continue;
      yield {
        path: pointer('indicators', i, 'name'),
        message: { zh: `指标名称${namedIndicator(indicator, i).zh}含有指标值「${match[0]}」`, en: `the name "${indicator.name}" carries a target "${match[0]}"` },
        suggestion: { zh: `名称改为「${indicator.name.replace(match[0], '')}」，把「${match[0].replace(/^[（(]|[）)]$/g, '')}」写进指标值`, en: 'move the value out of the name into the target' },
      };
    }
  },
};

export const executionRateAsIndicator: Rule = {
  id: 'execution-rate-as-indicator',
  family: 'meaning',
  severity: 'warning',
  description: { zh: '预算执行率、资金到位率等不作为产出或效益指标', en: 'Budget execution or funds-in-place rates are not output or benefit indicators' },
  source: '财预〔2020〕10号 单独对预算执行率计分（domain.md §1.6, S19）',
  examples: {
    bad: { shows: '产出指标 | 质量指标 | 预算执行率', edit: (d) => void d.indicators.push(indicatorRow('产出指标', '质量指标', '预算执行率', '≥95%')) },
    good: { shows: '（预算执行率在自评中单独计分）', edit: () => undefined },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      if (!EXECUTION_WORDS.some((w) => indicator.name.includes(w))) continue;
      yield {
        path: pointer('indicators', i, 'name'),
        message: { zh: `${namedIndicator(indicator, i).zh}在自评中单独计分，作为绩效指标会重复计算`, en: `${namedIndicator(indicator, i).en} is scored separately at self-evaluation; as an indicator it counts twice` },
      };
    }
  },
};

export const inputAsIndicator: Rule = {
  id: 'input-as-indicator',
  family: 'meaning',
  severity: 'warning',
  description: { zh: '投入的资金、人员、物资不作为绩效指标', en: 'Inputs (money, staff, materials spent) are not performance indicators' },
  source: '投入不是绩效（domain.md §1.3, S20）',
  examples: {
    bad: { shows: '产出指标 | 数量指标 | 资金投入 | 300万元', edit: (d) => void d.indicators.push(indicatorRow('产出指标', '数量指标', '资金投入', '300万元')) },
    good: { shows: '成本指标 | 经济成本指标 | 运维成本 | ≤300万元', edit: () => undefined },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      if (indicator.level1 === '成本指标' || !INPUT_WORDS.some((w) => indicator.name.includes(w))) continue;
      yield {
        path: pointer('indicators', i, 'name'),
        message: { zh: `${namedIndicator(indicator, i).zh}是投入，不是产出或效果`, en: `${namedIndicator(indicator, i).en} is an input, not an output or effect` },
        suggestion: { zh: '改写为投入换来的产出，或作为成本指标', en: 'state what the input produces, or make it a cost indicator' },
      };
    }
  },
};

export const MEANING_RULES: readonly Rule[] = [unitMismatch, unitMissing, level2ClassMismatch, rateUnderQuantity, nameContainsTarget, executionRateAsIndicator, inputAsIndicator];
