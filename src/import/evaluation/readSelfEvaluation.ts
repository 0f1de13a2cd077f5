/** Self-evaluation tables in: text (any of the copy styles), or a sheet, web page or PDF through the table model. */
import type { SelfEvaluation } from '../../core/selfEvaluation.ts';
import type { SourceTables } from '../../table/sourceTable.ts';
import { fromMirror, toSimplified } from '../../table/simplified.ts';
import { readEvaluationCells, textCells, type EvaluationCell } from './selfEvaluationCells.ts';
import { documentKindOf } from '../text/documentKind.ts';
import { kindProblem } from '../text/importFormText.ts';

export type EvaluationReadOutcome = { ok: true; evaluation: SelfEvaluation; simplified: boolean } | { ok: false; message: { zh: string; en: string }; kind?: 'template' | 'assessment'; evidence?: readonly string[] };

/** A blank template or an assessment sheet, refused with its name. */
function otherKind(lines: readonly string[]): EvaluationReadOutcome | null {
  const found = documentKindOf(lines.map((text, k) => ({ no: k + 1, text })));
  if (!found) return null;
  const problem = kindProblem(found.kind, found.evidence);
  return { ok: false, message: problem.message, kind: found.kind, evidence: found.evidence };
}

function outcome(evaluation: SelfEvaluation, simplified: boolean): EvaluationReadOutcome {
  if (evaluation.indicators.length === 0) {
    return { ok: false, message: { zh: '未找到绩效自评表的指标（应有“实际完成值”“分值”“得分”等栏目）', en: 'no self-evaluation indicators found (columns such as 实际完成值, 分值, 得分)' } };
  }
  return { ok: true, evaluation, simplified };
}

/**
 * A results table's fragment with no title or header: three rows or more that each start with their
 * 一级 and 二级 labels (项目完成指标 / 质量指标 / … as a 决算's 项目绩效完成情况 prints them), in a text with
 * no target form's labels.
 */
function classRowsRepeat(head: string): boolean {
  if (/(项目名称|部门名称|指标值|年度指标值|主管部门)/.test(head)) return false;
  const pairs = head.match(/(?:产出|效益|满意度|项目完成|项目效益)指标\s*\|?\s*\n?\s*(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|满意度)指标/g) ?? [];
  return pairs.length >= 3;
}

/** True when a text looks like a self-evaluation table (its title, or its columns). */
export function looksLikeSelfEvaluation(text: string): boolean {
  const head = toSimplified(text.slice(0, 20_000).split('\n')).lines.join('\n');
  return /自评(价)?表/.test(head) || (/得分/.test(head) && /(实际完成值|完成值)/.test(head) && /(分值|权重)/.test(head)) || (/评价结论/.test(head) && /(存在问题|改进措施)/.test(head) && /(合计|得分|总分)/.test(head)) || classRowsRepeat(head);
}

/** Reads the text of a published self-evaluation table (traditional characters read as simplified). */
export function readSelfEvaluationText(text: string): EvaluationReadOutcome {
  if (!looksLikeSelfEvaluation(text)) {
    return { ok: false, message: { zh: '不是绩效自评表：未找到“绩效自评表”表题，也没有“实际完成值”“分值”“得分”栏目', en: 'not a self-evaluation table: no 绩效自评表 title and no 实际完成值, 分值, 得分 columns' } };
  }
  const mirror = fromMirror(text.replace(/\r\n?/g, '\n'));
  const converted = { lines: mirror.text.split('\n'), changed: mirror.changed };
  const other = otherKind(converted.lines);
  if (other) return other;
  const { cells, stream, style } = textCells(converted.lines.join('\n'));
  return outcome(readEvaluationCells(cells, stream, style === 'soup' || style === 'lines'), converted.changed);
}

/** Reads a self-evaluation table from sheets, web tables or PDF pages: each row's cells in order. */
export function readSelfEvaluationTables(tables: SourceTables): EvaluationReadOutcome {
  const cells: EvaluationCell[] = [];
  let line = 0;
  let changed = false;
  for (const sheet of tables.sheets) {
    for (const row of sheet.rows) {
      line++;
      const texts = toSimplified(row.map((c) => c.text));
      changed ||= texts.changed;
      row.forEach((cell, k) => cells.push({ text: texts.lines[k] ?? cell.text, line, rowStart: k === 0, at: `${sheet.name}!${cell.ref}`, col: cell.col, colSpan: cell.colSpan }));
    }
  }
  const other = otherKind(tables.sheets.flatMap((sheet) => sheet.rows.map((row) => row.map((c) => c.text).join(' | '))));
  if (other) return other;
  return outcome(readEvaluationCells(cells, false), changed);
}
