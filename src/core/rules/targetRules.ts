/**
 * Target values (指标值): quantified or explicitly qualitative, the period and annual targets
 * consistent, percentages and satisfaction targets in range, the direction fitting the name.
 */
import type { IndicatorRow as Indicator } from '../document.ts';
import { isPositiveDirection, isReverseDirection, type QuantityTarget, type TargetValue } from '../targetValue.ts';
import { indicatorRow } from './exampleDeclaration.ts';
import { type FindingDraft, namedIndicator, pointer } from './finding.ts';
import type { Rule } from './rule.ts';
import { familiesOfUnit } from './vocabulary/unitFamilies.ts';
import { GRADE_WORDS, GROWTH_WORDS, POSITIVE_WORDS, REVERSE_WORDS, VAGUE_TIME_WORDS, VAGUE_WORDS } from './vocabulary/indicatorClasses.ts';

const isQuantity = (v: TargetValue): v is QuantityTarget => v.kind === 'quantity';
const isPercent = (v: QuantityTarget): boolean => v.unit !== null && familiesOfUnit(v.unit).includes('percent');
const isSatisfaction = (i: Indicator): boolean => i.name.includes('满意') || i.level2 === '服务对象满意度指标';

/** Both targets of a row with their field names, skipping the period one when it repeats the annual one. */
function targetsOf(indicator: Indicator): Array<{ field: 'periodTarget' | 'annualTarget'; raw: string; value: TargetValue }> {
  const annual = { field: 'annualTarget' as const, raw: indicator.annualTarget, value: indicator.annualTargetValue };
  if (indicator.periodTarget === null || indicator.periodTarget === indicator.annualTarget || indicator.periodTarget.trim() === '') return [annual];
  return [{ field: 'periodTarget', raw: indicator.periodTarget, value: indicator.periodTargetValue }, annual];
}

export const targetOperatorInconsistent: Rule = {
  id: 'target-operator-inconsistent',
  family: 'target',
  severity: 'warning',
  description: { zh: '实施周期指标值与年度指标值的比较符号一致', en: 'Period and annual targets use the same comparison' },
  source: '长期/年度指标表应一一对应（domain.md S17）；缺符号是常见录入遗漏',
  examples: {
    bad: { shows: '项目收益率 | ≥15% | 15%', edit: (d) => void d.indicators.push(indicatorRow('效益指标', '经济效益指标', '项目收益率', '≥15%', '15%')) },
    good: { shows: '项目收益率 | ≥15% | ≥15%', edit: (d) => void d.indicators.push(indicatorRow('效益指标', '经济效益指标', '项目收益率', '≥15%', '≥15%')) },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      const period = indicator.periodTargetValue;
      const annual = indicator.annualTargetValue;
      if (!isQuantity(period) || !isQuantity(annual) || period.operator === annual.operator) continue;
      const lost = annual.operator === null ? 'annualTarget' : period.operator === null ? 'periodTarget' : null;
      const other = lost === 'annualTarget' ? indicator.periodTarget : indicator.annualTarget;
      yield {
        path: pointer('indicators', i, lost ?? 'annualTarget'),
        message:
          lost === 'annualTarget'
            ? { zh: `${namedIndicator(indicator, i).zh}年度指标值「${indicator.annualTarget}」缺少比较符号（实施周期指标值为「${other}」）`, en: `${namedIndicator(indicator, i).en}: the annual target "${indicator.annualTarget}" has lost its operator (the period target is "${other}")` }
            : lost === 'periodTarget'
              ? { zh: `${namedIndicator(indicator, i).zh}实施周期指标值「${indicator.periodTarget}」缺少比较符号（年度指标值为「${other}」）`, en: `${namedIndicator(indicator, i).en}: the period target "${indicator.periodTarget}" has no operator (the annual target is "${other}")` }
              : { zh: `${namedIndicator(indicator, i).zh}两栏指标值的比较符号不同：「${indicator.periodTarget}」与「${indicator.annualTarget}」`, en: `${namedIndicator(indicator, i).en}: the targets compare differently: "${indicator.periodTarget}" and "${indicator.annualTarget}"` },
        suggestion: { zh: `统一为「${lost === 'annualTarget' ? indicator.periodTarget : indicator.annualTarget}」的写法`, en: 'use the same operator in both targets' },
      };
    }
  },
};

export const targetUnitInconsistent: Rule = {
  id: 'target-unit-inconsistent',
  family: 'target',
  severity: 'warning',
  description: { zh: '实施周期指标值与年度指标值的计量单位一致', en: 'Period and annual targets use the same unit' },
  source: '长期/年度指标表应一一对应（domain.md S17）',
  examples: {
    bad: { shows: '培训场次 | ≥4场 | ≥4次', edit: (d) => void (d.indicators[0] = indicatorRow('产出指标', '数量指标', '政务公开业务培训场次', '≥4场', '≥4次')) },
    good: { shows: '培训场次 | ≥4场 | ≥4场', edit: () => undefined },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      const period = indicator.periodTargetValue;
      const annual = indicator.annualTargetValue;
      if (!isQuantity(period) || !isQuantity(annual) || period.unit === annual.unit) continue;
      yield {
        path: pointer('indicators', i, 'annualTarget'),
        message: {
          zh: `${namedIndicator(indicator, i).zh}两栏计量单位不同：${period.unit ?? '无单位'} 与 ${annual.unit ?? '无单位'}`,
          en: `${namedIndicator(indicator, i).en}: the targets are in different units: ${period.unit ?? 'none'} and ${annual.unit ?? 'none'}`,
        },
      };
    }
  },
};

export const targetAnnualExceedsPeriod: Rule = {
  id: 'target-annual-exceeds-period',
  family: 'target',
  severity: 'error',
  description: { zh: '累计数量的年度指标值不超过实施周期指标值', en: 'For cumulative counts, the annual target does not exceed the period target' },
  source: '长期指标与年度指标（domain.md S17, 佳县样表）',
  examples: {
    bad: { shows: '培训场次 | ≥4场 | ≥6场', edit: (d) => void (d.indicators[0] = indicatorRow('产出指标', '数量指标', '政务公开业务培训场次', '≥4场', '≥6场')) },
    good: { shows: '培训场次 | ≥12场 | ≥4场', edit: (d) => void (d.indicators[0] = indicatorRow('产出指标', '数量指标', '政务公开业务培训场次', '≥12场', '≥4场')) },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      const period = indicator.periodTargetValue;
      const annual = indicator.annualTargetValue;
      if (!isQuantity(period) || !isQuantity(annual) || period.unit !== annual.unit) continue;
      const cumulative = annual.unit !== null && familiesOfUnit(annual.unit).some((f) => f === 'count' || f === 'people' || f === 'event' || f === 'document');
      if (!cumulative || isReverseDirection(annual.operator)) continue;
      if (Number(annual.value) > Number(period.value)) {
        yield {
          path: pointer('indicators', i, 'annualTarget'),
          message: {
            zh: `${namedIndicator(indicator, i).zh}年度指标值 ${indicator.annualTarget} 大于实施周期指标值 ${indicator.periodTarget}`,
            en: `${namedIndicator(indicator, i).en}: the annual target ${indicator.annualTarget} exceeds the whole-period target ${indicator.periodTarget}`,
          },
        };
      }
    }
  },
};

const COMPARISON_WORDS: Record<string, string> = { 低于: '＜', 少于: '＜', 小于: '＜', 不超过: '≤', 不高于: '≤', 高于: '＞', 多于: '＞', 大于: '＞', 超过: '＞', 不低于: '≥', 不少于: '≥' };
const SENTENCE_COMPARISON = /^(.*?)(不超过|不高于|不低于|不少于|低于|少于|小于|高于|多于|大于|超过)(.*?)的?(\d+(?:\.\d+)?)\s*[%％]$/;

/** `败诉量低于办件总量的5%` → name 败诉量占办件总量的比例, value ＜5%: the sentence restated as name and value. */
export function restateComparison(raw: string): { name: string; value: string } | null {
  const match = SENTENCE_COMPARISON.exec(raw.trim());
  if (!match) return null;
  const [, subject = '', word = '', reference = '', number = ''] = match;
  if (!subject) return null;
  return { name: reference ? `${subject}占${reference}的比例` : subject, value: `${Object.hasOwn(COMPARISON_WORDS, word) ? COMPARISON_WORDS[word] : ''}${number}%` };
}

function describeQualitative(indicator: Indicator, i: number, raw: string): FindingDraft['message'] {
  if (/\d/.test(raw)) {
    return {
      zh: `${namedIndicator(indicator, i).zh}的指标值「${raw}」是一句话，数值夹在其中，无法直接比较`,
      en: `${namedIndicator(indicator, i).en}: the target "${raw}" is a sentence with a number inside it, not a value that can be compared`,
    };
  }
  if (VAGUE_WORDS.some((w) => raw.includes(w))) {
    return { zh: `${namedIndicator(indicator, i).zh}的指标值「${raw}」只说方向、没有程度，无法评判`, en: `${namedIndicator(indicator, i).en}: the target "${raw}" states a direction but no level, so it cannot be judged` };
  }
  return { zh: `${namedIndicator(indicator, i).zh}的指标值「${raw}」未量化`, en: `${namedIndicator(indicator, i).en}: the target "${raw}" is not quantified` };
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A date written in a target that no calendar has (`2025年13月1日前`, `2月30日`): what is wrong with it, or null. */
export function impossibleDate(raw: string): { zh: string; en: string } | null {
  const text = raw.normalize('NFKC').replace(/\s+/g, '');
  const written = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]/.exec(text) ?? /(\d{4})[-./](\d{1,2})[-./](\d{1,2})/.exec(text) ?? /(?:(\d{4})年)?(\d{1,2})月/.exec(text);
  if (!written) return null;
  const year = written[1] === undefined ? null : Number(written[1]);
  const month = Number(written[2]);
  const day = written[3] === undefined ? null : Number(written[3]);
  if (month < 1 || month > 12) return { zh: `没有 ${month} 月`, en: `there is no month ${month}` };
  const leap = year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0));
  const days = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 31);
  if (day !== null && (day < 1 || day > days)) return { zh: `${month} 月没有 ${day} 日`, en: `month ${month} has no day ${day}` };
  return null;
}

export const deadlineInvalid: Rule = {
  id: 'deadline-invalid',
  family: 'target',
  severity: 'error',
  description: { zh: '时限指标的日期是日历上有的日期', en: 'A deadline is a date the calendar has' },
  source: 'logic (domain.md S16)',
  examples: {
    bad: { shows: '培训完成时间 | 2025年13月1日前', edit: (d) => void (d.indicators[3] = indicatorRow('产出指标', '时效指标', '培训完成时间', '2025年13月1日前')) },
    good: { shows: '培训完成时间 | 2025年12月1日前', edit: (d) => void (d.indicators[3] = indicatorRow('产出指标', '时效指标', '培训完成时间', '2025年12月1日前')) },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      for (const { field, raw } of targetsOf(indicator)) {
        const wrong = impossibleDate(raw);
        if (wrong) yield { path: pointer('indicators', i, field), message: { zh: `${namedIndicator(indicator, i).zh}的时限「${raw}」不是有效日期：${wrong.zh}`, en: `${namedIndicator(indicator, i).en}: the deadline "${raw}" is not a date: ${wrong.en}` } };
      }
    }
  },
};

export const targetNotQuantified: Rule = {
  id: 'target-not-quantified',
  family: 'target',
  severity: 'warning',
  description: { zh: '指标值量化（比较符号 + 数值 + 单位），不能量化的写成分级分档的定性表述', en: 'Targets are quantified (operator, number, unit), or stated as graded qualitative levels' },
  source: '财预〔2021〕101号“量化易评”；定性指标须分级分档（domain.md §1.3, S7）',
  examples: {
    bad: { shows: '政策解读质量 | 明显提升', edit: (d) => void (d.indicators[4] = indicatorRow('效益指标', '社会效益指标', '政策解读质量', '明显提升')) },
    good: { shows: '政策解读质量考评合格率 | ≥90%', edit: () => undefined },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      for (const { field, raw, value } of targetsOf(indicator)) {
        if (value.kind !== 'qualitative') continue;
        if (GRADE_WORDS.includes(raw.trim())) continue;
        // A date no calendar has is deadline-invalid's finding, not a sentence.
        if (impossibleDate(raw)) continue;
        const restated = restateComparison(raw);
        yield {
          path: pointer('indicators', i, field),
          message: describeQualitative(indicator, i, raw),
          suggestion: restated
            ? { zh: `指标名称写「${restated.name}」，指标值写「${restated.value}」`, en: `name the indicator "${restated.name}" and give the target as ${restated.value}` }
            : { zh: '写成“比较符号 + 数值 + 单位”，确实无法量化的写成“达成/部分达成/未达成”等分档表述', en: 'write an operator, a number and a unit; if it truly cannot be quantified, use graded levels' },
        };
      }
    }
  },
};

export const percentOutOfRange: Rule = {
  id: 'percent-out-of-range',
  family: 'target',
  severity: 'error',
  description: { zh: '百分比指标值在 0–100% 之间（增长率除外）', en: 'Percentages lie between 0 and 100 (growth rates excepted)' },
  source: 'logic (domain.md S11)',
  examples: {
    bad: { shows: '电子政务外网正常运行率 | ≥199%', edit: (d) => void (d.indicators[2] = indicatorRow('产出指标', '质量指标', '电子政务外网正常运行率', '≥199%')) },
    good: { shows: '电子政务外网正常运行率 | ≥99%', edit: () => undefined },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      if (GROWTH_WORDS.some((w) => indicator.name.includes(w))) continue;
      for (const { field, raw, value } of targetsOf(indicator)) {
        if (!isQuantity(value) || !isPercent(value)) continue;
        const numbers = [value.value, value.upper].filter((n): n is string => n !== null).map(Number);
        if (numbers.some((n) => n < 0 || n > 100)) {
          yield { path: pointer('indicators', i, field), message: { zh: `${namedIndicator(indicator, i).zh}的百分比「${raw}」超出 0–100%`, en: `${namedIndicator(indicator, i).en}: the percentage "${raw}" is outside 0–100%` } };
        }
      }
    }
  },
};

export const satisfactionTargetForm: Rule = {
  id: 'satisfaction-target-form',
  family: 'target',
  severity: 'error',
  description: { zh: '满意度指标值写成“≥X%”', en: 'Satisfaction targets are written as a floor percentage (≥X%)' },
  source: '共性指标库“满意度(%)”；满意度为正向指标（domain.md S12）',
  examples: {
    bad: { shows: '参训人员满意度 | ＜5%', edit: (d) => void (d.indicators[5] = indicatorRow('满意度指标', '服务对象满意度指标', '参训人员满意度', '＜5%')) },
    good: { shows: '参训人员满意度 | ≥90%', edit: () => undefined },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      if (!isSatisfaction(indicator)) continue;
      for (const { field, raw, value } of targetsOf(indicator)) {
        if (!isQuantity(value)) continue;
        const path = pointer('indicators', i, field);
        if (!isPercent(value)) {
          yield { path, message: { zh: `${namedIndicator(indicator, i).zh}的满意度指标值「${raw}」不是百分比`, en: `${namedIndicator(indicator, i).en}: the satisfaction target "${raw}" is not a percentage` } };
        } else if (isReverseDirection(value.operator)) {
          yield {
            path,
            message: { zh: `${namedIndicator(indicator, i).zh}是满意度，指标值却是「${raw}」（越低越好）`, en: `${namedIndicator(indicator, i).en} is a satisfaction rate, but its target "${raw}" says lower is better` },
            suggestion: { zh: '满意度写成“≥X%”；若要控制投诉率，另设“投诉率 ≤X%”指标', en: 'write satisfaction as ≥X%; to limit complaints, add a separate complaint-rate indicator ≤X%' },
          };
        } else if ((value.operator === null || value.operator === '=') && Number(value.value) !== 100) {
          // A bare 100% is satisfaction-target-level's finding: the fix there is a lower floor, not a ≥.
          yield {
            path,
            severity: 'warning',
            message: { zh: `${namedIndicator(indicator, i).zh}的满意度指标值「${raw}」缺少“≥”`, en: `${namedIndicator(indicator, i).en}: the satisfaction target "${raw}" has no ≥` },
            suggestion: { zh: `写成「≥${value.value}%」`, en: `write ≥${value.value}%` },
          };
        }
      }
    }
  },
};

export const satisfactionTargetLevel: Rule = {
  id: 'satisfaction-target-level',
  family: 'target',
  severity: 'warning',
  description: { zh: '满意度指标值不低于配置的下限（默认 80%），也不设为难以佐证的 100%', en: 'Satisfaction targets are not below the configured floor (80%) nor an unprovable 100%' },
  source: 'practice (domain.md S13, thresholds configurable)',
  examples: {
    bad: { shows: '参训人员满意度 | ≥60%', edit: (d) => void (d.indicators[5] = indicatorRow('满意度指标', '服务对象满意度指标', '参训人员满意度', '≥60%')) },
    good: { shows: '参训人员满意度 | ≥90%', edit: () => undefined },
  },
  *check({ declaration: d, config }) {
    for (const [i, indicator] of d.indicators.entries()) {
      if (!isSatisfaction(indicator)) continue;
      for (const { field, raw, value } of targetsOf(indicator)) {
        if (!isQuantity(value) || !isPercent(value) || isReverseDirection(value.operator)) continue;
        const level = Number(value.value);
        if (level < config.thresholds.satisfactionMinimum) {
          yield { path: pointer('indicators', i, field), message: { zh: `${namedIndicator(indicator, i).zh}满意度目标「${raw}」低于 ${config.thresholds.satisfactionMinimum}%`, en: `${namedIndicator(indicator, i).en}: satisfaction target "${raw}" is below ${config.thresholds.satisfactionMinimum}%` } };
        } else if (level === 100 && config.thresholds.flagPerfectSatisfaction) {
          yield {
            path: pointer('indicators', i, field),
            message: { zh: `${namedIndicator(indicator, i).zh}满意度目标为 100%，自评时难以佐证`, en: `${namedIndicator(indicator, i).en}: a 100% satisfaction target is hard to evidence at self-evaluation` },
            suggestion: { zh: '按历史水平设为如“≥95%”', en: 'set it from past results, e.g. ≥95%' },
          };
        }
      }
    }
  },
};

export const directionMismatch: Rule = {
  id: 'direction-mismatch',
  family: 'target',
  severity: 'warning',
  description: { zh: '比较方向与指标含义一致：投诉、事故、差错、成本等用“≤”，合格率、完成率、覆盖率等用“≥”', en: 'The comparison fits the name: complaints, errors and costs use ≤; pass, completion and coverage rates use ≥' },
  source: '正向/反向指标（domain.md S14）',
  examples: {
    bad: { shows: '群众投诉率 | ≥5%', edit: (d) => void d.indicators.push(indicatorRow('效益指标', '社会效益指标', '群众投诉率', '≥5%')) },
    good: { shows: '群众投诉率 | ≤5%', edit: (d) => void d.indicators.push(indicatorRow('效益指标', '社会效益指标', '群众投诉率', '≤5%')) },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      if (isSatisfaction(indicator)) continue;
      const reverse = REVERSE_WORDS.some((w) => indicator.name.includes(w)) || indicator.level1 === '成本指标';
      const positive = !reverse && POSITIVE_WORDS.some((w) => indicator.name.includes(w));
      for (const { field, raw, value } of targetsOf(indicator)) {
        if (!isQuantity(value)) continue;
        if (reverse && isPositiveDirection(value.operator)) {
          yield { path: pointer('indicators', i, field), message: { zh: `${namedIndicator(indicator, i).zh}越低越好，指标值却是「${raw}」`, en: `${namedIndicator(indicator, i).en}: lower is better, but the target is "${raw}"` }, suggestion: { zh: '改用“≤”', en: 'use ≤' } };
        } else if (positive && isReverseDirection(value.operator)) {
          yield { path: pointer('indicators', i, field), message: { zh: `${namedIndicator(indicator, i).zh}越高越好，指标值却是「${raw}」`, en: `${namedIndicator(indicator, i).en}: higher is better, but the target is "${raw}"` }, suggestion: { zh: '改用“≥”', en: 'use ≥' } };
        }
      }
    }
  },
};

export const deadlineOutsideYear: Rule = {
  id: 'deadline-outside-year',
  family: 'target',
  severity: 'error',
  description: { zh: '时限指标的日期在预算年度内', en: 'Deadlines fall within the budget year' },
  source: 'logic (domain.md S16)',
  examples: {
    bad: { shows: '培训完成时间 | 2024年11月30日前（2025 年度）', edit: (d) => void d.indicators.push(indicatorRow('产出指标', '时效指标', '培训完成时间', '2024年11月30日前')) },
    good: { shows: '培训完成时间 | 2025年11月30日前', edit: (d) => void d.indicators.push(indicatorRow('产出指标', '时效指标', '培训完成时间', '2025年11月30日前')) },
  },
  *check({ declaration: d }) {
    if (d.year === null) return;
    for (const [i, indicator] of d.indicators.entries()) {
      for (const { field, raw, value } of targetsOf(indicator)) {
        if (value.kind === 'deadline' && value.year !== null && value.year !== d.year) {
          yield { path: pointer('indicators', i, field), message: { zh: `${namedIndicator(indicator, i).zh}的时限「${raw}」不在 ${d.year} 年度内`, en: `${namedIndicator(indicator, i).en}: the deadline "${raw}" is outside ${d.year}` } };
        }
      }
    }
  },
};

export const timelinessVague: Rule = {
  id: 'timeliness-vague',
  family: 'target',
  severity: 'warning',
  description: { zh: '时效指标写明具体时限（“X月X日前”）或按时完成率，不写“年底前”“及时”', en: 'Timeliness targets give a date or an on-time rate, not "by year end" or "promptly"' },
  source: '共性指标库“**月**日前”（domain.md S15）',
  examples: {
    bad: { shows: '网络故障响应时间 | 及时响应', edit: (d) => void (d.indicators[3] = indicatorRow('产出指标', '时效指标', '网络故障响应时间', '及时响应')) },
    good: { shows: '网络故障响应时间 | ≤2小时', edit: () => undefined },
  },
  *check({ declaration: d }) {
    for (const [i, indicator] of d.indicators.entries()) {
      if (indicator.level2 !== '时效指标') continue;
      for (const { field, raw, value } of targetsOf(indicator)) {
        if (value.kind === 'qualitative' && VAGUE_TIME_WORDS.some((w) => raw.includes(w))) {
          yield {
            path: pointer('indicators', i, field),
            message: { zh: `${namedIndicator(indicator, i).zh}的时限「${raw}」不具体`, en: `${namedIndicator(indicator, i).en}: the time limit "${raw}" is not specific` },
            suggestion: { zh: '写成“X月X日前”或“按时完成率 ≥X%”', en: 'write a date (X月X日前) or an on-time rate (≥X%)' },
          };
        }
      }
    }
  },
};

export const TARGET_RULES: readonly Rule[] = [
  targetOperatorInconsistent,
  targetUnitInconsistent,
  targetAnnualExceedsPeriod,
  targetNotQuantified,
  percentOutOfRange,
  satisfactionTargetForm,
  satisfactionTargetLevel,
  directionMismatch,
  deadlineOutsideYear,
  deadlineInvalid,
  timelinessVague,
];
