/** A clean project target form for rule examples and tests: every rule stays quiet on it. */
import { projectIndicator, type ProjectTargetDeclaration } from '../projectTarget.ts';
import { emptyProjectTarget } from '../projectTarget.ts';

/** A fresh copy of the clean example project form. */
export function exampleProject(): ProjectTargetDeclaration {
  return {
    ...emptyProjectTarget('示例市示例区政务服务数据管理局', 2025),
    project: {
      name: '电子政务外网运维',
      code: '440105-2025-001',
      category: '运转类',
      nature: '延续',
      period: { start: '2025-01', end: '2025-12', text: '2025年1月-2025年12月' },
      basis: '《示例区电子政务外网管理办法》',
      content: '保障全区电子政务外网稳定运行，提供网络接入与安全防护服务。',
    },
    funds: { total: '300.00', fiscal: '300.00', other: '0.00', items: [{ label: '财政拨款', amount: '300.00' }, { label: '其他资金', amount: '0.00' }] },
    periodGoal: '保障电子政务外网稳定运行。',
    annualGoal: ['全年网络可用率不低于99.9%。', '及时处置网络安全事件。'],
    indicators: [
      projectIndicator('产出指标', '数量指标', '接入单位数量', '≥120个'),
      projectIndicator('产出指标', '质量指标', '网络可用率', '≥99.9%'),
      projectIndicator('产出指标', '时效指标', '故障响应时间', '≤2小时'),
      projectIndicator('成本指标', '经济成本指标', '外网运维成本', '≤300万元'),
      projectIndicator('效益指标', '社会效益指标', '网络安全事件处置率', '=100%'),
      projectIndicator('满意度指标', '服务对象满意度指标', '接入单位满意度', '≥90%'),
    ],
  };
}
