/**
 * Generic words that every goal and indicator uses (提升, 加强, 工作 …): sharing them says nothing
 * about whether an indicator measures a goal, so coverage matching ignores them.
 */
export const GENERIC_WORDS: readonly string[] = [
  '提升', '提高', '加强', '推进', '保障', '全面', '持续', '工作', '水平', '建设', '我区', '开展', '实现', '确保', '完成', '有效',
  '深入', '发挥', '作用', '相关', '情况', '做好', '年度', '目标', '以及', '进行', '通过', '提供', '能力', '优化', '加快', '不断',
  '积极', '规范', '强化', '促进', '推动', '落实', '组织', '按照', '根据', '同时', '其中', '各类', '全区', '全市', '本级', '进一',
  '一步', '数量', '指标', '项目', '管理', '正常', '运行', '稳定', '高效', '效率', '情况', '重点', '主要', '单位', '部门', '达到',
];
