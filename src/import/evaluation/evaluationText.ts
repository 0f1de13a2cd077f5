/**
 * The cells of a self-evaluation table's text, whichever way it reached the user:
 *
 * - rows joined with `|` (framed `| a | b |`, or unframed `a | b |` where a line that starts with `|`
 *   carries on the row above — a cell that wrapped, or the row's empty cells);
 * - one cell a line, each ending in `|`, a lone `|` an empty cell, a run `||||` the row's end;
 * - one cell a paragraph, blank lines between, a line of spaces an empty cell (a Word or web table
 *   copied as text);
 * - whitespace columns, one row a line;
 * - word soup: the whole table on a line or two, cells parted by single spaces;
 * - no separators at all: cells fused into one run of text, cut here at the table's own labels.
 *
 * Where rows are unknown the reader gets a stream of cells (`stream`), and reads each row as as many
 * cells as its header has columns.
 */
import type { EvaluationCell } from './selfEvaluationCells.ts';

export type TextStyle = 'rows' | 'cell-lines' | 'paragraphs' | 'lines' | 'columns' | 'soup' | 'fused';

/** Labels a fused text is cut at (longest first at each position). */
const FUSED_LABELS: readonly string[] = [
  '项目名称', '项目负责人及电话', '项目负责人', '主管部门', '实施单位', '资金情况(万元)', '资金情况（万元）', '项目资金(万元)', '项目资金（万元）',
  '年初预算数', '全年预算数(A)', '全年预算数（A）', '全年预算数', '全年执行数(B)', '全年执行数（B）', '全年执行数', '执行率(B/A)', '执行率（B/A）', '执行率', '分值', '得分',
  '年度资金总额:', '年度资金总额：', '年度资金总额', '其中:本年财政拨款', '其中：本年财政拨款', '其中:当年财政拨款', '其中：当年财政拨款', '本年财政拨款', '当年财政拨款', '上年结转资金', '其他资金',
  '年度总体目标完成情况综述', '年度总体目标', '年初设定目标', '预期目标', '实际完成情况',
  '绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '全年实际值', '实际完成值', '未完成原因及拟采取的改进措施', '偏差原因分析及改进措施', '未完成原因分析',
  '产出指标', '效益指标', '满意度指标', '成本指标', '数量指标', '质量指标', '时效指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标',
  '服务对象满意度指标', '社会公众或服务对象满意度指标', '经济成本指标', '社会成本指标', '生态环境成本指标', '总分', '自评总分', '合计', '评价结论', '存在问题', '改进措施', '……',
];
const FUSED_PATTERN = new RegExp(
  `(?:${[...new Set(FUSED_LABELS)].sort((a, b) => b.length - a.length).map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?:[(（]\\d{1,3}(?:-\\d{1,3})?分[)）])?`,
  'g',
);
/** A title inside fused text starts a cell of its own. */
const FUSED_TITLE = /(?:部门预算)?(?:项目支出)?绩效(?:目标)?自评表(?:[(（]\d{4}年度?[)）])?/g;
/** The notes under a table (注：1.…) quote its labels: they are one cell, cut no further. */
const NOTES = /注[:：]\s*1[.、．]/;

/** How the text reached the user, from the shape of its lines. */
export function textStyle(lines: readonly string[]): TextStyle {
  const content = lines.filter((l) => l.trim() !== '');
  if (content.length === 0) return 'rows';
  const longest = content.reduce((a, b) => (b.length > a.length ? b : a), '');
  const total = content.reduce((n, l) => n + l.length, 0);
  // One long run holds most of the text: soup (spaced) or fused (no separators).
  if ((longest.length >= 300 || (longest.length >= 150 && longest.trim().split(/\s+/).length >= 15)) && longest.length >= total * 0.5 && !longest.includes('|')) {
    const spaces = (longest.match(/ +/g) ?? []).length;
    return spaces * 40 >= longest.length ? 'soup' : 'fused';
  }
  const pipes = content.filter((l) => l.includes('|'));
  if (pipes.length >= content.length * 0.3) {
    const multi = content.filter((l) => /[^|\s]\s*\|\s*[^|\s]/.test(l)).length;
    const cellLines = content.filter((l) => /^[^|]*[^|\s][^|]*\|\s*$/.test(l) || /^[\s|]+$/.test(l)).length;
    return cellLines > multi * 2 ? 'cell-lines' : 'rows';
  }
  // Each cell a paragraph: most lines with text are followed by an empty line.
  let parted = 0;
  lines.forEach((l, k) => {
    if (l !== '' && (lines[k + 1] ?? '') === '') parted++;
  });
  const withText = lines.filter((l) => l !== '').length;
  if (parted >= withText * 0.6 && withText >= 10) return 'paragraphs';
  // One cell a line with nothing between (a PDF's text, a page copied cell by cell): blanks are lost.
  // A line is one cell when it has no blank inside, or is a sentence with a blank or two in it.
  const single = content.filter((l) => !/\S\s+\S/.test(l.trim()) || (l.trim().length >= 20 && (l.trim().match(/\s+/g) ?? []).length <= 2)).length;
  if (single >= content.length * 0.85 && content.length >= 20) return 'lines';
  return 'columns';
}

/** The cells of a text, and whether rows are unknown (a stream of cells). */
export function textCells(text: string): { cells: EvaluationCell[]; stream: boolean; style: TextStyle } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/[\u00a0\u3000\t]/g, ' '));
  const style = textStyle(lines);
  const cells: EvaluationCell[] = [];
  if (style === 'cell-lines') {
    // Cells whose lines do not end in `|`, a lone `|` between them: the `|` parts cells, it is no empty cell.
    const texts = lines.filter((l) => l.trim() !== '' && !/^[\s|]+$/.test(l));
    const separators = texts.filter((l) => !/\|\s*$/.test(l)).length > texts.length / 2;
    lines.forEach((raw, k) => {
      if (separators && /^\s*\|\s*$/.test(raw)) return;
      const line = k + 1;
      if (/^\s*\|{2,}\s*$/.test(raw)) {
        // A run of empty cells: the row's end (the next cell starts a row).
        cells.push({ text: '', line, rowStart: false, rowEnd: true });
        return;
      }
      if (raw.trim() === '' ) return;
      const t = raw.replace(/\|\s*$/, '').trim();
      // A line of several cells in a stream (`二级指标 | 三级指标 |`): each cell.
      for (const part of t.includes('|') ? t.split('|') : [t]) cells.push({ text: part.trim(), line, rowStart: false });
    });
    return { cells, stream: true, style };
  }
  if (style === 'lines') {
    lines.forEach((raw, k) => {
      if (raw.trim() !== '') cells.push({ text: raw.trim(), line: k + 1, rowStart: false });
    });
    return { cells, stream: true, style };
  }
  if (style === 'paragraphs') {
    lines.forEach((raw, k) => {
      if (raw === '') return;
      cells.push({ text: raw.trim(), line: k + 1, rowStart: false });
    });
    return { cells, stream: true, style };
  }
  if (style === 'soup' || style === 'fused') {
    lines.forEach((raw, k) => {
      if (raw.trim() === '') return;
      for (const part of style === 'fused' ? fusedParts(raw) : soupParts(raw)) cells.push({ ...part, line: k + 1, rowStart: false });
    });
    return { cells, stream: true, style };
  }
  if (style === 'rows') {
    const framed = lines.filter((l) => /^\s*\|/.test(l) && /[^|\s]/.test(l)).length >= lines.filter((l) => /[^|\s]/.test(l) && l.includes('|')).length * 0.5;
    let row: { parts: string[]; line: number } | null = null;
    const flush = () => {
      if (row) row.parts.forEach((part, p) => cells.push({ text: part.trim(), line: row?.line ?? 1, rowStart: p === 0 }));
      row = null;
    };
    lines.forEach((raw, k) => {
      if (raw.trim() === '') return;
      // Unframed rows: a line that starts with `|` carries on the row above (a wrapped cell, or its
      // empty cells): `…优良中低差 |` then `| 优 | 10 |` — the `|` that starts the line closes a cell
      // left empty at the break.
      if (!framed && row && /^\s*\|/.test(raw)) {
        row.parts = [...row.parts, ...raw.replace(/\|\s*$/, '').split('|').map((p) => p.trim())];
        return;
      }
      const parts = raw.includes('|') ? raw.replace(/^\s*\|/, '').replace(/\|\s*$/, '').split('|') : [raw.trim()];
      flush();
      row = { parts, line: k + 1 };
    });
    flush();
    return { cells, stream: false, style };
  }
  // Whitespace columns: wide gaps part cells, else single spaces.
  lines.forEach((raw, k) => {
    if (raw.trim() === '') return;
    const parts = /\s{2,}/.test(raw.trim()) ? raw.trim().split(/\s{2,}/) : raw.trim().split(/\s+/);
    parts.forEach((part, p) => cells.push({ text: part.trim(), line: k + 1, rowStart: p === 0 }));
  });
  return { cells, stream: false, style };
}

/** Word soup: the cells parted by single spaces (a quoted phrase with spaces stays whole only where the quotes say so). */
function soupParts(line: string): Array<{ text: string; fused?: boolean }> {
  // A token that starts with a label of the table runs on into what follows it (评价结论及时、足额缴纳。存在问题暂无):
  // cut at the labels; the parts are ordinary cells.
  return line
    .trim()
    .split(/\s+/)
    .flatMap((text) => {
      FUSED_PATTERN.lastIndex = 0;
      const first = FUSED_PATTERN.exec(text);
      FUSED_PATTERN.lastIndex = 0;
      if (!first || first.index !== 0 || first[0].length === text.length) return [{ text }];
      return fusedParts(text).map((part) => ({ text: part.text }));
    });
}

/** A fused run of cells, cut at the labels of the table (each label a cell, the text between a cell flagged fused). */
export function fusedParts(line: string): Array<{ text: string; fused?: boolean }> {
  const text = line.trim();
  const notes = NOTES.exec(text);
  const body = notes ? text.slice(0, notes.index) : text;
  const cuts = new Set<number>();
  for (const pattern of [FUSED_PATTERN, FUSED_TITLE]) {
    pattern.lastIndex = 0;
    for (const match of body.matchAll(pattern)) {
      cuts.add(match.index);
      cuts.add(match.index + match[0].length);
    }
  }
  const points = [...cuts].filter((p) => p > 0 && p < body.length).sort((a, b) => a - b);
  const parts: Array<{ text: string; fused?: boolean }> = [];
  let from = 0;
  for (const point of [...points, body.length]) {
    const part = body.slice(from, point).trim();
    if (part !== '') parts.push(isFusedLabel(part) ? { text: part } : { text: part, fused: true });
    from = point;
  }
  if (notes) parts.push({ text: text.slice(notes.index).trim() });
  return parts;
}

function isFusedLabel(text: string): boolean {
  FUSED_PATTERN.lastIndex = 0;
  const match = FUSED_PATTERN.exec(text);
  FUSED_PATTERN.lastIndex = 0;
  if (match && match.index === 0 && match[0].length === text.length) return true;
  FUSED_TITLE.lastIndex = 0;
  const title = FUSED_TITLE.exec(text);
  FUSED_TITLE.lastIndex = 0;
  return title !== null && title.index === 0 && title[0].length === text.length;
}

/** A number a points or score column can hold: at most three digits, two decimals, no leading zero. */
const SCORE_NUMBER = /^(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?$/;
const AMOUNT_NUMBER = /^(?:0|[1-9]\d*)(?:\.\d{1,6})?%?$/;

export type FusedColumn = 'points' | 'score' | 'annual' | 'actual' | 'reason' | 'number' | 'rate';

/**
 * Splits a fused run of values (`10≥266米≥266米10`, `202010100.00%10`) into the columns given, when
 * exactly one way of cutting it reads best: numbers where numbers belong, the target equal to the
 * actual where they read alike, a score within its points, an execution rate that is executed ÷
 * budget. Null when no cut, or more than one, reads best: the run is then kept whole, not guessed.
 */
export function splitFused(text: string, columns: readonly FusedColumn[]): string[] | null {
  const n = columns.length;
  const results: Array<{ parts: string[]; score: number }> = [];
  const cut = (from: number, k: number, parts: string[]) => {
    if (results.length > 20_000) return;
    if (k === n - 1) {
      const last = text.slice(from);
      if (fits(columns[k] as FusedColumn, last)) results.push({ parts: [...parts, last], score: 0 });
      return;
    }
    for (let to = from + 1; to <= text.length - (n - k - 1 > 0 ? 1 : 0); to++) {
      const part = text.slice(from, to);
      if (!fits(columns[k] as FusedColumn, part, true)) continue;
      cut(to, k + 1, [...parts, part]);
    }
  };
  cut(0, 0, []);
  if (results.length === 0) return null;
  for (const r of results) r.score = plausibility(r.parts, columns);
  results.sort((a, b) => b.score - a.score);
  const [best, second] = results;
  if (!best || (second && second.score === best.score)) return null;
  return best.parts;
}

function fits(column: FusedColumn, part: string, prefix = false): boolean {
  switch (column) {
    case 'points':
    case 'score':
      return SCORE_NUMBER.test(part);
    case 'number':
      return AMOUNT_NUMBER.test(part) && !part.endsWith('%');
    case 'rate':
      return /^\d{1,3}(?:\.\d{1,2})?%$/.test(part);
    case 'reason':
      return true;
    default:
      // A target or an actual: an operator, a number, a unit or words, never starting with a unit's tail.
      return part !== '' && !(prefix && /^\d+$/.test(part) && part.length > 6);
  }
}

const num = (s: string | undefined) => (s === undefined ? NaN : Number.parseFloat(s.replace(/[^\d.]/g, '')));

function plausibility(parts: readonly string[], columns: readonly FusedColumn[]): number {
  let score = 0;
  const at = (c: FusedColumn) => parts[columns.indexOf(c)];
  const points = at('points');
  const given = at('score');
  if (points !== undefined && given !== undefined) {
    if (num(given) <= num(points)) score += 3;
    if (num(given) === num(points)) score += 1;
  }
  if (points !== undefined && num(points) % 5 === 0 && num(points) > 0) score += 1;
  if (points !== undefined && num(points) > 100) score -= 5;
  const annual = at('annual');
  const actual = at('actual');
  if (annual !== undefined && actual !== undefined) {
    if (annual === actual) score += 4;
    else if (num(annual) === num(actual)) score += 2;
    if (/^[≥≤=<>＞＜]/.test(actual) && !/^[≥≤=<>＞＜]/.test(annual)) score -= 2;
    if (/^0\d/.test(actual.replace(/^[≥≤=<>＞＜]/, '')) || /^0\d/.test(annual.replace(/^[≥≤=<>＞＜]/, ''))) score -= 4;
    // A unit belongs at a value's end: a part that starts with one took the tail of the one before.
    if (/^[%个人次米元万份台套项户]/.test(actual)) score -= 3;
  }
  // Money: the rate is executed ÷ budget, the score points × rate; parts without leading zeros.
  const numbers = parts.filter((_, k) => columns[k] === 'number');
  if (numbers.some((p) => /^0\d/.test(p))) score -= 4;
  const rate = at('rate');
  if (numbers.length >= 2 && rate !== undefined) {
    const [budget, executed] = [num(numbers[numbers.length - 2]), num(numbers[numbers.length - 1])];
    if (budget > 0 && Math.abs((executed / budget) * 100 - num(rate)) < 0.01) score += 5;
  }
  if (numbers.length === 2 && rate === undefined && numbers[0] === numbers[1]) score += 2;
  if (points !== undefined && rate !== undefined && given !== undefined && Math.abs(num(points) * Math.min(num(rate), 100) / 100 - num(given)) < 0.01) score += 3;
  return score;
}
