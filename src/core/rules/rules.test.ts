/** Every rule, both ways: its documented bad example fires it, its good example does not. */
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from './allRules.ts';
import { checkDeclaration } from './checkDeclaration.ts';
import { DEFAULT_CHECK_CONFIG } from './checkConfig.ts';
import { exampleDeclaration } from './exampleDeclaration.ts';
import { RULE_FAMILIES, checkContext } from './rule.ts';

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
    const declaration = exampleDeclaration();
    rule.examples.bad.edit(declaration);
    const findings = [...rule.check(checkContext(declaration, DEFAULT_CHECK_CONFIG))];
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.path).toMatch(/^\//);
      expect(finding.message.zh).not.toBe('');
      expect(finding.message.en).not.toBe('');
    }
  });

  it(`stays quiet on its good example: ${rule.examples.good.shows}`, () => {
    const declaration = exampleDeclaration();
    rule.examples.good.edit(declaration);
    expect([...rule.check(checkContext(declaration, DEFAULT_CHECK_CONFIG))]).toEqual([]);
  });
});
