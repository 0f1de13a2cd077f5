/**
 * A published self-evaluation table (项目支出绩效自评表) read from its cells: the national layout (年初预算数 /
 * 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分; 年度指标值 / 实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施),
 * Sichuan's (年初预算 / 调整后预算数 / 预算执行数 / 预算执行率 / 权重 / 得分 / 原因; 指标性质 / 指标值 / 度量单位 /
 * 完成值 / 权重 / 得分 / 未完成原因分析; 评价结论 / 存在问题 / 改进措施) and Yunnan's (the national money block,
 * the value split into 指标性质 / 指标值 / 度量单位).
 *
 * The cells come as rows (a sheet, an HTML table, text rows joined with `|`) or as one stream with no
 * row ends (text with one cell a line, as copied from many sites); sections are told by their labels,
 * in whatever order the layout prints them, and columns by their headers. Printed scores, totals and
 * grades are kept as printed — the scorer reports where they disagree — and every cell the reader
 * does not place is kept in `unparsed`, so nothing is lost.
 */
import { emptySelfEvaluation, EVALUATION_GRADES, type EvaluationGrade, type EvaluationIndicator, type FundsItem, type SelfEvaluation } from '../../core/selfEvaluation.ts';
import type { UnparsedText } from '../../core/document.ts';
import { parseMoney, formatMoney } from '../../core/money.ts';
import { splitFused, type FusedColumn } from './evaluationText.ts';

/** A cell of the source, with where it came from. */
export interface EvaluationCell {
  readonly text: string;
  /** 1-based line (text) or row (sheet). */
  readonly line: number;
  /** True for the first cell of a row, where rows are known. */
  readonly rowStart: boolean;
  /** `Sheet1!C12` and the like, for sources with cells. */
  readonly at?: string;
  /** The grid column (0-based) and span, for sources with cells: a blank cell is then no cell at all. */
  readonly col?: number;
  readonly colSpan?: number;
  /** A run of empty cells ended the row here (one cell a line: `||||`). */
  readonly rowEnd?: boolean;
  /** Cells fused in the source (no separators): values to be split by the columns they stand under. */
  readonly fused?: boolean;
}

/** The column a header cell stands over, when the source knows columns. */
const colOf = (cell: EvaluationCell | undefined) => cell?.col;

const compactOf = (text: string) => text.replace(/[\s\u3000]/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/：/g, ':');
/** A cell as a label reads: no trailing colon, no column letters ((A), (B/A)), no leading 其中. */
const labelOf = (text: string) => compactOf(text).replace(/:$/, '').replace(/\([A-Z](\/[A-Z])?\)/g, '').replace(/\((万元|元)\)$/, '');

const FUNDS_HEADERS: ReadonlyArray<readonly [RegExp, FundsColumn]> = [
  [/^年初预算(数)?(\(万元\))?$/, 'initial'],
  [/^(全年预算数?|调整后预算数?|全年预算)(\(万元\))?$/, 'annual'],
  [/^(全年执行数|预算执行数|全年执行|执行数)(\(万元\))?$/, 'executed'],
  [/^(分值|权重)$/, 'points'],
  [/^(预算)?执行率$/, 'rate'],
  [/^得分$/, 'score'],
  [/^(原因|偏差原因|执行偏差原因)$/, 'reason'],
];
type FundsColumn = 'initial' | 'annual' | 'executed' | 'points' | 'rate' | 'score' | 'reason';

const FUNDS_ROWS = /^(其中:)?(年度资金总额|资金总额|总额|合计金额|当年财政拨款|本年财政拨款|财政拨款|财政资金|上年结转资金|上年结转|财政专户管理资金|单位资金|其他资金)$/;
const FUNDS_ZONE = /^(项目资金(\(万元\))?|预算执行情况(\(\d+分\))?|年度预算数(\(万元\))?|资金情况(\(万元\))?)$/;

type IndicatorColumn = 'level1' | 'level2' | 'name' | 'nature' | 'value' | 'unit' | 'annual' | 'actual' | 'points' | 'score' | 'reason' | 'explanation';
const INDICATOR_HEADERS: ReadonlyArray<readonly [RegExp, IndicatorColumn]> = [
  [/^一级(指标)?$/, 'level1'],
  [/^二级(指标)?$/, 'level2'],
  [/^(三级指标|三级|指标名称|三级指标名称)$/, 'name'],
  [/^指标性质$/, 'nature'],
  [/^指标值$/, 'value'],
  [/^(度量|计量)单位$/, 'unit'],
  [/^(年度指标值|年度目标值|指标目标值|年初指标值|绩效目标值)$/, 'annual'],
  [/^(实际完成值|完成值|全年实际值|实际值|全年完成值|年终完成值)$/, 'actual'],
  [/^(分值|权重|指标分值|指标权重)$/, 'points'],
  [/^得分$/, 'score'],
  [/^(指标解释|指标说明)$/, 'explanation'],
  [/^(偏差原因|未完成原因)[^，。]{0,16}$/, 'reason'],
];

const LEVEL1 = /^(产出|效益|满意度|成本|项目完成|项目效益)指标(\(.*\))?$/;
const LEVEL2 = /^(数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|生态效益|环境效益|可持续影响|服务对象满意度|社会公众或服务对象满意度|满意度)指标$/;
const GOALS_ZONE = /^(年度总体目标|年度总体目标完成情况|项目年度目标完成情况|\d\.项目年度目标完成情况|总体目标)$/;
const GOAL_HEADERS = /^(预期目标|项目年度目标|年度目标|实际完成情况|年度目标完成情况|目标完成情况|年初设定目标|年度总体目标完成情况综述|目标实际完成情况)$/;
const TOTAL_ROW = /^(合计|总分|总计|综合得分|自评总分|自评得分|得分合计|总得分|评价总分)$/;
/** 自评总分：95 — the total's label and its figure in one cell. */
const INLINE_TOTAL = /^(自评总分|自评得分|总分|综合得分|评价总分)[:：]?(\d{1,3}(?:\.\d{1,2})?)分?$/;
/** A template's row left for the form's user: 指标2:, ……, … */
const PLACEHOLDER_NAME = /^(指标\s*\d+\s*[:：]?|[…．.·]{2,}|…)$/;
/** 指标1: before a row's name is the template's numbering, not the name. */
const NAME_PREFIX = /^指标\s*\d+\s*[:：、.]?(?=\S)/;
/** A class spelt one character a line (产 / 出 / 指 / 标 down a merged cell). */
const VERTICAL_LEVEL1: Readonly<Record<string, string>> = { 产: '产出指标', 效: '效益指标', 满: '满意度指标', 成: '成本指标' };
const CLOSING: ReadonlyArray<readonly [RegExp, 'conclusion' | 'problems' | 'improvements']> = [
  [/^(评价结论|自评结论|总体评价结论)$/, 'conclusion'],
  [/^(存在问题|存在的问题|存在问题及原因)$/, 'problems'],
  [/^(改进措施|改进建议|下一步改进措施)$/, 'improvements'],
];
const HEADER_FIELDS: ReadonlyArray<readonly [RegExp, 'projectName' | 'department' | 'implementer']> = [
  [/^项目名称$/, 'projectName'],
  [/^(主管部门|主管部门及代码|预算部门|部门\(单位\)名称|部门名称|单位名称)$/, 'department'],
  [/^实施单位(\(盖章\))?$/, 'implementer'],
];
/** Headings that end the goals block and carry no field of their own (kept in `unparsed`). */
const SECTION_ENDS = /^((\d\.)?项目实施内容及过程概述|项目基本情况|项目概况)$/;
const GRADE_LABEL = /^(评价等级|自评等级|绩效等级|等级)$/;
/** What the templates print in a cell to be replaced: kept in `unparsed`, never taken for content. */
const INSTRUCTION = /(\d+字以内|字以内\)|结合自评情况|针对项目自评|对照年度目标|说明相关任务|应单独说明|需说明原因|^注:\d|^注:1[.、]|^说明:\d)/;
/** Signature lines and furniture. */
const FURNITURE = /^(项目负责人(及电话)?|财务负责人|单位负责人|填报人|联系电话|填报日期|审核人|报表编号)[:：]?/;

const OPERATORS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(≥|>=|大于等于|不低于|不少于|正向)$/, '≥'],
  [/^(≤|<=|小于等于|不高于|不超过|反向)$/, '≤'],
  [/^(=|＝|﹦|等于)$/, '='],
  [/^(>|＞|大于)$/, '>'],
  [/^(<|＜|小于)$/, '<'],
];

function operatorOf(text: string): string | null | 'qualitative' {
  const t = compactOf(text);
  if (t === '' || t === '/') return null;
  if (/^定性$/.test(t)) return 'qualitative';
  for (const [pattern, op] of OPERATORS) if (pattern.test(t)) return op;
  return null;
}

const isPercent = (text: string) => /^-?\d+(\.\d+)?%$/.test(compactOf(text));
/** A points or score cell as a decimal string, or null (blank, `/`, words). */
function decimalOf(text: string | undefined): string | null {
  const t = compactOf(text ?? '').replace(/分$/, '');
  return /^\d{1,4}(\.\d{1,4})?$/.test(t) ? t : null;
}
/** An amount in 万元 as an exact two-decimal string, or null. */
function amountOf(text: string | undefined): string | null {
  const t = compactOf(text ?? '');
  if (t === '' || t === '/' || t === '-' || t === '—') return null;
  const parsed = parseMoney(t.replace(/万元$/, ''));
  return parsed.ok ? formatMoney(parsed.value) : null;
}

function yearOf(text: string): number | null {
  const match = /(20\d{2})\s*年度?/.exec(text);
  return match ? Number(match[1]) : null;
}

/** A label of the table itself (a heading, a column header, a funds row, a closing text's heading). */
function isTableLabel(t: string): boolean {
  return FUNDS_ROWS.test(t) || FUNDS_ZONE.test(t) || GOALS_ZONE.test(t) || TOTAL_ROW.test(t) || GRADE_LABEL.test(t) || CLOSING.some(([p]) => p.test(t)) || HEADER_FIELDS.some(([p]) => p.test(t)) || /^(年度)?绩效指标(完成情况)?(\(\d+分\))?$/.test(t) || INDICATOR_HEADERS.some(([p]) => p.test(t)) || FUNDS_HEADERS.some(([p]) => p.test(t));
}

/**
 * Header cells wrapped inside their cell come one part a line (年度 / 指标值, 经济效益 / 指标): two
 * neighbours that spell a label together, and are none apart, are one cell.
 */
function joinSplitLabels(cells: readonly EvaluationCell[], stream: boolean): EvaluationCell[] {
  const known = (t: string) => isTableLabel(t) || LEVEL1.test(t) || LEVEL2.test(t);
  const out: EvaluationCell[] = [];
  for (let k = 0; k < cells.length; k++) {
    const a = cells[k] as EvaluationCell;
    // The longest run of short parts (年度 / 总体 / 目标 / 完成 / 情况) that spells a label, each part a cell of its own row.
    let best = 0;
    let joined = labelOf(a.text);
    if (joined !== '' && joined.length <= 6 && !a.fused) {
      for (let n = 1; n <= 6 && k + n < cells.length; n++) {
        const b = cells[k + n] as EvaluationCell;
        const part = labelOf(b.text);
        // A sheet's cells hold their wrapped text whole; where rows are known, only cells alone in their rows join.
        if (part === '' || part.length > 6 || b.fused || a.col !== undefined || b.col !== undefined) break;
        if (!stream && (!a.rowStart || !b.rowStart || (cells[k + 1] !== undefined && !cells[k + 1]?.rowStart) || (cells[k + n + 1] !== undefined && !cells[k + n + 1]?.rowStart))) break;
        joined += part;
        // Two labels side by side stay two (一级指标 | 二级指标); a label with its wrapped tail is one (一级 / 指标, 年度 / 指标值).
        if (known(joined) && !(n === 1 && known(part) && known(labelOf(a.text)))) best = n;
        if (known(part) && n === 1 && !known(labelOf(a.text) + part)) break;
      }
    }
    if (best > 0) {
      out.push({ ...a, text: cells.slice(k, k + best + 1).map((c) => c.text.trim()).join('') });
      k += best;
      continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * Reads a self-evaluation from its cells. `stream` says that rows are unknown (one cell a line):
 * an indicator row is then as many cells as its header has columns.
 */
export function readEvaluationCells(source: readonly EvaluationCell[], stream: boolean, lossy = false): SelfEvaluation {
  const cells = joinSplitLabels(source, stream);
  const evaluation = emptySelfEvaluation({ id: null, kind: 'project-target', version: null }, null);
  evaluation.funds.points = null;
  const used = new Set<number>();
  const texts = cells.map((c) => labelOf(c.text));
  const take = (i: number) => {
    used.add(i);
    return cells[i]?.text.trim() ?? '';
  };
  /**
   * The next cell after i that is not blank: in the same row where rows are known, or — when the
   * label ends its row (项目名称 | on a line, the name on the next) — the first cell of the next row.
   */
  const nextValue = (i: number): number | null => {
    let crossed = false;
    for (let j = i + 1; j < cells.length && j <= i + 12; j++) {
      if (!stream && cells[j]?.rowStart) {
        if (crossed) return null;
        crossed = true;
      }
      if ((texts[j] ?? '') !== '') return j;
      if (stream && j > i + 3) return null;
    }
    return null;
  };
  const isLabel = isTableLabel;

  let fundsColumns: FundsColumn[] = [];
  const indicatorColumns: IndicatorColumn[] = [];
  /** Where each header sits, for sources with columns (a sheet omits blank cells, so order alone misleads). */
  const fundsAt = new Map<number, FundsColumn>();
  const indicatorAt = new Map<number, IndicatorColumn>();
  let level1: string | null = null;
  let level2: string | null = null;
  let section: 'none' | 'funds' | 'goals' | 'indicators' = 'none';
  /** A header-less stream's rows, known by the class labels each starts with. */
  let labelledRows = false;
  let i = 0;
  while (i < cells.length) {
    const t = texts[i] ?? '';
    if (t === '') {
      i++;
      continue;
    }
    // The title and its year.
    if (/自评(价)?表(\(\d{4}年度?\))?$|绩效自评表/.test(t) && t.length <= 60 && evaluation.title === '项目支出绩效自评表' && !used.has(-1)) {
      used.add(-1);
      take(i);
      evaluation.title = cells[i]?.text.trim().replace(/[(（]\d{4}年度?[)）]$/, '').replace(/^20\d{2}\s*年度?/, '') ?? evaluation.title;
      evaluation.year = yearOf(t);
      if (/部门整体|单位整体/.test(t)) evaluation.target.kind = 'department-target';
      i++;
      continue;
    }
    // The form's own title after a page's headline: the form's title is the document's.
    if (used.has(-1) && /^(部门预算)?(项目支出|部门整体支出|单位整体支出)绩效(目标)?自评表(\(\d{4}年度?\))?$/.test(t) && !/^(部门预算)?(项目支出|部门整体支出|单位整体支出)/.test(compactOf(evaluation.title ?? ''))) {
      take(i);
      evaluation.title = cells[i]?.text.trim().replace(/[(（]\d{4}年度?[)）]$/, '') ?? evaluation.title;
      evaluation.year ??= yearOf(t);
      i++;
      continue;
    }
    // A second title (the first was quoted in the text before the table) may carry the year.
    if (evaluation.year === null && used.has(-1) && /自评(价)?表\(\d{4}年度?\)$/.test(t) && t.length <= 60) {
      take(i);
      evaluation.year = yearOf(t);
      i++;
      continue;
    }
    // The year on a line of its own under the title: （2024年度）.
    if (evaluation.year === null && /^\(?20\d{2}年度?\)?$/.test(t)) {
      take(i);
      evaluation.year = yearOf(t);
      i++;
      continue;
    }
    const header = HEADER_FIELDS.find(([p]) => p.test(t));
    if (header) {
      take(i);
      const j = nextValue(i);
      if (j !== null && !isLabel(texts[j] ?? '')) evaluation[header[1]] = take(j);
      i = (j ?? i) + 1;
      continue;
    }
    if (FUNDS_ZONE.test(t)) {
      take(i);
      section = 'funds';
      fundsColumns = [];
      i++;
      continue;
    }
    const fundsHeader = FUNDS_HEADERS.find(([p]) => p.test(t));
    if (fundsHeader && section !== 'indicators') {
      // 分值 / 得分 also head the indicator table: they belong to the funds only before it.
      if (fundsColumns.length === 0 || !fundsColumns.includes(fundsHeader[1])) {
        take(i);
        section = 'funds';
        fundsColumns.push(fundsHeader[1]);
        const col = colOf(cells[i]);
        if (col !== undefined) fundsAt.set(col, fundsHeader[1]);
        i++;
        continue;
      }
    }
    if (FUNDS_ROWS.test(t) && fundsColumns.length > 0) {
      take(i);
      const row: string[] = [];
      let j = i + 1;
      if (!stream && fundsAt.size > 0 && colOf(cells[i]) !== undefined) {
        // A sheet: each value under its header, blanks being absent.
        const byColumn = new Map<FundsColumn, string>();
        for (; j < cells.length && !cells[j]?.rowStart; j++) {
          const column = fundsAt.get(colOf(cells[j]) ?? -1);
          if (column) byColumn.set(column, cells[j]?.text.trim() ?? '');
          used.add(j);
        }
        placeFundsRow(evaluation, t.replace(/^其中:/, ''), fundsColumns, fundsColumns.map((c) => byColumn.get(c) ?? ''), (text, at) => evaluation.unparsed.push({ line: cells[at]?.line ?? 1, text, ...(cells[at]?.at ? { at: cells[at]?.at as string } : {}) }), i + 1);
        i = j;
        continue;
      }
      // Fused with no separators (202010100.00%10): cut by the columns, where one cut reads best.
      if (cells[j]?.fused && !isLabel(texts[j] ?? '')) {
        const raw = compactOf(cells[j]?.text ?? '');
        const kinds = fundsColumns.map((c): FusedColumn => (c === 'points' ? 'points' : c === 'score' ? 'score' : c === 'rate' ? 'rate' : c === 'reason' ? 'reason' : 'number'));
        const amounts = fundsColumns.filter((c) => c === 'initial' || c === 'annual' || c === 'executed');
        let parts = splitFused(raw, kinds.filter((k) => k !== 'reason'));
        let columns: FundsColumn[] = fundsColumns.filter((c) => c !== 'reason');
        if (!parts) {
          // A source row prints its amounts only (其中：本年财政拨款 2020).
          for (const candidate of [amounts, amounts.slice(-2), amounts.slice(0, 1)]) {
            if (parts || candidate.length === 0) continue;
            columns = candidate;
            parts = splitFused(raw, candidate.map((): FusedColumn => 'number'));
          }
        }
        if (parts) {
          used.add(j);
          placeFundsRow(evaluation, t.replace(/^其中:/, ''), columns, parts, () => undefined, i + 1);
          i = j + 1;
          continue;
        }
      }
      // The row's cells: to the row's end, else to the next label, at most one per column.
      while (j < cells.length && row.length < fundsColumns.length) {
        if (!stream && cells[j]?.rowStart) break;
        const next = texts[j] ?? '';
        if (isLabel(next) && !(next === '' )) break;
        row.push(cells[j]?.text.trim() ?? '');
        used.add(j);
        j++;
      }
      placeFundsRow(evaluation, t.replace(/^其中:/, ''), fundsColumns, row, (text, at) => evaluation.unparsed.push({ line: cells[at]?.line ?? 1, text, ...(cells[at]?.at ? { at: cells[at]?.at as string } : {}) }), i + 1);
      i = j;
      continue;
    }
    if (SECTION_ENDS.test(t)) {
      take(i);
      section = 'none';
      i++;
      continue;
    }
    if (GOALS_ZONE.test(t)) {
      take(i);
      section = 'goals';
      i++;
      continue;
    }
    if (section === 'goals' && GOAL_HEADERS.test(t)) {
      take(i);
      i++;
      continue;
    }
    if (/^(年度)?绩效指标(完成情况)?(\(\d+分\))?$/.test(t) || (INDICATOR_HEADERS.some(([p]) => p.test(t)) && (section !== 'funds' || /^(一级指标|一级|年度指标值|实际完成值|三级指标)$/.test(t)))) {
      // The indicator table's header, over one or two rows (the value split in a second row).
      section = 'indicators';
      take(i);
      const column = INDICATOR_HEADERS.find(([p]) => p.test(t))?.[1];
      if (column) {
        indicatorColumns.push(column);
        const col = colOf(cells[i]);
        // A second header row (指标性质 | 指标值 | 度量单位 under 年度指标值) takes the columns it sits over.
        if (col !== undefined) for (let c = col; c < col + (cells[i]?.colSpan ?? 1); c++) if (c === col || !indicatorAt.has(c)) indicatorAt.set(c, column);
      }
      i++;
      continue;
    }
    if (section === 'goals') {
      if (INSTRUCTION.test(t)) {
        i++;
        continue;
      }
      if (lossy) {
        // Word soup: the goal's cells run to the next label; the achievement starts where the text starts again alike.
        let j = i;
        while (j < cells.length && !isLabel(texts[j] ?? '') && !LEVEL1.test(texts[j] ?? '')) j++;
        const parts = cells.slice(i, j).map((c) => c.text.trim());
        const head = (parts[0] ?? '').slice(0, 3);
        let cut = parts.length === 2 ? 1 : parts.findIndex((p, k) => k > 0 && head.length === 3 && p.startsWith(head));
        if (cut < 0) cut = parts.length;
        for (let k = i; k < j; k++) used.add(k);
        const keep = (list: string[]) => list.filter((p) => !/^[.…·。]+$/.test(p)).join('');
        evaluation.goals.push({ expected: keep(parts.slice(0, cut)), achieved: keep(parts.slice(cut)) });
        i = j;
        continue;
      }
      // 目标1: … 目标2: … then 目标1完成情况: … 目标2完成情况: …: paired by their numbers.
      if (/^目标\d+[:：]/.test(t)) {
        let j = i;
        while (j < cells.length && !isLabel(texts[j] ?? '') && !/^(一级|绩效指标)/.test(texts[j] ?? '')) j++;
        const run = cells.slice(i, j).map((c, k) => ({ text: c.text.trim(), at: i + k })).filter((c) => c.text !== '');
        const done = run.filter((c) => /^目标\d+完成情况/.test(compactOf(c.text)));
        const expected = run.filter((c) => /^目标\d+[:：]/.test(compactOf(c.text)));
        if (done.length > 0 && expected.length === done.length && expected.length + done.length === run.length) {
          for (const e of expected) {
            const n = /^目标(\d+)/.exec(compactOf(e.text))?.[1];
            const match = done.find((d) => /^目标(\d+)/.exec(compactOf(d.text))?.[1] === n);
            used.add(e.at);
            if (match) used.add(match.at);
            evaluation.goals.push({ expected: e.text, achieved: match?.text ?? '' });
          }
          i = j;
          continue;
        }
      }
      take(i);
      const j = nextValue(i);
      const achieved = j !== null && !isLabel(texts[j] ?? '') ? (INSTRUCTION.test(texts[j] ?? '') ? '' : take(j)) : '';
      evaluation.goals.push({ expected: cells[i]?.text.trim() ?? '', achieved });
      i = (j !== null && !isLabel(texts[j] ?? '') ? j : i) + 1;
      continue;
    }
    const inline = INLINE_TOTAL.exec(t);
    if (inline) {
      take(i);
      evaluation.total = inline[2] ?? null;
      i++;
      continue;
    }
    if (TOTAL_ROW.test(t) && cells[i + 1]?.fused) {
      // 总分100100: the points and the score fused.
      take(i);
      const parts = splitFused(compactOf(cells[i + 1]?.text ?? ''), ['points', 'score']);
      if (parts) {
        used.add(i + 1);
        evaluation.total = parts[1] ?? null;
      }
      section = 'none';
      i += 2;
      continue;
    }
    // 合计 over money (2751417.82 …) sums a funds block whatever its headers were called: no score.
    const moneyAfter = !stream && cells.slice(i + 1, i + 12).some((c, k) => !cells[i + 1 + k]?.rowStart && /^\d{4,}(\.\d+)?$/.test(compactOf(c.text)));
    if (TOTAL_ROW.test(t) && (section === 'funds' || moneyAfter)) {
      // 合计 of the funds block: its sources' sum, no score (the cells stay for the funds reader or unparsed).
      take(i);
      i++;
      continue;
    }
    if (TOTAL_ROW.test(t)) {
      take(i);
      const numbers: string[] = [];
      let j = i + 1;
      for (; j < cells.length && (stream ? j <= i + 4 : true); j++) {
        if (!stream && cells[j]?.rowStart) break;
        if (isLabel(texts[j] ?? '')) break;
        const d = decimalOf(cells[j]?.text);
        if (d !== null) {
          numbers.push(d);
          used.add(j);
        }
      }
      // A total is a score: figures past 200 are money of another block.
      for (let k = numbers.length - 1; k >= 0; k--) if (Number.parseFloat(numbers[k] ?? '0') > 200) numbers.splice(k, 1);
      // 合计 | 100 | 97.6: the points, then the score; a lone number is the total score unless it is the 100 points.
      if (numbers.length >= 2) evaluation.total = numbers[1] ?? null;
      else if (numbers.length === 1 && numbers[0] !== '100') evaluation.total = numbers[0] ?? null;
      section = 'none';
      i = j;
      continue;
    }
    const closing = CLOSING.find(([p]) => p.test(t));
    if (closing) {
      take(i);
      const j = nextValue(i);
      if (j !== null && !isLabel(texts[j] ?? '')) {
        if (!INSTRUCTION.test(texts[j] ?? '')) evaluation[closing[1]] = take(j);
        i = j + 1;
      } else i++;
      section = 'none';
      continue;
    }
    if (GRADE_LABEL.test(t)) {
      take(i);
      const j = nextValue(i);
      const grade = j === null ? null : EVALUATION_GRADES.find((g) => compactOf(cells[j]?.text ?? '').startsWith(g));
      if (j !== null && grade) {
        evaluation.grade = grade as EvaluationGrade;
        used.add(j);
        i = j + 1;
      } else i++;
      continue;
    }
    // A table cut off above its header (a page's fragment): the columns from the shape of its first row.
    if (indicatorColumns.length === 0 && !stream && cells[i]?.rowStart) {
      const inferred = inferColumns(cells, texts, i);
      if (inferred) {
        indicatorColumns.push(...inferred);
        section = 'indicators';
      }
    }
    // A stream cut off above its header: rows that each start with their 一级 and 二级 labels give their width.
    if (indicatorColumns.length === 0 && stream && LEVEL1.test(t) && LEVEL2.test(texts[i + 1] ?? '')) {
      const inferred = inferStreamColumns(texts, i);
      if (inferred) {
        indicatorColumns.push(...inferred);
        section = 'indicators';
        labelledRows = true;
      }
    }
    // Rows known only by their class labels end where a row starts without them (the page's prose after the table).
    if (labelledRows && section === 'indicators' && !LEVEL1.test(t) && !LEVEL2.test(t)) section = 'none';
    if (section === 'indicators' && indicatorColumns.length > 0) {
      const next: IndicatorRead | null = !stream && indicatorAt.size > 0 && colOf(cells[i]) !== undefined ? readIndicatorRowByColumn(cells, texts, i, indicatorAt, { level1, level2 }, used) : readIndicatorRow(cells, texts, i, stream, indicatorColumns, { level1, level2 }, used, lossy);
      if (next) {
        level1 = next.level1;
        level2 = next.level2;
        evaluation.indicators.push(...next.indicators);
        i = Math.max(next.end, i + 1);
        continue;
      }
    }
    i++;
  }
  // A text cut off inside its last row's name (公众满): no row, its text kept in unparsed.
  const last = evaluation.indicators[evaluation.indicators.length - 1];
  let lastCell = cells.length - 1;
  while (lastCell > 0 && (texts[lastCell] ?? '') === '') lastCell--;
  if (last && last.annualTarget === '' && last.actual === '' && last.points === null && last.score === null && compactOf(cells[lastCell]?.text ?? '') === compactOf(last.name)) {
    evaluation.indicators.pop();
    used.delete(lastCell);
  }
  if (/部门整体|单位整体/.test(evaluation.title ?? '')) evaluation.target.kind = 'department-target';
  // A printed grade in the conclusion ("评价等级为优") when the table has no grade cell.
  if (evaluation.grade === null) {
    const match = /(?:评价等级|自评等级|等级)为?[“"「]?(优|良|中|差)/.exec(evaluation.conclusion);
    if (match) evaluation.grade = match[1] as EvaluationGrade;
  }
  if (evaluation.total === null) {
    const match = /(?:自评(?:总)?得分|总分|综合得分)为?(\d{1,3}(?:\.\d{1,2})?)分/.exec(evaluation.conclusion);
    if (match) evaluation.total = match[1] ?? null;
  }
  // Lossless: every cell not placed, by line.
  const byLine = new Map<number, { texts: string[]; at?: string }>();
  for (const [k, cell] of cells.entries()) {
    if (used.has(k) || (texts[k] ?? '') === '') continue;
    // The template's own instructions (（200字以内）…) are its wording: recognised, not content.
    if (INSTRUCTION.test(texts[k] ?? '')) continue;
    // Signature lines are the form's wording; what is written after them is kept.
    const text = FURNITURE.test(texts[k] ?? '') ? cell.text.trim().replace(FURNITURE, '').trim() : cell.text.trim();
    if (text === '') continue;
    const entry = byLine.get(cell.line) ?? { texts: [], ...(cell.at ? { at: cell.at } : {}) };
    entry.texts.push(text);
    byLine.set(cell.line, entry);
  }
  const unparsed: UnparsedText[] = [...evaluation.unparsed, ...[...byLine.entries()].map(([line, e]) => ({ line, text: e.texts.join(' | '), ...(e.at ? { at: e.at } : {}) }))];
  evaluation.unparsed = unparsed.sort((a, b) => a.line - b.line);
  return evaluation;
}

function placeFundsRow(evaluation: SelfEvaluation, label: string, columns: readonly FundsColumn[], row: readonly string[], lose: (text: string, at: number) => void, at: number): void {
  const values: Partial<Record<FundsColumn, string>> = {};
  columns.forEach((column, k) => {
    const text = row[k];
    if (text !== undefined && text !== '') values[column] = text;
  });
  // A row printed without its merged 分值 cell shifts the rate left: put a percentage where it belongs.
  if (columns.includes('rate') && (values.rate === undefined || !isPercent(values.rate))) {
    const misplaced = (Object.keys(values) as FundsColumn[]).find((c) => c !== 'rate' && isPercent(values[c] ?? ''));
    if (misplaced) {
      values.rate = values[misplaced];
      values[misplaced] = undefined;
    }
  }
  const item: FundsItem = { label, initialBudget: amountOf(values.initial), annualBudget: amountOf(values.annual), executed: amountOf(values.executed) };
  const total = /^(年度资金总额|资金总额|总额|合计金额)$/.test(label);
  if (total) {
    evaluation.funds.initialBudget = item.initialBudget;
    evaluation.funds.annualBudget = item.annualBudget;
    evaluation.funds.executed = item.executed;
    evaluation.funds.points = decimalOf(values.points);
    evaluation.funds.score = decimalOf(values.score);
    if (values.reason && !INSTRUCTION.test(values.reason)) evaluation.funds.reason = values.reason;
    else if (values.reason) lose(values.reason, at);
  } else if (values.reason) lose(values.reason, at);
  evaluation.funds.items.push(item);
}

type IndicatorRead = { indicators: EvaluationIndicator[]; end: number; level1: string | null; level2: string | null };

/** The value columns of a row in the order the cells come (a split value takes the fused column's place). */
function valueOrder(columns: readonly IndicatorColumn[]): { order: IndicatorColumn[]; split: boolean } {
  const valueColumns = columns.filter((c) => c !== 'level1' && c !== 'level2' && c !== 'name');
  const isSplit = (c: IndicatorColumn) => c === 'nature' || c === 'value' || c === 'unit';
  const split = valueColumns.some(isSplit);
  const order = split && valueColumns.includes('annual') ? valueColumns.flatMap((c) => (c === 'annual' ? valueColumns.filter(isSplit) : isSplit(c) ? [] : [c])) : valueColumns;
  return { order, split };
}

const FUSED_COLUMN: Partial<Record<IndicatorColumn, FusedColumn>> = { annual: 'annual', value: 'annual', actual: 'actual', points: 'points', score: 'score', reason: 'reason' };

/**
 * One indicator row at cell i, or null when the cells there are no indicator row; `indicator` is
 * null for a template's placeholder row (指标2:, ……) with nothing filled in, which is consumed as
 * wording of the form and never counted.
 */
function readIndicatorRow(
  cells: readonly EvaluationCell[],
  texts: readonly string[],
  start: number,
  stream: boolean,
  columns: readonly IndicatorColumn[],
  above: { level1: string | null; level2: string | null },
  used: Set<number>,
  lossy = false,
): IndicatorRead | null {
  let i = start;
  let level1 = above.level1;
  let level2 = above.level2;
  const skipBlank = () => {
    while (i < cells.length && (texts[i] ?? '') === '' && (stream || !cells[i]?.rowStart || i === start)) i++;
  };
  const nextFilled = (k: number) => {
    let j = k + 1;
    while (j < cells.length && (texts[j] ?? '') === '' && stream) j++;
    return texts[j] ?? '';
  };
  // A class spelt down its merged cell one character a line: the first names it, the others are its letters.
  const vertical = texts[i] ?? '';
  if (vertical.length === 1 && /^[产出效益满意度成本指标]$/.test(vertical)) {
    const spelt = VERTICAL_LEVEL1[vertical];
    if (spelt && !(level1 ?? '').startsWith(vertical)) {
      level1 = spelt;
      level2 = null;
    }
    used.add(i);
    i++;
    skipBlank();
  }
  // 成本指标 before a name is a 二级 (under 产出); before a 二级 it is a 一级 (the 2021 framework).
  const costAsLevel2 = texts[i] === '成本指标' && !LEVEL2.test(nextFilled(i)) ;
  if (LEVEL1.test(texts[i] ?? '') && !costAsLevel2) {
    level1 = cells[i]?.text.trim() ?? null;
    level2 = null;
    used.add(i);
    i++;
    skipBlank();
  }
  if (LEVEL2.test(texts[i] ?? '')) {
    level2 = cells[i]?.text.trim() ?? null;
    used.add(i);
    i++;
    skipBlank();
    // A 二级 printed with no row under it, the next 二级 after it.
    if (LEVEL2.test(texts[i] ?? '') && texts[i] !== '满意度指标') return { indicators: [], end: i, level1, level2 };
  }
  const nameAt = i;
  const name = cells[nameAt]?.text.trim() ?? '';
  if (name === '' || TOTAL_ROW.test(texts[nameAt] ?? '') || LEVEL1.test(texts[nameAt] ?? '') || isTableLabel(texts[nameAt] ?? '') || INLINE_TOTAL.test(texts[nameAt] ?? '')) {
    // Only class labels (a 二级 printed with no row under it): consumed, no row.
    return i > start ? { indicators: [], end: i, level1, level2 } : null;
  }
  used.add(nameAt);
  i++;
  const { order, split } = valueOrder(columns);
  const values: Partial<Record<IndicatorColumn, string>> = {};
  const cell = cells[nameAt];
  if (cell?.fused) {
    const indicators = fusedRows(name, order, split, level1, level2);
    return { indicators, end: i, level1, level2 };
  }
  // Where blanks were lost (word soup), a cell that starts the next row is not this row's last column.
  const pointsAt = order.indexOf('points');
  const startsRow = (k: number) => {
    const t = texts[k] ?? '';
    if (LEVEL1.test(t) || LEVEL2.test(t) || TOTAL_ROW.test(t) || PLACEHOLDER_NAME.test(t) || isTableLabel(t)) return true;
    return pointsAt >= 0 && decimalOf(cells[k + 1 + pointsAt]?.text) !== null && decimalOf(cells[k]?.text) === null;
  };
  for (const [n, column] of order.entries()) {
    if (i >= cells.length) break;
    if (!stream && cells[i]?.rowStart) break;
    if (stream && cells[i - 1]?.rowEnd && i - 1 >= nameAt) break;
    // In a stream, a label starting the next row ends this one early (its blank cells were lost).
    if (stream && (LEVEL1.test(texts[i] ?? '') || LEVEL2.test(texts[i] ?? '') || TOTAL_ROW.test(texts[i] ?? '') || isTableLabel(texts[i] ?? '') || INLINE_TOTAL.test(texts[i] ?? ''))) break;
    if (lossy && n > 0 && (column === 'reason' || n > pointsAt + 1) && startsRow(i)) break;
    values[column] = cells[i]?.text.trim() ?? '';
    // 指标解释 has no field of a self-evaluation: its text stays in unparsed, with its place.
    if (column !== 'explanation') used.add(i);
    i++;
  }
  // Rows: the rest of the row is the reason's overflow; keep it with the reason.
  if (!stream) {
    const rest: string[] = [];
    while (i < cells.length && !cells[i]?.rowStart) {
      if ((texts[i] ?? '') !== '') rest.push(cells[i]?.text.trim() ?? '');
      used.add(i);
      i++;
    }
    if (rest.length > 0) values.reason = [values.reason ?? '', ...rest].filter(Boolean).join(' ');
  }
  // A template's placeholder row (指标2:, ……) with nothing in it is the form's wording, not an indicator.
  if (PLACEHOLDER_NAME.test(compactOf(name)) && Object.values(values).every((v) => compactOf(v ?? '') === '' || compactOf(v ?? '') === '/')) {
    return { indicators: [], end: i, level1, level2 };
  }
  return { indicators: [indicatorOf(values, split, level1, level2, name).indicator], end: i, level1, level2 };
}

/**
 * The columns of an indicator table whose header is not there, from a row's shape: a name, an
 * operator cell, a value and a unit (Sichuan: 指标性质 / 指标值 / 度量单位 / 完成值 / 权重 / 得分), or
 * after the class labels a name, a target and an actual with points and a score (national).
 */
function inferColumns(cells: readonly EvaluationCell[], texts: readonly string[], start: number): IndicatorColumn[] | null {
  let end = start + 1;
  while (end < cells.length && !cells[end]?.rowStart) end++;
  let k = start;
  let labelled = false;
  while (k < end && (LEVEL1.test(texts[k] ?? '') || LEVEL2.test(texts[k] ?? ''))) {
    k++;
    labelled = true;
  }
  const rest = cells.slice(k, end).map((c) => c.text.trim());
  const name = rest[0] ?? '';
  if (name === '' || /^[\d.%\s]+$/.test(name) || isTableLabel(labelOf(name)) || FUNDS_ROWS.test(labelOf(name))) return null;
  const op = operatorOf(rest[1] ?? '');
  if (rest.length >= 6 && op !== null && (decimalOf(rest[2]) !== null || op === 'qualitative')) return ['level1', 'level2', 'name', 'nature', 'value', 'unit', 'actual', 'points', 'score', 'reason'];
  if (labelled && rest.length >= 5 && decimalOf(rest[3]) !== null) return ['level1', 'level2', 'name', 'annual', 'actual', 'points', 'score', 'reason'];
  return null;
}

/**
 * The columns of a header-less stream whose rows repeat their class labels (项目完成指标 | 质量指标 | … ×3):
 * the cells between one row's labels and the next's, when every row has as many — three are the name,
 * the target and the actual (a 决算's results table), with points and a score after them when figures.
 */
function inferStreamColumns(texts: readonly string[], start: number): IndicatorColumn[] | null {
  const widths: number[] = [];
  let k = start;
  while (k < texts.length && widths.length < 4) {
    if (!(LEVEL1.test(texts[k] ?? '') && LEVEL2.test(texts[k + 1] ?? ''))) break;
    let j = k + 2;
    while (j < texts.length && !LEVEL1.test(texts[j] ?? '') && !isTableLabel(texts[j] ?? '')) j++;
    widths.push(texts.slice(k + 2, j).filter((t) => t !== '').length);
    k = j;
  }
  if (widths.length < 3 || widths.some((w) => w !== widths[0])) return null;
  if (widths[0] === 3) return ['level1', 'level2', 'name', 'annual', 'actual'];
  if (widths[0] === 5 && decimalOf(texts[start + 5]) !== null) return ['level1', 'level2', 'name', 'annual', 'actual', 'points', 'score'];
  return null;
}

/** Characters a unit starts with: after a figure they end a value, never start the next row's name. */
const UNIT_START = /^[米个人元万次户天年月日台套项份件辆吨亩公里平方厘千克分秒时所间家座处篇期批条本册场栋株只头只箱]/;

/**
 * The rows of one fused run (安装坡面水标尺10≥266米≥266米10水标尺宽度10≥50厘米≥50厘米10): each row is its
 * name up to the first figure or operator, then its values cut by the columns; a row ends where its
 * score is followed by the next name. A run no cut reads for sure stays whole in the first value
 * column, unsplit (the checker then finds no points for it), never guessed.
 */
function fusedRows(text: string, order: readonly IndicatorColumn[], split: boolean, level1: string | null, level2: string | null): EvaluationIndicator[] {
  const columns = order.filter((c) => c !== 'reason');
  const kinds = columns.map((c) => FUSED_COLUMN[c] ?? 'annual');
  const rows: EvaluationIndicator[] = [];
  let rest = text;
  while (rest !== '') {
    const at = rest.search(/[\d≥≤=＞＜><]/);
    if (at <= 0) {
      rows.push(indicatorOf({}, split, level1, level2, rest).indicator);
      break;
    }
    const name = rest.slice(0, at);
    const tail = rest.slice(at);
    let found: { parts: string[]; end: number } | null = null;
    // Where this row ends: a figure followed by a name (not by a unit), or the run's end.
    const ends = [...tail.matchAll(/(?<=[\d%])(?=[\u4e00-\u9fff(（])/g)].map((m) => m.index).filter((e) => !UNIT_START.test(tail.slice(e)));
    for (const end of [...ends, tail.length]) {
      const parts = splitFused(tail.slice(0, end), kinds);
      if (parts) {
        found = { parts, end };
        break;
      }
    }
    if (!found) {
      rows.push(indicatorOf({ [columns.includes('annual') ? 'annual' : (columns[0] ?? 'annual')]: tail }, split, level1, level2, name).indicator);
      break;
    }
    const values: Partial<Record<IndicatorColumn, string>> = {};
    found.parts.forEach((part, k) => (values[columns[k] as IndicatorColumn] = part));
    rows.push(indicatorOf(values, split, level1, level2, name).indicator);
    rest = tail.slice(found.end);
  }
  return rows.filter((row) => !PLACEHOLDER_NAME.test(compactOf(row.name)) || row.annualTarget !== '');
}

/** An indicator row of a sheet: each cell under its header column, blanks absent, merged class cells above. */
function readIndicatorRowByColumn(
  cells: readonly EvaluationCell[],
  texts: readonly string[],
  start: number,
  at: ReadonlyMap<number, IndicatorColumn>,
  above: { level1: string | null; level2: string | null },
  used: Set<number>,
): IndicatorRead | null {
  // The row's first cell: go back to it (the caller may stand on a later one).
  let first = start;
  while (first > 0 && !cells[first]?.rowStart) first--;
  let end = first + 1;
  while (end < cells.length && !cells[end]?.rowStart) end++;
  const values: Partial<Record<IndicatorColumn, string>> = {};
  for (let k = first; k < end; k++) {
    const column = at.get(colOf(cells[k]) ?? -1);
    if (column && values[column] === undefined) values[column] = cells[k]?.text.trim() ?? '';
  }
  const name = values.name ?? '';
  if (name === '' || TOTAL_ROW.test(compactOf(name)) || LEVEL1.test(compactOf(name))) return null;
  for (let k = first; k < end; k++) used.add(k);
  const level1 = values.level1 && values.level1 !== '' ? values.level1 : above.level1;
  const level2 = values.level2 && values.level2 !== '' ? values.level2 : values.level1 && values.level1 !== '' ? null : above.level2;
  const split = [...at.values()].some((c) => c === 'nature' || c === 'value' || c === 'unit');
  void texts;
  const blank = Object.entries(values).every(([column, v]) => column === 'name' || column === 'level1' || column === 'level2' || compactOf(v ?? '') === '' || compactOf(v ?? '') === '/');
  if (PLACEHOLDER_NAME.test(compactOf(name)) && blank) return { indicators: [], end, level1, level2 };
  return { indicators: [indicatorOf(values, split, level1, level2, name, end).indicator], end, level1, level2 };
}

/** An indicator from its cells' values, as the columns name them. */
function indicatorOf(values: Partial<Record<IndicatorColumn, string>>, split: boolean, level1: string | null, level2: string | null, printedName: string, end = 0): { indicator: EvaluationIndicator; end: number } {
  // 指标1: before the name is the template's numbering.
  const name = printedName.replace(NAME_PREFIX, '').trim() || printedName;
  let annualTarget = values.annual ?? '';
  if (split) {
    const op = operatorOf(values.nature ?? '');
    const value = values.value ?? '';
    const unit = values.unit ?? '';
    annualTarget = op === 'qualitative' || op === null ? `${value}${unit && unit !== '/' ? unit : ''}` : `${op}${value}${unit && unit !== '/' ? unit : ''}`;
  }
  let actual = values.actual ?? '';
  // A bare actual under a unit column reads with the unit (完成值 95, 度量单位 %).
  if (split && values.unit && values.unit !== '/' && /^-?[\d,]+(\.\d+)?$/.test(compactOf(actual))) actual = `${actual}${values.unit}`;
  const notApplicable = ['/', '不适用', '—', '——'].includes(compactOf(values.actual ?? '')) || ['/', '不适用'].includes(compactOf(values.points ?? ''));
  const reasonText = values.reason ?? '';
  const [reason, measures] = splitReason(reasonText);
  return {
    indicator: {
      level1,
      level2,
      name,
      annualTarget,
      actual: notApplicable ? '' : actual,
      points: decimalOf(values.points),
      score: decimalOf(values.score),
      applicable: !notApplicable,
      deviation: { reason, measures },
    },
    end,
  };
}

/** 偏差原因分析及改进措施 in one cell: the measures after 改进措施 / 下一步, when the text says so. */
function splitReason(text: string): [string, string] {
  const t = text.trim();
  if (t === '' || INSTRUCTION.test(t)) return ['', ''];
  const match = /^(.*?)[；;。,，]?\s*(?:改进措施|整改措施|下一步)[:：]?(.*)$/.exec(t);
  if (match && (match[1] ?? '').trim() !== '') return [(match[1] ?? '').replace(/^(偏差)?原因[:：]?/, '').trim(), (match[2] ?? '').trim()];
  // One text for both: the cell is the cause and what will be done, as the column's name says.
  return [t, t];
}

export { textCells } from './evaluationText.ts';
