import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../core/rules/allRules.ts';
import { rulesDocument } from './rulesDocument.ts';

describe('docs/rules.md', () => {
  it('lists every rule and is up to date (run `npm run docs:rules` after changing a rule)', () => {
    const published = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    expect(published).toBe(rulesDocument());
    for (const rule of ALL_RULES) expect(published).toContain(`### \`${rule.id}\``);
  });
});
