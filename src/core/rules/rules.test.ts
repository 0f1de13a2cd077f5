/** Every rule, both ways: its documented bad example fires it, its good example does not. */
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from './allRules.ts';
import { checkDeclaration } from './checkDeclaration.ts';
import { DEFAULT_CHECK_CONFIG } from './checkConfig.ts';
import { exampleDeclaration } from './exampleDeclaration.ts';
import { exampleProject } from './exampleProject.ts';
import { RULE_FAMILIES, checkContext, type CheckContext, type RuleExample } from './rule.ts';

describe('the rule set', () => {
  it('has unique kebab-case ids, a known family, bilingual descriptions and a source', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of ALL_RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(RULE_FAMILIES).toContain(rule.family);
      expect(rule.description.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(rule.description.en).toMatch(/[a-z]/);
      expect(rule.source.length).toBeGreaterThan(3);
    }
  });

  it('finds nothing in the clean example declaration', () => {
    expect(checkDeclaration(exampleDeclaration())).toEqual([]);
  });
});

describe.each(ALL_RULES.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
  it(`fires on its bad example: ${rule.examples.bad.shows}`, () => {
    const findings = [...rule.check(exampleContext(rule.examples.bad))];
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.path).toMatch(/^\//);
      expect(finding.message.zh).not.toBe('');
      expect(finding.message.en).not.toBe('');
    }
  });

  it(`stays quiet on its good example: ${rule.examples.good.shows}`, () => {
    expect([...rule.check(exampleContext(rule.examples.good))]).toEqual([]);
  });
});

/** The context an example is checked in: the clean example of its kind, edited. */
function exampleContext(example: RuleExample): CheckContext {
  const related = example.related?.() ?? {};
  if (example.on === 'project-target') {
    const project = exampleProject();
    example.edit(project);
    return checkContext(project, DEFAULT_CHECK_CONFIG, related);
  }
  const declaration = exampleDeclaration();
  example.edit(declaration);
  return checkContext(declaration, DEFAULT_CHECK_CONFIG, related);
}

describe('the clean example project form', () => {
  it('has no findings', () => {
    expect(checkDeclaration(exampleProject())).toEqual([]);
  });
});
