/**
 * What makes a password acceptable: long enough, not about its owner, and hard to guess by the
 * estimate of zxcvbn (dictionaries of common passwords, keyboard runs, repeats, dates). One rule
 * for every way a password is set: the API, the CLI, the demo password.
 */
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

zxcvbnOptions.setOptions({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });

/** Fewest characters a password may have. */
export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn's score (0–4) a password must reach: 3 is "safely unguessable" (about 10⁸ guesses or more). */
const MIN_SCORE = 3;

/** Why a password is refused, in both languages; null when it is acceptable. */
export function passwordProblem(password: string, owner: { username?: string; displayName?: string } = {}): { zh: string; en: string } | null {
  if (password.trim().length < MIN_PASSWORD_LENGTH) {
    return { zh: `密码至少 ${MIN_PASSWORD_LENGTH} 个字符（空格不计）`, en: `a password needs at least ${MIN_PASSWORD_LENGTH} characters (not counting spaces)` };
  }
  const lower = password.toLowerCase();
  const personal = [owner.username, owner.displayName].filter((v): v is string => typeof v === 'string' && v.trim().length >= 3);
  if (personal.some((word) => lower.includes(word.toLowerCase()))) {
    return { zh: '密码不能包含用户名或姓名', en: 'a password must not contain the username or name' };
  }
  const estimate = zxcvbn(password, personal);
  if (estimate.score < MIN_SCORE) {
    return {
      zh: '密码太容易被猜到（如常见密码、连续数字、键盘顺序或重复字符），请使用更长、更不规则的密码，例如几个无关的词加数字和符号',
      en: 'the password is too easy to guess (a common password, a run of digits, a keyboard pattern or a repeat); use a longer, less regular one, such as a few unrelated words with digits and symbols',
    };
  }
  return null;
}
