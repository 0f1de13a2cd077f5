import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DepartmentTargetDeclaration } from '../../declaration.ts';
import { textFields } from '../completenessRules.ts';
import { findTypos } from '../textRules.ts';
import { TYPOS } from './typos.ts';

describe('the typo list', () => {
  it('holds well-formed, distinct pairs', () => {
    const wrongs = TYPOS.map((t) => t.wrong);
    expect(new Set(wrongs).size).toBe(wrongs.length);
    for (const entry of TYPOS) {
      expect(entry.wrong).not.toBe(entry.right);
      expect(entry.wrong).toMatch(/^[\u4e00-\u9fff]{2,}$/);
      // Correcting a typo must not produce another listed typo.
      for (const other of TYPOS) if (!other.unlessFollowedBy) expect(entry.right.includes(other.wrong), `${entry.right} contains ${other.wrong}`).toBe(false);
    }
  });

  it('finds each typo in a sentence and not its correction', () => {
    for (const entry of TYPOS) {
      expect(findTypos(`关于${entry.wrong}的说明`).map((f) => f.entry.wrong)).toContain(entry.wrong);
      expect(findTypos(`关于${entry.right}的说明`).map((f) => f.entry.wrong), entry.right).not.toContain(entry.wrong);
    }
  });

  it('leaves correct words that contain a listed string alone', () => {
    expect(findTypos('加快创建义务教育优质均衡发展区')).toEqual([]);
    expect(findTypos('对政务公开的法律问题提供意见和建议')).toEqual([]);
    expect(findTypos('意见和建义；')).toHaveLength(1);
  });

  it('raises no false alarm on the corrected seed and the fixtures', () => {
    const corrected: DepartmentTargetDeclaration = JSON.parse(readFileSync(new URL('../../../../fixtures/forms/000_168cd24c06a0f893.corrected.json', import.meta.url), 'utf8'));
    for (const { text } of textFields(corrected)) expect(findTypos(text), text).toEqual([]);
    const seedText = readFileSync(new URL('../../../../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url), 'utf8');
    // In the raw seed the only hits are the two real mistakes.
    expect(findTypos(seedText.replace(/\s+/g, '')).map((f) => f.entry.wrong)).toEqual(['建义', '的法服务']);
  });
});
