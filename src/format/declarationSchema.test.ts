import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFormText } from '../import/text/importFormText.ts';
import { declarationJsonSchema, declarationSchema } from './declarationSchema.ts';

const seed = readFileSync(new URL('../../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url), 'utf8');

describe('the canonical JSON schema', () => {
  it('accepts what the importer produces', () => {
    const outcome = importFormText(seed);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(declarationSchema.safeParse(outcome.declaration).success).toBe(true);
  });

  it('refuses floats for money, unknown fields and wrong kinds, naming the field', () => {
    const outcome = importFormText(seed);
    if (!outcome.ok || outcome.declaration.kind !== 'department-target') throw new Error('seed import failed');
    const bad = { ...outcome.declaration, budget: { ...outcome.declaration.budget, basic: 2507.5 } };
    const result = declarationSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['budget', 'basic']);
    expect(declarationSchema.safeParse({ ...outcome.declaration, extra: 1 }).success).toBe(false);
    expect(declarationSchema.safeParse({ ...outcome.declaration, kind: 'project-target' }).success).toBe(false);
  });

  it('is published in docs/schema exactly as generated (run `npm run schema` after changing it)', () => {
    const published = JSON.parse(readFileSync(new URL('../../docs/schema/department-target.schema.json', import.meta.url), 'utf8'));
    expect(published).toEqual(declarationJsonSchema());
  });
});
