import { describe, expect, it } from 'vitest';
import { noteIn } from './versionNote.ts';

describe('a version note in the language chosen', () => {
  it('splits the Chinese note from its English one, even when the English names a Chinese file', () => {
    const note = '由文件 部门整体-已修改.xlsx 更新 (updated from 部门整体-已修改.xlsx)';
    expect(noteIn(note, 'zh')).toBe('由文件 部门整体-已修改.xlsx 更新');
    expect(noteIn(note, 'en')).toBe('updated from 部门整体-已修改.xlsx');
    expect(noteIn('批量导入 a.txt（文本，未识别 0 处） (bulk import of a.txt (text))', 'en')).toBe('bulk import of a.txt (text)');
  });

  it('leaves a note in one language as it is', () => {
    expect(noteIn('送审前定稿', 'en')).toBe('送审前定稿');
    expect(noteIn('final (v2)', 'zh')).toBe('final (v2)');
  });
});
