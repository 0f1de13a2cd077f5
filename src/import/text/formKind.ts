/**
 * Tells which kind of performance form a text is, so that a project target form or a
 * self-evaluation is reported as what it is instead of being forced into the wrong shape.
 */
import { compact, type SourceLine } from './sourceText.ts';

/** The kinds of forms of the yearly cycle the importer can recognise. */
export type FormKind = 'department-target' | 'project-target' | 'self-evaluation' | 'monitoring' | 'assessment' | 'template' | 'unknown';

/** What the text looks like, with the lines that gave it away. */
export interface FormKindGuess {
  readonly kind: FormKind;
  /** Evidence: `line N: text` for the decisive lines. */
  readonly evidence: readonly string[];
}

/** Chinese names of the kinds, for messages. */
export const FORM_KIND_NAMES: Record<FormKind, { zh: string; en: string }> = {
  'department-target': { zh: '部门整体预算绩效目标申报表', en: 'department-wide target form' },
  'project-target': { zh: '项目支出绩效目标申报表', en: 'project target form' },
  'self-evaluation': { zh: '绩效自评表', en: 'self-evaluation form' },
  monitoring: { zh: '绩效运行监控表', en: 'monitoring form' },
  assessment: { zh: '绩效评价评分表（决策、管理、绩效打分，如自评分与复核分）', en: 'assessment score sheet (decision, management and performance scored, e.g. self and review scores)' },
  template: { zh: '空白模板或填报说明', en: 'blank template or filling instructions' },
  unknown: { zh: '无法识别的表格', en: 'unrecognised text' },
};

const TITLES: ReadonlyArray<readonly [RegExp, FormKind]> = [
  [/(?:部门|单位)?整体(?:预算|支出)?绩效(?:目标)?(?:申报|申请)?表$/, 'department-target'],
  [/(?:绩效)?自评(?:价)?表$|绩效评价(?:自评)?表$|绩效(?:评价)?自评报告(?:及评分表)?$/, 'self-evaluation'],
  [/(?:部门|单位)(?:预算|整体)?绩效(?:目标)?文本$/, 'department-target'],
  [/绩效(?:运行)?监控(?:情况)?(?:表|报告)$/, 'monitoring'],
  [/(?:项目(?:支出)?|财政支出项目?|预算项目)绩效目标(?:申报|申请|审批)?表$/, 'project-target'],
];

// The titles as they start a long line of fused cells (no end anchor).
const OPEN_TITLES: ReadonlyArray<readonly [RegExp, FormKind]> = TITLES.map(([pattern, kind]) => [new RegExp(pattern.source.replaceAll('$', '')), kind] as const);

// A title is a short line ending in 表, so that body text such as 舆情监控报告 is no title.
// Field labels typical of each kind; a text with no title is judged by how many it has.
const MARKERS: Record<Exclude<FormKind, 'unknown' | 'assessment' | 'template'>, readonly string[]> = {
  'department-target': ['部门名称', '总体绩效目标', '年度重点工作', '基本支出', '项目支出', '部门预算支出', '收入来源', '一级指标'],
  'project-target': ['项目名称', '主管部门', '实施单位', '项目资金', '年度绩效目标', '长期绩效目标', '项目属性'],
  'self-evaluation': ['分值', '得分', '实际完成值', '偏差原因', '全年执行数', '执行率', '年初预算数'],
  monitoring: ['1-7月', '执行数', '完成目标可能性', '偏差原因分析', '全年预计'],
};

/**
 * The kind whose title a line is, or starts with: a short line ending in 表, or — where the cells
 * of a form fused into long lines — a title within the first characters of the line, followed by
 * what follows a title (a year, a 填报单位) rather than by instructions (填报说明).
 */
export function titleKind(line: SourceLine): FormKind | null {
  // Every title ends in 表 (or 报告): most lines are ruled out without building their key.
  if (!line.text.includes('表') && !line.text.includes('报告') && !line.text.includes('文本')) return null;
  const text = line.key;
  if (text.length <= 60 && text.endsWith('表')) {
    for (const [pattern, kind] of TITLES) if (pattern.test(text)) return kind;
    return null;
  }
  const head = text.slice(0, 60);
  for (const [open, kind] of OPEN_TITLES) {
    const match = open.exec(head);
    if (!match || match.index > 30) continue;
    const after = text.slice(match.index + match[0].length);
    if (/^(填报说明|填表说明|说明)/.test(after)) continue;
    return kind;
  }
  return null;
}

/** Guesses the kind of form from its title, or failing that from its field labels. */
export function detectFormKind(lines: readonly SourceLine[]): FormKindGuess {
  for (const line of lines) {
    const kind = titleKind(line);
    if (kind) return { kind, evidence: [`line ${line.no}: ${line.text.trim().slice(0, 80)}`] };
  }
  let best: FormKind = 'unknown';
  let bestHits: string[] = [];
  for (const [kind, markers] of Object.entries(MARKERS) as Array<[FormKind, readonly string[]]>) {
    const hits: string[] = [];
    for (const marker of markers) {
      const line = lines.find((l) => compact(l.text).includes(marker));
      if (line) hits.push(`line ${line.no}: ${line.text.trim()}`);
    }
    if (hits.length > bestHits.length) {
      best = kind;
      bestHits = hits;
    }
  }
  return bestHits.length >= 2 ? { kind: best, evidence: bestHits } : { kind: 'unknown', evidence: bestHits };
}
