/** The library's pure parts: what an entry is, how a look-up ranks, how alike two project names are. */
import { describe, expect, it } from 'vitest';
import { entryOf, libraryKey, nameSimilarity, rankLibrary, searchLibrary, type LibraryEntry } from './indicatorLibrary.ts';
import { projectIndicator } from './projectTarget.ts';

const entry = (name: string, uses: number, extra: Partial<LibraryEntry> = {}): LibraryEntry => ({ id: name, name, level1: '产出指标', level2: '数量指标', unit: '个', direction: 'up', builtin: false, uses, ...extra });

describe('an indicator as a library entry', () => {
  it('is keyed by its name without ★, numbering or blanks, and its second-level class', () => {
    expect(libraryKey('★指标1：培训 人次', '数量指标')).toBe(libraryKey('培训人次', '数量指标'));
    expect(libraryKey('培训人次', '数量指标')).not.toBe(libraryKey('培训人次', '质量指标'));
  });

  it('takes its unit from the unit column, else from the target, and its direction from the operator', () => {
    expect(entryOf(projectIndicator('产出指标', '数量指标', '培训人次', '≥200人次'))).toMatchObject({ name: '培训人次', unit: '人次', direction: 'up' });
    expect(entryOf({ ...projectIndicator('成本指标', '经济成本指标', '会议费', '≤5'), unit: '万元' })).toMatchObject({ unit: '万元', direction: 'down' });
    expect(entryOf(projectIndicator('产出指标', '时效指标', '完成时间', '2025年12月31日前'))).toMatchObject({ unit: '日期', direction: 'down' });
  });
});

describe('a look-up', () => {
  const ranked = rankLibrary([entry('系统培训人次', 9), entry('培训合格率', 1, { builtin: true }), entry('培训人次', 5), entry('会议次数', 50), entry('参训满意度', 3, { level1: '满意度指标', level2: '服务对象满意度指标' })]);

  it('puts names starting with the text first, then names containing it, the most used first in each', () => {
    expect(searchLibrary(ranked, { q: '培训' }).map((e) => e.name)).toEqual(['培训人次', '培训合格率', '系统培训人次']);
  });

  it('keeps to the asked class and the limit', () => {
    expect(searchLibrary(ranked, { q: '训', level1: '满意度指标' }).map((e) => e.name)).toEqual(['参训满意度']);
    expect(searchLibrary(ranked, { limit: 2 }).map((e) => e.name)).toEqual(['会议次数', '系统培训人次']);
  });
});

describe('similar project names', () => {
  it('are alike by shared character pairs, 1 for the same name and 0 for nothing shared', () => {
    expect(nameSimilarity('电子政务外网运维', '电子政务外网运维')).toBe(1);
    expect(nameSimilarity('智慧城市运行平台运维', '智慧城市运行管理平台运维')).toBeGreaterThan(0.5);
    expect(nameSimilarity('法律顾问', '电子政务')).toBe(0);
  });
});
