/**
 * Text (文字): the typos, dropped characters, unbalanced brackets and mixed punctuation that make a
 * published form look careless, and indicators listed twice.
 */
import { indicatorRow } from './exampleDeclaration.ts';
import { textFields } from './completenessRules.ts';
import { namedIndicator, pointer } from './finding.ts';
import type { Rule } from './rule.ts';
import { TYPOS, type TypoEntry } from './vocabulary/typos.ts';

/** Every place a listed typo occurs in a text. A plain scan: for ~100 short patterns over a form's text it is faster than an automaton (see BENCHMARKS.md). */
export function findTypos(text: string, entries: readonly TypoEntry[] = TYPOS): Array<{ entry: TypoEntry; index: number }> {
  const found: Array<{ entry: TypoEntry; index: number }> = [];
  for (const entry of entries) {
    for (let index = text.indexOf(entry.wrong); index !== -1; index = text.indexOf(entry.wrong, index + 1)) {
      const next = text.charAt(index + entry.wrong.length);
      if (entry.unlessFollowedBy !== undefined && next !== '' && entry.unlessFollowedBy.includes(next)) continue;
      found.push({ entry, index });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

function excerpt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 6);
  const end = Math.min(text.length, index + length + 6);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

export const typoRule: Rule = {
  id: 'typo',
  family: 'text',
  severity: 'warning',
  description: { zh: '常见错别字与固定用语漏字（按可扩展的错别字表）', en: 'Common wrong characters and dropped characters in fixed terms (from an extendable list)' },
  source: '常见错别字表（src/core/rules/vocabulary/typos.ts）',
  examples: {
    bad: { shows: '对政务公开的法律问题提供意见和建义', edit: (d) => void ((d.projects[1] as { content: string }).content = '对政务公开的法律问题提供意见和建义。') },
    good: { shows: '对政务公开的法律问题提供意见和建议', edit: (d) => void ((d.projects[1] as { content: string }).content = '对政务公开的法律问题提供意见和建议。') },
  },
  *check({ declaration: d, memo }) {
    const fields = memo('textFields', () => textFields(d));
    // One scan of all the text (fields joined by a separator no pattern contains), then back to fields.
    const joined = memo('joinedText', () => fields.map((f) => f.text).join('\u0000'));
    const hits = findTypos(joined);
    const starts: number[] = [];
    let offset = 0;
    for (const field of fields) {
      starts.push(offset);
      offset += field.text.length + 1;
    }
    for (const { entry, index: at } of hits) {
      let f = starts.length - 1;
      while (f > 0 && (starts[f] ?? 0) > at) f--;
      const field = fields[f];
      if (!field) continue;
      const { path, text } = field;
      const index = at - (starts[f] ?? 0);
      const right = entry.right;
      yield {
        path,
        message:
          entry.kind === 'missing'
            ? { zh: `疑似漏字：「${entry.wrong}」应为「${right}」（${excerpt(text, index, entry.wrong.length)}）`, en: `a character seems dropped: "${entry.wrong}" should read "${right}"` }
            : { zh: `错别字：「${entry.wrong}」应为「${right}」（${excerpt(text, index, entry.wrong.length)}）`, en: `wrong character: "${entry.wrong}" should be "${right}"` },
        suggestion: { zh: `改为「${right}」`, en: `write "${right}"` },
      };
    }
  },
};

const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['（', '）'],
  ['(', ')'],
  ['《', '》'],
  ['“', '”'],
  ['【', '】'],
  ['「', '」'],
];

const OPENERS = new Map(PAIRS.map(([open, close], index) => [open.charCodeAt(0), { index, open, close }]));
const CLOSERS = new Map(PAIRS.map(([open, close], index) => [close.charCodeAt(0), { index, open, close }]));

/** The first bracket pair that does not balance in a text, or null (one pass over the text). */
export function unbalancedBracket(text: string): { open: string; close: string } | null {
  const depth = new Array<number>(PAIRS.length).fill(0);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const opener = OPENERS.get(code);
    if (opener) {
      depth[opener.index] = (depth[opener.index] ?? 0) + 1;
      continue;
    }
    const closer = CLOSERS.get(code);
    if (closer) {
      depth[closer.index] = (depth[closer.index] ?? 0) - 1;
      if ((depth[closer.index] ?? 0) < 0) return { open: closer.open, close: closer.close };
    }
  }
  const open = depth.findIndex((d) => d !== 0);
  const pair = PAIRS[open];
  return pair ? { open: pair[0], close: pair[1] } : null;
}

export const bracketsUnbalanced: Rule = {
  id: 'brackets-unbalanced',
  family: 'text',
  severity: 'warning',
  description: { zh: '括号、书名号、引号成对', en: 'Brackets, title marks and quotes come in pairs' },
  source: 'GB/T 15834 标点符号用法',
  examples: {
    bad: { shows: '根据《管理办法，开展…', edit: (d) => void ((d.projects[0] as { content: string }).content = '根据《管理办法，保障全区电子政务外网稳定运行。') },
    good: { shows: '根据《管理办法》，开展…', edit: () => undefined },
  },
  *check({ declaration: d, memo }) {
    for (const { path, text } of memo('textFields', () => textFields(d))) {
      const problem = unbalancedBracket(text);
      if (problem) {
        yield { path, message: { zh: `「${problem.open}${problem.close}」不成对：${text.slice(0, 40)}`, en: `"${problem.open}" and "${problem.close}" do not pair up` } };
      }
    }
  },
};

// An ASCII , ; : ? ! between Chinese characters (or after a Chinese closing mark).
const MIXED = /([\u3400-\u9fff\u3001-\u303f\uff01-\uff60])([,;:?!])(?=[\u3400-\u9fff])/g;

export const punctuationMixed: Rule = {
  id: 'punctuation-mixed',
  family: 'text',
  severity: 'warning',
  description: { zh: '中文句子中使用全角标点，不混用半角的 , ; : ? !', en: 'Chinese sentences use full-width punctuation, not ASCII , ; : ? !' },
  source: 'GB/T 15834 标点符号用法',
  examples: {
    bad: { shows: '融合创新驱动业务发展,完善高质量政务服务体系', edit: (d) => void ((d.projects[0] as { name: string }).name = '电子政务外网运维,网络安全防护') },
    good: { shows: '融合创新驱动业务发展，完善高质量政务服务体系', edit: () => undefined },
  },
  *check({ declaration: d, memo }) {
    for (const { path, text } of memo('textFields', () => textFields(d))) {
      if (!/[,;:?!]/.test(text)) continue;
      const marks = [...text.matchAll(MIXED)].map((m) => m[2] ?? '');
      if (marks.length === 0) continue;
      const first = MIXED.exec(text);
      MIXED.lastIndex = 0;
      yield {
        path,
        message: {
          zh: `中文中混用了半角标点「${[...new Set(marks)].join(' ')}」（${first ? excerpt(text, first.index, 2) : ''}）`,
          en: `ASCII punctuation "${[...new Set(marks)].join(' ')}" in Chinese text`,
        },
        suggestion: { zh: '改用全角标点（，；：？！）', en: 'use the full-width marks (，；：？！)' },
      };
    }
  },
};

export const duplicateIndicator: Rule = {
  id: 'duplicate-indicator',
  family: 'text',
  severity: 'warning',
  description: { zh: '同一指标不重复列出', en: 'No indicator is listed twice' },
  source: 'practice (domain.md S9)',
  examples: {
    bad: { shows: '参训人员满意度 ×2', edit: (d) => void d.indicators.push(indicatorRow('满意度指标', '服务对象满意度指标', '参训人员满意度', '≥90%')) },
    good: { shows: '参训人员满意度 ×1', edit: () => undefined },
  },
  *check({ declaration: d }) {
    const seen = new Map<string, number>();
    for (const [i, indicator] of d.indicators.entries()) {
      const key = indicator.name.replace(/\s+/g, '');
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, i);
        continue;
      }
      yield { path: pointer('indicators', i, 'name'), message: { zh: `${namedIndicator(indicator, i).zh}与第 ${first + 1} 项指标重复`, en: `${namedIndicator(indicator, i).en} repeats indicator ${first + 1}` } };
    }
  },
};

export const TEXT_RULES: readonly Rule[] = [typoRule, bracketsUnbalanced, punctuationMixed, duplicateIndicator];
