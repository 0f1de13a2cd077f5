/**
 * The national three-level indicator framework (财预〔2021〕101号): which second-level classes
 * belong under which first-level class. Older local templates put 成本指标 under 产出指标 and say
 * 环境效益 for 生态效益; {@link LEGACY_FRAMEWORK} describes that layout.
 */

/** First-level indicator classes (一级指标) in their printed order. */
export const LEVEL1 = ['产出指标', '效益指标', '满意度指标', '成本指标'] as const;
export type Level1 = (typeof LEVEL1)[number];

/** A framework: for each first-level class, the second-level classes allowed under it. */
export type Framework = Readonly<Record<string, readonly string[]>>;

/** The layout of 101号: 成本指标 is a first-level class of its own. */
export const NATIONAL_FRAMEWORK: Framework = {
  产出指标: ['数量指标', '质量指标', '时效指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
  成本指标: ['经济成本指标', '社会成本指标', '生态环境成本指标'],
};

/** The pre-101号 layout many local forms still use: 成本指标 as a second-level class of 产出. */
export const LEGACY_FRAMEWORK: Framework = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '环境效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
};

/** Every second-level label any supported layout prints, longest first for prefix matching. */
export const LEVEL2_LABELS: readonly string[] = [
  ...new Set([...Object.values(NATIONAL_FRAMEWORK).flat(), ...Object.values(LEGACY_FRAMEWORK).flat()]),
].sort((a, b) => b.length - a.length);

/** The first-level class a second-level class belongs to in a framework, or null when none. */
export function level1Of(level2: string, framework: Framework = NATIONAL_FRAMEWORK): string | null {
  for (const [level1, children] of Object.entries(framework)) {
    if (children.includes(level2)) return level1;
  }
  return null;
}

/**
 * The second-level classes a framework allows under a first-level class; none for text that is not
 * one of its classes. Looked up as own keys only: user text such as `constructor` never reaches the
 * object's prototype.
 */
export function classesUnder(level1: string | null, framework: Framework = NATIONAL_FRAMEWORK): readonly string[] {
  return level1 !== null && Object.hasOwn(framework, level1) ? (framework[level1] ?? []) : [];
}

/** True when the framework allows `level2` under `level1`. */
export function isAllowedPlacement(level1: string, level2: string, framework: Framework = NATIONAL_FRAMEWORK): boolean {
  return classesUnder(level1, framework).includes(level2);
}
