/**
 * How a finance bureau tunes the checker to its local practice: rules switched off or re-graded,
 * the framework layout its templates use, and the thresholds that differ between provinces.
 */
import type { Severity } from './finding.ts';

/** A rule's setting: off, or the severity to report it with. */
export type RuleSetting = 'off' | Severity;

/** Thresholds that are configuration, not constants (domain.md marks them ⚙). */
export interface CheckThresholds {
  /** A satisfaction target below this percentage is flagged as low (default 80). */
  readonly satisfactionMinimum: number;
  /** Flag satisfaction targets of exactly 100% as hard to evidence (default true). */
  readonly flagPerfectSatisfaction: boolean;
  /** Shared informative character pairs for an indicator to serve a goal (default 2). */
  readonly coverageMinimumShared: number;
  /** A new project of at least this amount (万元) needs an ex-ante assessment (null, the default: never flagged missing). */
  readonly exAnteRequiredFrom: string | null;
}

/** The checker's configuration. */
export interface CheckConfig {
  /** `national`: 财预〔2021〕101号, 成本指标 first-level; `legacy`: 成本指标 under 产出指标 also accepted. */
  readonly framework: 'national' | 'legacy';
  /** Per-rule settings by rule id; rules not named keep their default severity. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly thresholds: CheckThresholds;
}

/** The defaults: national framework, every rule at its own severity. */
export const DEFAULT_CHECK_CONFIG: CheckConfig = {
  framework: 'national',
  rules: {},
  thresholds: { satisfactionMinimum: 80, flagPerfectSatisfaction: true, coverageMinimumShared: 2, exAnteRequiredFrom: null },
};

/** A configuration with some settings changed; unnamed settings keep their defaults. */
export function withConfig(overrides: {
  framework?: CheckConfig['framework'];
  rules?: Readonly<Record<string, RuleSetting>>;
  thresholds?: Partial<CheckThresholds>;
}): CheckConfig {
  return {
    framework: overrides.framework ?? DEFAULT_CHECK_CONFIG.framework,
    rules: { ...DEFAULT_CHECK_CONFIG.rules, ...overrides.rules },
    thresholds: { ...DEFAULT_CHECK_CONFIG.thresholds, ...overrides.thresholds },
  };
}
