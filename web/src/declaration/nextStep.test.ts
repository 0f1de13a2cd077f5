import { describe, expect, it } from 'vitest';
import { nextStepBy } from './nextStep.ts';

describe('who takes a target form’s next step', () => {
  it('is said to whoever cannot take it', () => {
    expect(nextStepBy('draft', [])?.zh).toBe('由本部门审批人（部门负责人）提交审核');
    expect(nextStepBy('submitted', [])?.en).toBe('waiting for the finance bureau’s review');
    expect(nextStepBy('approved', ['delete'])?.zh).toContain('公开');
  });

  it('is not said to whoever has the button, nor once published', () => {
    expect(nextStepBy('returned', ['submit'])).toBeNull();
    expect(nextStepBy('submitted', ['review'])).toBeNull();
    expect(nextStepBy('approved', ['publish'])).toBeNull();
    expect(nextStepBy('published', [])).toBeNull();
  });
});
