/**
 * The text importer's entry point: bytes or text of an extracted form in, a canonical declaration
 * (or a precise reason why not) out.
 */
import type { DepartmentTargetDeclaration } from '../../core/declaration.ts';
import { unstorableCharacter } from '../../core/storableText.ts';
import { decodeText } from './decodeText.ts';
import { readDepartmentTargetText, type DepartmentTargetTextOptions } from './departmentTargetText.ts';
import { detectFormKind, FORM_KIND_NAMES, type FormKind } from './formKind.ts';
import type { Claim } from './ledger.ts';
import { toSourceLines } from './sourceText.ts';

/** Why a text could not be imported as a department-wide target form. */
export interface ImportProblem {
  readonly problem: 'empty' | 'binary' | 'encoding' | 'too-large' | 'wrong-kind' | 'unrecognised';
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
  if (bytes.length > IMPORT_LIMITS.characters * 4) {
    const size = bytes.length.toLocaleString('en-US');
    return { ok: false, problem: 'too-large', message: { zh: `文件过大（${size} 字节）：一份申报表的文本通常不足 200 KB`, en: `the file is too large (${size} bytes): a form's text is rarely over 200 KB` }, evidence: [] };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    const zh = { empty: '文件为空', binary: '文件是二进制文件，不是文本', encoding: '文件既不是 UTF-8 也不是 GB18030/GBK 文本' }[decoded.problem];
    return { ok: false, problem: decoded.problem, message: { zh, en: decoded.message }, evidence: [] };
  }
  return importFormText(decoded.text, options, decoded.encoding);
}

/**
 * The most text one import reads. A published form is 10–50 thousand characters in a few hundred
 * lines (the Haizhu seed: 14,657 in 568); the limits keep the work and memory of one import bounded
 * whatever is sent, with room for forms fifty times longer than any seen.
 */
export const IMPORT_LIMITS = { characters: 2_000_000, lines: 50_000 } as const;

/** Why decoded text is not a form's text at all (binary, or too much of it); null when it may be one. */
export function textRefusal(text: string): ImportProblem | null {
  if (text.length > IMPORT_LIMITS.characters) {
    return {
      problem: 'too-large',
      message: {
        zh: `文本过长：${text.length.toLocaleString('en-US')} 个字符，上限 ${IMPORT_LIMITS.characters.toLocaleString('en-US')}（一份申报表通常不足 5 万字）`,
        en: `the text is too long: ${text.length.toLocaleString('en-US')} characters, the limit is ${IMPORT_LIMITS.characters.toLocaleString('en-US')} (a form is rarely over 50,000)`,
      },
      evidence: [],
    };
  }
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (++lines > IMPORT_LIMITS.lines) {
      return {
        problem: 'too-large',
        message: { zh: `文本行数过多：超过 ${IMPORT_LIMITS.lines.toLocaleString('en-US')} 行`, en: `the text has more than ${IMPORT_LIMITS.lines.toLocaleString('en-US')} lines` },
        evidence: [],
      };
    }
  }
  const unstorable = unstorableCharacter(text);
  if (unstorable) {
    const line = text.slice(0, unstorable.index).split('\n').length;
    const nul = unstorable.problem === 'nul';
    return {
      problem: 'binary',
      message: {
        zh: `第 ${line} 行含有文本中不应出现的字符（${nul ? 'U+0000' : '不成对的代理码元'}）：这不是文本，或已损坏`,
        en: `line ${line} holds a character text cannot have (${nul ? 'U+0000' : 'a lone surrogate'}): this is not text, or it is damaged`,
      },
      evidence: [],
    };
  }
  return null;
}

/** Imports already decoded text. Never throws. */
export function importFormText(text: string, options: DepartmentTargetTextOptions = {}, encoding = 'utf-8'): ImportOutcome {
  const refusal = textRefusal(text);
  if (refusal) return { ok: false, ...refusal };
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
