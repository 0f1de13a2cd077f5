/**
 * A change between two versions of a measuring document in words: where (the row as the kind names
 * it, then the field, · between) and, for the values the kinds keep as codes, the word a person reads.
 */

type Words = (zh: string, en: string) => string;

/** The fields the measuring kinds share, by the last names in their pointers, for the history's differences. */
const FIELD_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  budget: ['预算执行', 'budget'],
  annual: ['年度预算', 'annual budget'],
  executedToDate: ['截至目前执行数', 'spent to date'],
  projectedAnnual: ['全年预计', 'projected for the year'],
  reason: ['原因', 'reason'],
  measures: ['措施', 'measures'],
  categories: ['偏差原因类别', 'reason categories'],
  deviation: ['偏差', 'deviation'],
  stageTarget: ['阶段性目标', 'stage target'],
  actualToDate: ['截至目前完成值', 'value to date'],
  likelihood: ['完成可能性', 'likelihood'],
  light: ['灯', 'light'],
  lights: ['灯', 'lights'],
  overall: ['总体', 'overall'],
  indicators: ['指标', 'indicators'],
  reportDate: ['填报日期', 'report date'],
  rectification: ['整改', 'rectification'],
  advice: ['整改意见', 'advice'],
  actual: ['实际完成值', 'actual'],
  points: ['分值', 'points'],
  score: ['得分', 'score'],
  applicable: ['适用', 'applies'],
  funds: ['项目资金', 'funds'],
  executed: ['执行数', 'executed'],
  goals: ['目标', 'goals'],
  achieved: ['实际完成情况', 'achieved'],
  conclusion: ['评价结论', 'conclusion'],
  problems: ['存在问题', 'problems'],
  improvements: ['改进措施', 'improvements'],
};
/** Values said in words: a light, a likelihood. */
const VALUE_WORDS: Readonly<Record<string, readonly [string, string]>> = { red: ['红灯', 'red'], yellow: ['黄灯', 'yellow'], green: ['绿灯', 'green'], blue: ['蓝灯', 'blue'], certain: ['确定能', 'certain'], possible: ['有可能', 'possible'], impossible: ['完全不可能', 'impossible'] };

/** Where a change is: `/indicators/2/deviation/reason` → 第 3 行「…」 · 偏差 · 原因; `/budget/executedToDate` → 预算执行 · 截至目前执行数. */
export function changeLabel(path: string, where: (path: string) => string, t: Words): string {
  const parts = path.split('/').slice(1);
  const inRow = /^\d+$/.test(parts[1] ?? '');
  const names = (inRow ? parts.slice(2) : parts).filter((p) => !/^\d+$/.test(p)).map((p) => {
    const name = FIELD_NAMES[p];
    return name ? t(name[0], name[1]) : p;
  });
  return [...(inRow ? [where(path)] : []), ...names].join(' · ');
}

/** A coded value in words (green → 绿灯), or null for any other value. */
export function changeValue(value: unknown, t: Words): string | null {
  const words = typeof value === 'string' ? VALUE_WORDS[value] : undefined;
  return words ? t(words[0], words[1]) : null;
}
