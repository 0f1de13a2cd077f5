/**
 * Units of measure grouped by what they measure, and what a name says it measures. Data, not
 * code: extend the lists here (domain.md §1.4 and S10 give the sources).
 */

/** What a unit measures. */
export type UnitFamily = 'percent' | 'people' | 'count' | 'event' | 'document' | 'money' | 'bandwidth' | 'area' | 'length' | 'duration' | 'score';

/** Units by family. A unit may only be in one family. */
export const UNITS: Readonly<Record<UnitFamily, readonly string[]>> = {
  percent: ['%', '％', '百分比', '‰'],
  people: ['人', '人次', '名', '位', '户', '家', '个'],
  count: ['个', '件', '台', '套', '项', '条', '部', '辆', '所', '座', '处', '批', '张', '块', '类', '种', '路', '点', '宗', '起', '株', '棵', '只', '头', '羽', '间', '栋'],
  event: ['次', '场', '场次', '期', '批次', '轮', '次/年', '场/年', '次/月'],
  document: ['份', '篇', '期', '本', '册', '部', '项', '个', '套', '卷', '件'],
  money: ['元', '万元', '亿元', '千元', '元/人', '元/台', '元/次', '元/件', '元/平方米', '万元/个', '元/人·年'],
  bandwidth: ['M', 'Mb', 'Mbps', 'MB', 'G', 'Gb', 'Gbps', 'GB', 'T', 'Tb', '兆', '千兆', '万兆', 'M/s', 'Mb/s', 'Gb/s'],
  area: ['平方米', '㎡', 'm²', '亩', '公顷', '平方公里', 'km²'],
  length: ['米', '公里', '千米', 'km', 'm'],
  duration: ['天', '日', '工作日', '个工作日', '小时', '分钟', '秒', '周', '月', '个月', '年', 'h', '分钟/次', '小时/次'],
  score: ['分'],
};

/** What a name measures, by the words in it, most specific first. */
export const NAME_MEASURES: ReadonlyArray<{ readonly family: UnitFamily; readonly words: readonly string[]; readonly zh: string; readonly en: string }> = [
  { family: 'percent', words: ['满意度', '满意率', '合格率', '达标率', '完成率', '覆盖率', '使用率', '利用率', '通过率', '响应率', '办结率', '处置率', '联网率', '正常率', '运行率', '知晓率', '参与率', '占比', '比例', '比率', '率'], zh: '比率', en: 'a rate' },
  { family: 'score', words: ['分数', '评分', '得分', '考评分'], zh: '分数', en: 'a score' },
  { family: 'bandwidth', words: ['带宽', '网速', '出口速率'], zh: '带宽', en: 'a bandwidth' },
  { family: 'people', words: ['用户数', '人数', '人次', '用户数量', '注册用户', '访问量', '服务对象数', '受益人', '参训人员数'], zh: '人数', en: 'a number of people' },
  { family: 'event', words: ['次数', '场次', '频次', '期数'], zh: '次数', en: 'a number of times' },
  { family: 'document', words: ['报告', '报表', '月报', '简报', '方案', '规划', '文件', '材料', '图谱', '课题'], zh: '文档数', en: 'a number of documents' },
  { family: 'money', words: ['成本', '费用', '经费', '金额', '补助', '补贴', '单价', '资金'], zh: '金额', en: 'an amount of money' },
  { family: 'area', words: ['面积'], zh: '面积', en: 'an area' },
  { family: 'length', words: ['长度', '里程'], zh: '长度', en: 'a length' },
  { family: 'duration', words: ['时间', '时限', '时长', '周期', '工期'], zh: '时长', en: 'a duration' },
  { family: 'count', words: ['数量', '个数', '件数', '台数', '套数', '路数', '点位数', '项数', '数'], zh: '数量', en: 'a count' },
];

/** The families a unit belongs to (some units, such as 个 or 项, count several kinds of thing). */
export function familiesOfUnit(unit: string): readonly UnitFamily[] {
  return FAMILIES_BY_UNIT.get(unit.trim()) ?? [];
}

const FAMILIES_BY_UNIT = new Map<string, UnitFamily[]>();
for (const family of Object.keys(UNITS) as UnitFamily[]) {
  for (const unit of UNITS[family]) FAMILIES_BY_UNIT.set(unit, [...(FAMILIES_BY_UNIT.get(unit) ?? []), family]);
}

/** What the name measures, from its words; null when the name does not say. */
export function measureOfName(name: string): (typeof NAME_MEASURES)[number] | null {
  for (const measure of NAME_MEASURES) {
    if (measure.words.some((word) => name.includes(word))) return measure;
  }
  return null;
}

/** Families a measured name accepts: a count of documents may be in 个 or 项, people in 个, … */
export function acceptedFamilies(family: UnitFamily): readonly UnitFamily[] {
  switch (family) {
    case 'document':
      return ['document'];
    case 'people':
      return ['people'];
    case 'count':
      return ['count', 'people', 'event', 'document'];
    case 'event':
      return ['event'];
    default:
      return [family];
  }
}

// Count words that name their own unit: 监控路数 is counted in 路.
const COUNT_WORD_UNITS: ReadonlyArray<readonly [string, string]> = [
  ['路数', '路'],
  ['台数', '台'],
  ['套数', '套'],
  ['件数', '件'],
  ['项数', '项'],
  ['场次', '场'],
  ['次数', '次'],
  ['期数', '期'],
  ['人次', '人次'],
  ['人数', '人'],
];

/** The unit to suggest for a name: the one its count word names (路数 → 路), else its family's usual unit. */
export function suggestedUnitFor(name: string, family: UnitFamily): string {
  return COUNT_WORD_UNITS.find(([word]) => name.includes(word))?.[1] ?? suggestedUnit(family);
}

/** The usual unit of a family. */
export function suggestedUnit(family: UnitFamily): string {
  const suggestions: Record<UnitFamily, string> = {
    percent: '%',
    people: '人',
    count: '个',
    event: '次',
    document: '份',
    money: '万元',
    bandwidth: 'M',
    area: '平方米',
    length: '公里',
    duration: '天',
    score: '分',
  };
  return suggestions[family];
}
