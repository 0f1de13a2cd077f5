/**
 * A small, correct declaration: the starting point of every rule's documented examples (each
 * example edits a fresh copy) and of tests. Checking it finds nothing.
 */
import { emptyDeclaration, type DepartmentTargetDeclaration, type Indicator } from '../declaration.ts';
import { parseTargetValue } from '../targetValue.ts';

/** An indicator row with its targets parsed, as an importer or editor would store it. */
export function indicatorRow(level1: string | null, level2: string | null, name: string, periodTarget: string, annualTarget = periodTarget): Indicator {
  return {
    level1,
    level2,
    name,
    periodTarget,
    annualTarget,
    periodTargetValue: parseTargetValue(periodTarget),
    annualTargetValue: parseTargetValue(annualTarget),
  };
}

/** A fresh copy of the clean example declaration. */
export function exampleDeclaration(): DepartmentTargetDeclaration {
  return {
    ...emptyDeclaration('示例市示例区政务服务数据管理局', 2025),
    title: '部门整体预算绩效目标申报表',
    budget: {
      total: '1000.00',
      totalDerived: false,
      basic: '600.00',
      project: '400.00',
      income: { fiscal: '1000.00', other: '0.00' },
      developmental: { specialFiscal: '100.00', other: '50.00' },
      byLevel: { ownLevel: '1000.00', transferDown: '0.00' },
    },
    projects: [
      {
        name: '电子政务外网运维',
        content: '保障全区电子政务外网和政务云稳定运行，及时处置网络故障。',
        amount: '300.00',
        expectedOutcome: '全区电子政务外网全年稳定运行，网络故障及时修复。',
      },
      {
        name: '政务公开业务培训',
        content: '组织全区政务公开业务培训，提升政策解读能力。',
        amount: '100.00',
        expectedOutcome: '全区政务公开工作人员完成培训，政策解读质量提高。',
      },
    ],
    goals: ['保障电子政务外网稳定运行，提升网络安全防护水平。', '开展政务公开业务培训，提高政策解读质量。'],
    indicators: [
      indicatorRow('产出指标', '数量指标', '政务公开业务培训场次', '≥4场'),
      indicatorRow('产出指标', '数量指标', '电子政务外网接入点位数量', '≥500个'),
      indicatorRow('产出指标', '质量指标', '电子政务外网正常运行率', '≥99%'),
      indicatorRow('产出指标', '时效指标', '网络故障响应时间', '≤2小时'),
      indicatorRow('效益指标', '社会效益指标', '政策解读质量考评合格率', '≥90%'),
      indicatorRow('满意度指标', '服务对象满意度指标', '参训人员满意度', '≥90%'),
      indicatorRow('成本指标', '经济成本指标', '电子政务外网运维成本', '≤300万元'),
    ],
  };
}
