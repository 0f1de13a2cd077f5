/**
 * The text importer's entry point: bytes or text of an extracted form in, a canonical declaration
 * (or a precise reason why not) out.
 */
import type { TargetDocument } from '../../core/document.ts';
import { unstorableCharacter } from '../../core/storableText.ts';
import { fromMirror } from '../../table/simplified.ts';
import { rowsFromCellLines } from './cellLines.ts';
import { decodeText } from './decodeText.ts';
import { looksLikeTableRows, readDepartmentTargetTable } from './departmentTargetTable.ts';
import { readDepartmentTargetText, type DepartmentTargetTextOptions } from './departmentTargetText.ts';
import { documentKindOf } from './documentKind.ts';
import { detectFormKind, FORM_KIND_NAMES, titleKind, type FormKind } from './formKind.ts';
import type { Claim } from './ledger.ts';
import { readProjectTargetText } from './projectTargetText.ts';
import { isProjectProse, readProjectProse } from './projectProse.ts';
import { compact, toSourceLines, type SourceLine } from './sourceText.ts';

/** Why a text could not be imported as a department-wide target form. */
export interface ImportProblem {
  readonly problem: 'empty' | 'binary' | 'encoding' | 'too-large' | 'wrong-kind' | 'template' | 'unrecognised' | 'corrupt' | 'encrypted' | 'scanned' | 'no-table' | 'unsupported';
  /** The kind of form it looks like, for `wrong-kind`. */
  readonly kind?: FormKind;
  readonly message: { zh: string; en: string };
  /** Lines that show what the text looks like. */
  readonly evidence: readonly string[];
}

/** One form read from a text, with the source lines it came from. */
export interface ImportedDocument {
  readonly document: TargetDocument;
  readonly claims: readonly Claim[];
  /** First and last line (1-based) of the form in the text. */
  readonly lines: { readonly from: number; readonly to: number };
}

export type ImportOutcome =
  | {
      ok: true;
      /** Every form in the text, in order; most texts hold one. */
      documents: readonly ImportedDocument[];
      /** The first form (the only one, for most texts). */
      declaration: TargetDocument;
      claims: readonly Claim[];
      encoding: string;
    }
  | ({ ok: false } & ImportProblem);

/** Kinds the importer reads; the others are named and refused until their issues. */
const READABLE: ReadonlySet<FormKind> = new Set(['department-target', 'project-target']);

// The label that opens a new form of a kind: a title repeated as a page header is not a new form.
const IDENTITY: Partial<Record<FormKind, RegExp>> = {
  'department-target': /(部门|单位)(\(单位\)|（单位）)?名称/,
  'project-target': /项目名称/,
};

/**
 * Cuts a text into its forms: at each title line that starts a new form (its identity label,
 * 项目名称 or 部门名称, follows within a few lines, and the form before has one already). Lines
 * before the first title belong to the first form (garbage before a form stays with it, unparsed).
 */
export function splitForms(lines: readonly SourceLine[]): SourceLine[][] {
  const forms: SourceLine[][] = [];
  let current: SourceLine[] = [];
  let currentKind: FormKind | null = null;
  let currentHasIdentity = false;
  lines.forEach((line, index) => {
    const kind = titleKind(line);
    if (kind && currentKind !== null) {
      const identity = IDENTITY[kind];
      const ahead = lines.slice(index, index + 12).map((l) => compact(l.text)).join('');
      const opensForm = identity ? identity.test(ahead) : true;
      if (opensForm && (currentHasIdentity || kind !== currentKind)) {
        forms.push(current);
        current = [];
        currentHasIdentity = false;
      }
    }
    if (kind && (currentKind === null || current.length === 0)) currentKind = kind;
    current.push(line);
    const identity = currentKind ? IDENTITY[currentKind] : undefined;
    if (!currentHasIdentity && line.text.includes('称') && identity?.test(line.key)) currentHasIdentity = true;
  });
  if (current.length > 0) forms.push(current);
  return forms;
}

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
export function importFormText(source: string, options: DepartmentTargetTextOptions = {}, encoding = 'utf-8', mirror = true): ImportOutcome {
  const refusal = textRefusal(source);
  if (refusal) return { ok: false, ...refusal };
  // A mirror site's traditional characters and pinyin glosses (区(qū)) read as the form printed it;
  // a table's cells were converted by their reader already, their positions kept (mirror = false).
  const normalised = mirror ? fromMirror(source).text : source;
  // One cell a line with `|||` ending each row: read as the rows it was (line numbers are then the rows').
  const text = (mirror ? rowsFromCellLines(normalised) : null) ?? normalised;
  const lines = toSourceLines(text);
  if (lines.every((line) => line.text.trim() === '')) {
    return { ok: false, problem: 'empty', message: { zh: '文件为空', en: 'the file holds only white space' }, evidence: [] };
  }
  const documents: ImportedDocument[] = [];
  let refused: ImportProblem | null = null;
  for (const formLines of splitForms(lines)) {
    // A blank template, its instructions, or an assessment sheet: named, never imported as a filled form.
    const other = documentKindOf(formLines);
    if (other) {
      refused ??= kindProblem(other.kind, other.evidence);
      continue;
    }
    const guess = detectFormKind(formLines);
    // A project's targets published as a notice in prose (关于…项目绩效目标设定的公示).
    if ((guess.kind === 'unknown' || guess.kind === 'project-target') && isProjectProse(formLines)) {
      const { declaration, claims } = readProjectProse(formLines);
      documents.push({ document: declaration, claims, lines: { from: formLines[0]?.no ?? 1, to: formLines[formLines.length - 1]?.no ?? 1 } });
      continue;
    }
    if (guess.kind === 'unknown' || !READABLE.has(guess.kind)) {
      // A lone note between forms is kept by the form before it; only a text of none is refused.
      refused ??= kindProblem(guess.kind, guess.evidence);
      continue;
    }
    const from = formLines[0]?.no ?? 1;
    const to = formLines[formLines.length - 1]?.no ?? from;
    if (guess.kind === 'project-target') {
      const { declaration, claims } = readProjectTargetText(formLines, options);
      documents.push({ document: declaration, claims, lines: { from, to } });
    } else {
      // Rows of a table (a workbook, a web page, `|`-joined text) are read by their cells.
      const read = looksLikeTableRows(formLines) ? readDepartmentTargetTable : readDepartmentTargetText;
      const { declaration, claims } = read(formLines, options);
      documents.push({ document: declaration, claims, lines: { from, to } });
    }
  }
  // A text of the kind with nothing of a form in it (a narrative, a table of contents) is named, not imported empty.
  const read = documents.filter((d) => !nothingRead(d.document));
  if (documents.length > 0 && read.length === 0) {
    const kind = documents[0]?.document.kind ?? 'unknown';
    const name = FORM_KIND_NAMES[kind];
    return {
      ok: false,
      problem: 'unrecognised',
      kind,
      message: {
        zh: `看起来是${name.zh}的说明文字或目录，文本中找不到表的栏目、金额或指标行`,
        en: `this reads like the narrative or contents of a ${name.en} (${name.zh}): no form fields, amounts or indicator rows were found in it`,
      },
      evidence: [],
    };
  }
  documents.splice(0, documents.length, ...read);
  const first = documents[0];
  if (!first) return { ok: false, ...(refused ?? kindProblem('unknown', [])) };
  return { ok: true, documents, declaration: first.document, claims: first.claims, encoding };
}

/** True when a form read gave nothing of a form: no indicators, no money, no goals, no project or key task. */
function nothingRead(d: TargetDocument): boolean {
  if (d.indicators.length > 0) return false;
  if (d.kind === 'project-target') return d.project.name === null && d.funds.total === null && d.funds.items.length === 0 && d.extra.length === 0;
  const b = d.budget;
  return d.projects.length === 0 && d.goals.length === 0 && [b.total, b.basic, b.project, b.income.fiscal, b.income.other].every((v) => v === null);
}

export function kindProblem(kind: FormKind, evidence: readonly string[]): ImportProblem {
  if (kind === 'unknown') {
    return {
      problem: 'unrecognised',
      message: {
        zh: '无法识别为绩效目标申报表：未找到表题或表中的栏目（部门名称、项目名称、绩效目标、绩效指标等）',
        en: 'not recognisable as a target form: no form title and too few of its headings (部门名称, 项目名称, 绩效目标, 绩效指标, …)',
      },
      evidence,
    };
  }
  const name = FORM_KIND_NAMES[kind];
  if (kind === 'template') {
    return {
      problem: 'template',
      kind,
      message: {
        zh: '这是空白模板或填报说明（年度、金额或指标值未填，或含“填报说明”），不是填好的申报表：请导入填好的表',
        en: 'this is a blank template or its filling instructions (year, amounts or targets left open, or 填报说明), not a filled form: import the filled form',
      },
      evidence,
    };
  }
  if (kind === 'assessment') {
    return {
      problem: 'wrong-kind',
      kind,
      message: {
        zh: `这是一份${name.zh}，不是目标表或自评表；评价评分表将作为单独的类型支持，目前不导入`,
        en: `this is an ${name.en} (绩效评价评分表), not a target form or a self-evaluation table; assessments will be a kind of their own, and are not imported yet`,
      },
      evidence,
    };
  }
  return {
    problem: 'wrong-kind',
    kind,
    message: {
      zh: `这是一份${name.zh}，目前只能导入部门整体和项目支出绩效目标申报表`,
      en: `this looks like a ${name.en} (${name.zh}); only department-wide and project target forms can be imported so far`,
    },
    evidence,
  };
}
