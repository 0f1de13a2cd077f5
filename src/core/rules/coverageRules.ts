/**
 * Coverage (相关性, 88号 art. 24): every overall goal measured by some indicator, every key project
 * reflected in the indicators. Judged by shared wording (coverage.ts), so a finding is a prompt to
 * look, not a verdict.
 */
import { coverageMatrix } from './coverage.ts';
import { indicatorRow } from './exampleDeclaration.ts';
import { pointer } from './finding.ts';
import type { Rule } from './rule.ts';

export const goalNotCovered: Rule = {
  id: 'goal-not-covered',
  family: 'coverage',
  severity: 'warning',
  description: { zh: '每条总体绩效目标都有相应的绩效指标衡量', en: 'Every overall goal is measured by some indicator' },
  source: '财预〔2015〕88号 art. 24 相关性：目标应设置关联指标并细化量化（domain.md §2.1, S21）',
  examples: {
    bad: { shows: '目标3：做好机关档案数字化（无相应指标）', edit: (d) => void d.goals.push('做好机关档案数字化。') },
    good: { shows: '目标3：做好机关档案数字化 ↔ 档案数字化完成率', edit: (d) => void (d.goals.push('做好机关档案数字化。'), d.indicators.push(indicatorRow('产出指标', '质量指标', '档案数字化完成率', '≥95%'))) },
  },
  *check({ declaration: d, config, memo }) {
    if (d.kind !== 'department-target') return;
    if (d.indicators.length === 0) return;
    const matrix = memo('coverage', () => coverageMatrix(d, config.thresholds.coverageMinimumShared));
    for (const [g, served] of matrix.served.entries()) {
      if (served) continue;
      yield {
        path: pointer('goals', g),
        message: { zh: `目标${g + 1}没有相应的绩效指标：${d.goals[g]?.slice(0, 30) ?? ''}…`, en: `goal ${g + 1} is not measured by any indicator` },
        suggestion: { zh: '为该目标设置至少一项可量化的指标，或把目标写得与已有指标对应', en: 'add at least one measurable indicator for it, or word the goal after the indicators that measure it' },
      };
    }
  },
};

export const projectNotMeasured: Rule = {
  id: 'project-not-measured',
  family: 'coverage',
  severity: 'info',
  description: { zh: '每个重点项目在绩效指标中有所体现', en: 'Each key project is reflected in some indicator' },
  source: '部门整体目标由年度主要任务细化（domain.md §5.1）',
  examples: {
    bad: { shows: '项目“机关档案数字化”（无相应指标）', edit: (d) => void d.projects.push({ name: '机关档案数字化', content: '完成历年文书档案扫描。', amount: '0.00', expectedOutcome: '档案查阅更便捷。' }) },
    good: { shows: '项目“电子政务外网运维” ↔ 电子政务外网正常运行率', edit: () => undefined },
  },
  *check({ declaration: d, config, memo }) {
    if (d.kind !== 'department-target') return;
    if (d.indicators.length === 0) return;
    const matrix = memo('coverage', () => coverageMatrix(d, config.thresholds.coverageMinimumShared));
    for (const [p, measured] of matrix.projectsMeasured.entries()) {
      if (measured) continue;
      yield { path: pointer('projects', p), message: { zh: `重点项目「${d.projects[p]?.name ?? ''}」在绩效指标中没有体现`, en: `key project "${d.projects[p]?.name ?? ''}" is not reflected in any indicator` } };
    }
  },
};

export const COVERAGE_RULES: readonly Rule[] = [goalNotCovered, projectNotMeasured];
