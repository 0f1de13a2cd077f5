/**
 * The text importer's entry point: bytes or text of an extracted form in, a canonical declaration
 * (or a precise reason why not) out.
 */
import type { DepartmentTargetDeclaration } from '../../core/declaration.ts';
import { decodeText } from './decodeText.ts';
import { readDepartmentTargetText, type DepartmentTargetTextOptions } from './departmentTargetText.ts';
import { detectFormKind, FORM_KIND_NAMES, type FormKind } from './formKind.ts';
import type { Claim } from './ledger.ts';
import { toSourceLines } from './sourceText.ts';

/** Why a text could not be imported as a department-wide target form. */
export interface ImportProblem {
  readonly problem: 'empty' | 'binary' | 'encoding' | 'wrong-kind' | 'unrecognised';
  /** The kind of form it looks like, for `wrong-kind`. */
  readonly kind?: FormKind;
  readonly message: { zh: string; en: string };
  /** Lines that show what the text looks like. */
  readonly evidence: readonly string[];
}

export type ImportOutcome =
  | { ok: true; declaration: DepartmentTargetDeclaration; claims: readonly Claim[]; encoding: string }
  | ({ ok: false } & ImportProblem);

/** Imports the bytes of a text file (any supported encoding). Never throws. */
export function importFormBytes(bytes: Uint8Array, options: DepartmentTargetTextOptions = {}): ImportOutcome {
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    const zh = { empty: '文件为空', binary: '文件是二进制文件，不是文本', encoding: '文件既不是 UTF-8 也不是 GB18030/GBK 文本' }[decoded.problem];
    return { ok: false, problem: decoded.problem, message: { zh, en: decoded.message }, evidence: [] };
  }
  return importFormText(decoded.text, options, decoded.encoding);
}

/** Imports already decoded text. Never throws. */
export function importFormText(text: string, options: DepartmentTargetTextOptions = {}, encoding = 'utf-8'): ImportOutcome {
  const lines = toSourceLines(text);
  if (lines.every((line) => line.text.trim() === '')) {
    return { ok: false, problem: 'empty', message: { zh: '文件为空', en: 'the file holds only white space' }, evidence: [] };
  }
  const guess = detectFormKind(lines);
  if (guess.kind === 'unknown') {
    return {
      ok: false,
      problem: 'unrecognised',
      message: {
        zh: '无法识别为部门整体预算绩效目标申报表：未找到表题或表中的栏目（部门名称、总体绩效目标、绩效指标等）',
        en: 'not recognisable as a department-wide target form: no form title and too few of its headings (部门名称, 总体绩效目标, 绩效指标, …)',
      },
      evidence: guess.evidence,
    };
  }
  if (guess.kind !== 'department-target') {
    const name = FORM_KIND_NAMES[guess.kind];
    return {
      ok: false,
      problem: 'wrong-kind',
      kind: guess.kind,
      message: {
        zh: `这是一份${name.zh}，不是部门整体预算绩效目标申报表`,
        en: `this looks like a ${name.en} (${name.zh}), not a department-wide target form`,
      },
      evidence: guess.evidence,
    };
  }
  const { declaration, claims } = readDepartmentTargetText(lines, options);
  return { ok: true, declaration, claims, encoding };
}
