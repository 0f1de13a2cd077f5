/**
 * Properties of the text importer: layout does not change what is read, damage ends up in
 * `unparsed` rather than in wrong fields, and no input makes it throw.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DepartmentTargetDeclaration } from '../../core/declaration.ts';
import { importFormText } from './importFormText.ts';
import { renderExtraction, SEED_LAYOUT, type ExtractionLayout } from './testing/renderExtraction.ts';

const seedText = readFileSync(new URL('../../../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url), 'utf8');
const seed = read(seedText);

function read(text: string): DepartmentTargetDeclaration {
  const outcome = importFormText(text);
  if (!outcome.ok) throw new Error(outcome.message.en);
  if (outcome.declaration.kind !== 'department-target') throw new Error(`read as ${outcome.declaration.kind}`);
  return outcome.declaration;
}

/**
 * What must survive any re-layout: everything but the order of empty groups, and blanks (a space
 * that falls at a line break cannot be told from the break itself).
 */
function structure(d: DepartmentTargetDeclaration): unknown {
  const withoutBlanks = JSON.parse(JSON.stringify(d), (_key, value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, '') : value));
  return { ...withoutBlanks, emptyLevel2: [...d.emptyLevel2].map((pair) => pair.join('/')).sort() };
}

const layouts: fc.Arbitrary<ExtractionLayout> = fc
  .record({
    projectName: fc.integer({ min: 12, max: 30 }),
    contentExtra: fc.integer({ min: 12, max: 40 }),
    outcomeExtra: fc.integer({ min: 8, max: 40 }),
    goal: fc.integer({ min: 60, max: 180 }),
    indicatorName: fc.integer({ min: 24, max: 44 }),
    periodTarget: fc.integer({ min: 16, max: 40 }),
    annualTarget: fc.integer({ min: 16, max: 40 }),
    projectsOnFirstPage: fc.integer({ min: 1, max: 14 }),
    indicatorPageBreaks: fc.uniqueArray(fc.integer({ min: 1, max: 31 }), { maxLength: 3 }),
    blankBetweenLines: fc.boolean(),
    pageNumbers: fc.boolean(),
  })
  .map(({ contentExtra, outcomeExtra, ...rest }) => ({
    ...rest,
    projectContent: rest.projectName + contentExtra,
    outcome: rest.projectName + contentExtra + outcomeExtra,
  }));

describe('layout independence', () => {
  it('renders the seed in its own layout and reads it back identically', () => {
    expect(structure(read(renderExtraction(seed, SEED_LAYOUT)))).toEqual(structure(seed));
  });

  it('reads the same form re-wrapped at other column widths and with other page breaks', () => {
    fc.assert(
      fc.property(layouts, (layout) => {
        expect(structure(read(renderExtraction(seed, layout)))).toEqual(structure(seed));
      }),
      { numRuns: 150, seed: 20251127 },
    );
  });
});

describe('damage goes to unparsed, not into wrong fields', () => {
  const lines = seedText.split('\n');

  it('a missing section leaves that part empty and the rest intact', () => {
    const withoutGoals = lines.filter((_, i) => i + 1 < 170 || i + 1 > 198).join('\n');
    const d = read(withoutGoals);
    expect(d.goals).toEqual([]);
    expect(d.projects).toEqual(seed.projects);
    expect(d.indicators).toEqual(seed.indicators);
    expect(d.unparsed).toEqual([]);

    const withoutBudget = lines.slice(13).join('\n');
    const b = read(withoutBudget);
    expect(b.budget.basic).toBeNull();
    expect(b.budget.total).toBeNull();
    expect(b.projects).toEqual(seed.projects);
  });

  it('garbage appended is kept in unparsed with its line numbers', () => {
    const d = read(`${seedText}\n\n@@@ 乱码 ###\n\u0007\u0007`);
    expect(d.unparsed.map((u) => u.text)).toContain('@@@ 乱码 ###');
    expect({ ...d, unparsed: [] }).toEqual({ ...seed, unparsed: [] });
  });

  it('goals shuffled as wholes are all kept, each exactly as printed', () => {
    // A goal is its 目标N： line and the wrapped lines under it.
    const goalBlocks: string[][] = [];
    for (const line of lines.slice(171, 198)) {
      if (line.startsWith('目标')) goalBlocks.push([line]);
      else goalBlocks[goalBlocks.length - 1]?.push(line);
    }
    fc.assert(
      fc.property(fc.shuffledSubarray(goalBlocks, { minLength: goalBlocks.length, maxLength: goalBlocks.length }), (shuffled) => {
        const text = [...lines.slice(0, 171), ...shuffled.flat(), ...lines.slice(198)].join('\n');
        const d = read(text);
        expect([...d.goals].sort()).toEqual([...seed.goals].sort());
        expect(d.unparsed).toEqual([]);
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it('a wrapped goal line moved under a goal that had ended is not glued to it', () => {
    // Line 174 continues goal 1; put it after goal 3, whose only line does not fill the column.
    const mutated = [...lines];
    const [moved] = mutated.splice(173, 1);
    mutated.splice(mutated.indexOf(lines[179] as string) + 1, 0, moved as string);
    const d = read(mutated.join('\n'));
    expect(d.goals[2]).toBe(seed.goals[2]);
    expect(d.goals[0]).toBe(seed.goals[0]?.replace('网站权威发布平台作用。', ''));
    expect(d.unparsed).toEqual([{ line: 180, text: '网站权威发布平台作用。' }]);
  });

  it('indicator rows shuffled: every row keeps its own targets', () => {
    const rowLines = lines.slice(442, 495).filter((l) => l.split(' ').length === 3);
    fc.assert(
      fc.property(fc.shuffledSubarray(rowLines, { minLength: rowLines.length, maxLength: rowLines.length }), (shuffled) => {
        const text = [...lines.slice(0, 442), ...shuffled, ...lines.slice(495)].join('\n');
        const d = read(text);
        for (const indicator of d.indicators) {
          const original = seed.indicators.find((i) => i.name === indicator.name);
          expect(original, indicator.name).toBeDefined();
          expect([indicator.periodTarget, indicator.annualTarget]).toEqual([original?.periodTarget, original?.annualTarget]);
        }
      }),
      { numRuns: 40, seed: 11 },
    );
  });

  it('a project row whose name and content lines were swapped is refused whole, not stored garbled', () => {
    // Lines 26 (the name's first line) and 34 (a content line) of 保障广州塔景区智能化管理平台持续高效稳定运行.
    const mutated = [...lines];
    [mutated[25], mutated[33]] = [mutated[33] as string, mutated[25] as string];
    const d = read(mutated.join('\n'));
    expect(d.projects).toHaveLength(13);
    expect(d.projects.some((p) => p.amount === '51.63')).toBe(false);
    for (const project of d.projects) {
      const original = seed.projects.find((s) => s.name === project.name);
      expect(project).toEqual(original);
    }
    // The row's lines and its expected outcome (lines 216–222) stay unparsed; no outcome shifts to a neighbour.
    expect(d.unparsed.map((u) => u.line)).toEqual([26, 28, 30, 32, 34, 36, 38, 216, 218, 220, 222]);
  });

  it('a form cut off mid-table keeps what it has', () => {
    const cut = lines.slice(0, 520).join('\n');
    const d = read(cut);
    expect(d.projects).toEqual(seed.projects);
    expect(d.goals).toEqual(seed.goals);
    expect(d.indicators).toEqual(seed.indicators.slice(0, 22));
    expect(d.unparsed).toEqual([]);
  });
});

describe('totality', () => {
  it('never throws on random text', () => {
    const pieces = fc.constantFrom(...seedText.split('\n').filter((l) => l.trim() !== ''), '', ' ', '目标1：', '≥', '0.00', '产出指标', '\u0000', 'x'.repeat(300));
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 200 }), (parts) => {
        const outcome = importFormText(parts.join('\n'));
        expect(typeof outcome.ok).toBe('boolean');
      }),
      { numRuns: 300, seed: 3 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 2000 }), (text) => {
        expect(typeof importFormText(text).ok).toBe('boolean');
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
