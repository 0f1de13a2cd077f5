import { describe, expect, it } from 'vitest';
import { ApiError } from './client.ts';
import { fieldProblem, namesAnyField } from './fieldProblem.ts';

const RULES = { username: { zh: '用户名只能包含字母、数字和 _ . -', en: 'letters, digits, _ . - only' } };

describe('the problem a refused request names for one field', () => {
  // The schema check's answer: one general message, each field by where it is, its reason in English.
  const schema = new ApiError(400, 'validation-failed', { zh: '请求内容有误', en: 'the request is not valid' }, [
    { field: 'body.username', message: 'letters, digits, _ . - (2–64)' },
    { field: 'body.displayName', message: 'String must contain at least 1 character(s)' },
  ]);

  it('says what the field must be, beside each field the schema refused, rather than the general message', () => {
    expect(fieldProblem(schema, 'username', RULES)).toEqual(RULES.username);
    // A field the form has no words for gets the general message with the validator's reason.
    expect(fieldProblem(schema, 'displayName', RULES)).toEqual({ zh: '请求内容有误：String must contain at least 1 character(s)', en: 'the request is not valid: String must contain at least 1 character(s)' });
    expect(fieldProblem(schema, 'password', RULES)).toBeUndefined();
    expect(namesAnyField(schema, ['password', 'displayName'])).toBe(true);
  });

  it('says a service’s own message beside the one field it refused', () => {
    const taken = new ApiError(409, 'conflict', { zh: '用户名 li 已被使用', en: 'the username li is taken' }, [{ field: 'username', message: 'taken' }]);
    expect(fieldProblem(taken, 'username', RULES)).toEqual(taken.text);
    expect(fieldProblem(taken, 'email', RULES)).toBeUndefined();
  });

  it('names no field when the error names none', () => {
    const forbidden = new ApiError(403, 'forbidden', { zh: '无权操作', en: 'forbidden' });
    expect(fieldProblem(forbidden, 'username', RULES)).toBeUndefined();
    expect(fieldProblem(null, 'username', RULES)).toBeUndefined();
    expect(namesAnyField(forbidden, ['username'])).toBe(false);
  });
});
