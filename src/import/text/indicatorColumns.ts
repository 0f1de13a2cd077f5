/**
 * The vocabulary of indicator-table headers: which column a header cell names, whatever the region
 * prints (三级指标 or 指标名称, 年度指标值 or 当年预期实现值 …). Shared by every mapper, so a
 * table is read by its headers, never by its column positions.
 */

export type IndicatorColumn = 'level1' | 'level2' | 'name' | 'operator' | 'annual' | 'period' | 'unit' | 'standard' | 'explanation' | 'scoringRule' | 'weight' | 'note';

export const COLUMN_HEADERS: ReadonlyArray<readonly [IndicatorColumn, RegExp]> = [
  ['level1', /^一级指标$/],
  ['level2', /^二级指标$/],
  ['name', /^(三级指标|指标名称|具体指标|指标内容|绩效指标名称)$/],
  ['operator', /^(指标性质|指标值类型|指标方向|计算符号|符号)$/],
  ['period', /^(实施周期指标值|实施期指标值|长期指标值|总体指标值|中期指标值|实施期目标值|总目标值)$/],
  ['annual', /^(年度指标值|指标值|目标值|指标目标值|当年预期实现值|本年度计划水平|年度目标值|绩效目标值|指标值及单位|预期目标值|年度指标值及单位)$/],
  ['unit', /^(计量单位|度量单位|单位)$/],
  ['standard', /^(绩效标准|取值依据|指标值设定依据|标准|参考标准)$/],
  ['explanation', /^(指标解释|指标说明|计算公式|指标内容[/／]计算公式)$/],
  ['scoringRule', /^(评[（(]扣[)）]分标准|评分标准|扣分标准|评分规则)$/],
  ['weight', /^(分值|权重|权重[（(]分值[)）]|分值[（(]权重[)）])$/],
  ['note', /^(备注|保障措施|上年度实际水平)$/],
];

// Cells are looked up many times: the answer for a text is kept (a form's vocabulary is small;
// the memo is dropped when it grows past a bound).
const columnMemo = new Map<string, IndicatorColumn | null>();

/**
 * The indicator column a header cell names, or null. A note in brackets after the heading
 * (年度指标值（2025年）, 计量单位（个/%）, 三级指标（指标名称）) does not change the column.
 */
export function indicatorColumnOf(text: string): IndicatorColumn | null {
  let column = columnMemo.get(text);
  if (column === undefined) {
    // A note in brackets after the heading, or the mark of a required field before it (*指标值).
    const starless = text.replace(/^[*＊]+/, '');
    const bare = starless.length > 4 ? starless.replace(/[（(][^（()）]{1,16}[)）]$/, '') : starless;
    column = COLUMN_HEADERS.find(([, pattern]) => pattern.test(text) || (bare !== text && pattern.test(bare)))?.[0] ?? null;
    if (columnMemo.size > 10_000) columnMemo.clear();
    columnMemo.set(text, column);
  }
  return column;
}
