/**
 * What each second-level class is about, as words an indicator's name should contain. Only classes
 * with a clear vocabulary are listed; 社会效益 and 质量 are too broad to check by words.
 */

/** Words that show an indicator belongs to a second-level class. */
export const CLASS_WORDS: Readonly<Record<string, { readonly words: readonly string[]; readonly zh: string; readonly en: string }>> = {
  生态效益指标: {
    words: ['生态', '环境', '环保', '绿色', '节能', '减排', '排放', '能耗', '耗能', '污染', '碳', '绿化', '植被', '水质', '空气', '噪声', '垃圾', '废弃', '节水', '节约资源', '无纸化', '循环', '林', '湿地', '土壤'],
    zh: '生态环境',
    en: 'the environment',
  },
  环境效益指标: {
    words: ['生态', '环境', '环保', '绿色', '节能', '减排', '排放', '能耗', '污染', '碳', '绿化', '水质', '空气', '噪声', '垃圾', '无纸化'],
    zh: '生态环境',
    en: 'the environment',
  },
  时效指标: {
    words: ['时', '及时', '按时', '准时', '时限', '时效', '时间', '期限', '天', '日', '周期', '进度', '响应', '办结', '期内', '前完成', '当月', '当年', '年内', '月内'],
    zh: '时间',
    en: 'time',
  },
  服务对象满意度指标: {
    words: ['满意'],
    zh: '满意度',
    en: 'satisfaction',
  },
  经济效益指标: {
    words: ['经济', '收入', '收益', '产值', '税', '增收', '节约', '效益', '投资', '营收', '产业', '招商', '企业', '增加值', '成本节约'],
    zh: '经济效益',
    en: 'economic effect',
  },
  经济成本指标: {
    words: ['成本', '费用', '经费', '金额', '单价', '价格', '支出', '资金', '投入'],
    zh: '经济成本',
    en: 'money cost',
  },
};

/** Words of rates and scores, which measure quality or effect rather than quantity. */
export const RATE_OR_SCORE_WORDS: readonly string[] = ['率', '比例', '占比', '分数', '评分', '得分'];

/** Words of adverse events, where lower is better (反向指标). */
export const REVERSE_WORDS: readonly string[] = ['投诉', '事故', '差错', '违规', '违纪', '超支', '败诉', '故障次数', '故障率', '发生率', '结余率', '失误', '逾期', '返工', '漏报', '误报', '错误', '隐患', '损失', '闲置'];

/** Words of good outcomes, where higher is better (正向指标). */
export const POSITIVE_WORDS: readonly string[] = ['合格率', '完成率', '覆盖率', '达标率', '通过率', '办结率', '处置率', '响应率', '正常率', '运行率', '知晓率', '满意'];

/** Words of the budget-execution measures that 财预〔2020〕10号 scores separately. */
export const EXECUTION_WORDS: readonly string[] = ['预算执行率', '资金到位率', '资金使用率', '资金执行率', '支出进度', '预算执行进度'];

/** Words of input statements (money, staff, materials spent), which are not performance. */
export const INPUT_WORDS: readonly string[] = ['资金投入', '投入资金', '投入金额', '人员投入', '投入人员', '经费投入', '投入经费'];

/** Words of growth rates, whose percentages may exceed 100 or be negative. */
export const GROWTH_WORDS: readonly string[] = ['增长', '增幅', '提高', '提升', '增速', '同比', '环比', '下降', '降低', '减少'];

/** Vague wording of a time target without a date (S15). */
export const VAGUE_TIME_WORDS: readonly string[] = ['年底前', '年内', '按时', '及时', '尽快', '适时', '按期', '如期', '限期'];

/** Vague wording of a target that states a direction but no level (S7, 1.6). */
export const VAGUE_WORDS: readonly string[] = ['提高', '提升', '加强', '明显', '有效', '逐步', '进一步', '不断', '较好', '显著', '大幅', '稳步', '持续', '改善', '增强', '推进'];

/** Graded wording a qualitative target may use (定性分级分档). */
export const GRADE_WORDS: readonly string[] = ['好', '较好', '一般', '较差', '差', '优', '良', '中', '达成', '部分达成', '未达成', '是', '否', '有', '无', '合格', '不合格', '完成', '未完成'];
