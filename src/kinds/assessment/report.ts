/**
 * The assessment's report as a document model — headings, paragraphs, tables — following the outlines
 * of domain-evaluation.md: an ex-ante assessment (§1: 评估对象基本情况, 评估工作开展情况, 综合评估情况与
 * 评估结论 with each dimension's fact → problem → analysis → conclusion, 相关建议 tied to problems,
 * 其他说明, 附件) and a key evaluation (§2, 财预〔2020〕10号 参考提纲), which department-wide
 * evaluations and sampling reviews follow. Pure: the writers (src/writers/reportWriters.ts) make the
 * .docx and the PDF from it. It is made from the content as its reader may see it.
 */
import { DECISION_NAMES, PURPOSE_NAMES, isExAnte, type Assessment, type AssessmentFinding, type CriterionResult } from '../../core/assessment/assessment.ts';
import { MEASURES } from '../../core/assessment/measures.ts';
import { divide, ratio, ratioOf, times, toFixed2 } from '../../core/monitoring/ratio.ts';
import { standardText } from './layout.ts';

export type ReportBlock =
  | { readonly type: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'table'; readonly columns: readonly string[]; readonly widths: readonly number[]; readonly rows: ReadonlyArray<readonly string[]> };

export interface ReportModel {
  readonly title: string;
  readonly cover: ReadonlyArray<readonly [string, string]>;
  readonly blocks: readonly ReportBlock[];
  /** Print a table of contents (目录) of its first-level headings, with their page numbers, after the cover. */
  readonly contents?: boolean;
}

/** What the report says beside the content: who ran it and when, the panel's names, the files. */
export interface ReportContext {
  /** 评估机构: the bureau (or the agencies) that ran it. */
  readonly organisation: string;
  readonly date: string;
  readonly panel: ReadonlyArray<{ readonly name: string; readonly role: string }>;
  readonly files: ReadonlyArray<{ readonly id: string; readonly name: string; readonly size: number }>;
}

const ROLE_WORDS: Record<string, string> = { expert: '专家', agency: '第三方机构', bureau: '财政部门', self: '部门自评' };
const STATUS_WORDS: Record<string, string> = { missing: '缺失', received: '已收', accepted: '已通过', rejected: '已驳回' };
const METHOD_WORDS: Record<string, string> = { mean: '各评分人评分的算术平均', 'trimmed-mean': '去掉最高分和最低分后的算术平均', 'weighted-mean': '按评分人权重的加权平均' };
const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numbered = (i: number) => `（${CHINESE_NUMBERS[i] ?? String(i + 1)}）`;

/** The report of an assessment. */
export function assessmentReport(a: Assessment, context: ReportContext): ReportModel {
  const exAnte = isExAnte(a.purpose);
  const word = exAnte ? '评估' : '评价';
  const blocks: ReportBlock[] = [];
  const h = (level: 1 | 2 | 3, text: string) => blocks.push({ type: 'heading', level, text });
  const p = (text: string) => {
    if (text.trim()) blocks.push({ type: 'paragraph', text: text.trim() });
  };
  const table = (columns: string[], widths: number[], rows: string[][]) => blocks.push({ type: 'table', columns, widths, rows });
  const result = a.result;
  const byId = new Map((result?.criteria ?? []).map((c) => [c.id, c]));
  const panel = a.scorers.filter((s) => s.role !== 'self');
  const under = (rootId: string): CriterionResult[] => {
    const out: CriterionResult[] = [];
    const walk = (id: string) => {
      for (const c of result?.criteria ?? []) {
        if (c.parent !== id) continue;
        out.push(c);
        walk(c.id);
      }
    };
    walk(rootId);
    return out;
  };
  const findingsOf = (rootId: string | null): AssessmentFinding[] => {
    if (rootId === null) return a.findings.filter((f) => f.criterion === null || !byId.has(f.criterion));
    const ids = new Set([rootId, ...under(rootId).map((c) => c.id)]);
    return a.findings.filter((f) => f.criterion !== null && ids.has(f.criterion));
  };
  const writeFindings = (list: AssessmentFinding[]) => {
    list.forEach((f, i) => {
      const criterion = f.criterion ? byId.get(f.criterion)?.name : null;
      h(3, `${i + 1}. ${criterion ? `${criterion}：` : ''}${f.problem || f.conclusion || '情况'}`);
      p(`事实依据：${f.fact || '—'}`);
      p(`发现的问题：${f.problem || '未发现明显问题'}`);
      p(`分析判断：${f.analysis || '—'}`);
      p(`结论：${f.conclusion || '—'}`);
    });
  };
  const scoreTables = () => {
    h(2, `${numbered(0)}${word}得分`);
    p(result?.total ? `${word}总分 ${result.total} 分，等级「${result.grade ?? ''}」。${a.purpose === 'sampling-review' && result.sampling ? '' : `总分为各一级指标得分之和；各项得分为${METHOD_WORDS[a.aggregation.method] ?? a.aggregation.method}，保留两位小数。`}` : `${word}尚未完成评分。`);
    table(['一级指标', '分值', '得分', '得分率'], [40, 12, 12, 12], [...(result?.levels ?? []).map((l) => [l.name, l.weight, l.score ?? '—', l.score ? `${percent(l.score, l.weight)}%` : '—']), ['合计', a.purpose === 'sampling-review' ? '100.00' : '100.00', result?.total ?? '—', result?.grade ?? '']]);
    if (a.purpose === 'sampling-review' && result?.sampling) {
      const s = result.sampling;
      p(`最终得分 = 自评质量 ${s.quality ?? '—'} × ${s.blend.quality} + 指标复核 ${s.rescore ?? '—'} × ${s.blend.rescore} = ${result.total ?? '—'} 分。`);
      table(['项目', '部门自评', '抽评复核', '差异'], [30, 16, 16, 16], [['得分', s.self.score ?? '—', result.total ?? '—', s.difference ?? '—'], ['等级', s.self.grade ?? '—', result.grade ?? '—', s.self.grade && result.grade && s.self.grade !== result.grade ? '等级变化' : '']]);
    }
    const visible = (result?.scorers ?? []).filter((s) => s.total !== null || s.levels.some((l) => l.score !== null));
    if (visible.length > 0) {
      h(2, `${numbered(1)}各评分人评分`);
      const levels = result?.levels ?? [];
      table(['评分人', ...levels.map((l) => l.name), '总分'], [22, ...levels.map(() => 12), 12], visible.map((s) => [`${s.name}（${ROLE_WORDS[s.role] ?? s.role}）`, ...levels.map((l) => s.levels.find((x) => x.id === l.id)?.score ?? '—'), s.total ?? '—']));
      const flagged = visible.filter((s) => s.flagged);
      if (flagged.length > 0) p(`评分偏离：${flagged.map((s) => `${s.name}的总分与评分中位数相差 ${s.deviation ?? ''} 分`).join('；')}，已经复核。`);
    }
  };
  const dimensions = () => {
    (result?.levels ?? []).forEach((level, i) => {
      h(2, `${numbered(i)}${level.name}（分值 ${level.weight}，得分 ${level.score ?? '—'}）`);
      const rows = under(level.id).map((c) => [`${'　'.repeat(Math.max(0, c.level - 2))}${c.name}`, c.weight, c.self ?? '', c.score ?? '—', c.spread ?? '', standardText(criterionStandard(a, c.id))]);
      if (rows.length > 0) table(['指标', '分值', '自评分', '得分', '评分差', '评分标准'], [28, 8, 8, 8, 8, 40], rows);
      const list = findingsOf(level.id);
      if (list.length > 0) writeFindings(list);
      else p(`${level.name}方面未发现明显问题。`);
    });
    const general = findingsOf(null);
    if (general.length > 0) {
      h(2, `${numbered((result?.levels ?? []).length)}其他情况`);
      writeFindings(general);
    }
  };
  const advice = () => {
    const tied = a.findings.filter((f) => (f.advice ?? '').trim() !== '');
    tied.forEach((f, i) => p(`${numbered(i)}针对“${f.problem || f.conclusion}”：${f.advice ?? ''}`));
    if (a.conclusion.advice.trim()) p(`${numbered(tied.length)}${a.conclusion.advice}`);
    if (tied.length === 0 && !a.conclusion.advice.trim()) p('无。');
  };
  const annexes = (start: number) => {
    h(1, `${CHINESE_NUMBERS[start] ?? ''}、附件`);
    h(2, `附件1：${exAnte ? '专家组及工作组情况表' : '评价组成员名单'}`);
    table(['序号', '姓名', '身份'], [8, 40, 20], (context.panel.length > 0 ? context.panel : panel.map((s) => ({ name: s.name, role: s.role }))).map((m, i) => [String(i + 1), m.name, ROLE_WORDS[m.role] ?? m.role]));
    h(2, '附件2：评分明细表');
    const leaves = (result?.criteria ?? []).filter((c) => c.leaf);
    const shown = panel.filter((s) => leaves.some((c) => c.scores.some((x) => x.scorer === s.id)));
    table(['指标', '分值', ...shown.map((s) => s.name), '得分'], [30, 8, ...shown.map(() => 10), 8], leaves.map((c) => [c.name, c.weight, ...shown.map((s) => c.scores.find((x) => x.scorer === s.id)?.score ?? '—'), c.score ?? '—']));
    h(2, '附件3：佐证材料清单');
    const files = new Map(context.files.map((f) => [f.id, f]));
    table(['序号', '材料名称', '对应指标', '状态', '文件'], [8, 36, 24, 10, 30], a.evidence.map((e, i) => [String(i + 1), e.name, e.criterion ? (byId.get(e.criterion)?.name ?? e.criterion) : '整体', STATUS_WORDS[e.status] ?? e.status, e.file ? (files.get(e.file)?.name ?? '已上传') : '']));
  };
  const basics = () => {
    p(`${a.subject.name}${a.subject.department ? `，${a.subject.kind === 'policy' ? '制定部门' : '实施单位'}为${a.subject.department}` : ''}${a.subject.amount ? `，${exAnte ? '申请' : ''}资金 ${a.subject.amount} 万元` : ''}。`);
    p(a.subject.description ?? '');
  };
  const method = () => {
    p(`${word}依据「${a.template.name}」（第 ${a.template.version} 版）开展，指标体系共 ${(result?.levels ?? []).length} 个一级指标、${(result?.criteria ?? []).filter((c) => c.leaf).length} 项末级指标。`);
    p(`评分人 ${panel.length} 名（${[...new Set(panel.map((s) => ROLE_WORDS[s.role] ?? s.role))].join('、') || '—'}），独立评分并说明理由；各项得分为${METHOD_WORDS[a.aggregation.method] ?? a.aggregation.method}${a.aggregation.method === 'trimmed-mean' ? `（去掉最高、最低各 ${a.aggregation.drop} 个）` : ''}。`);
    const data = Object.entries(a.data).filter(([, v]) => v.value !== null);
    if (data.length > 0) p(`按数据计算的指标：${data.map(([k, v]) => `${MEASURES[k]?.zh ?? k} ${v.value}%（${v.source}）`).join('；')}。`);
    p(`程序：确定${word}对象和指标体系 → 收集佐证材料 → 评分人独立评分 → 汇总评分、形成${word}结论 → 出具报告。`);
  };

  if (exAnte) {
    h(1, '一、评估对象基本情况');
    basics();
    h(1, '二、评估工作开展情况');
    p(`评估目的：对${a.subject.name}的${a.purpose === 'ex-ante-policy' ? '政策设立必要性、保障充分性、目标合理性、实施可持续性和资金合规性' : '立项必要性、投入经济性、绩效目标合理性、实施方案可行性和筹资合规性'}进行评估，为预算安排提供依据。`);
    method();
    h(1, '三、综合评估情况与评估结论');
    scoreTables();
    dimensions();
    h(2, `${numbered((result?.levels ?? []).length + 2)}评估结论`);
    const decision = a.conclusion.decision ? DECISION_NAMES[a.conclusion.decision].zh : '尚未作出结论';
    p(`评估结论：${decision}。${a.conclusion.supported ? `建议安排资金 ${a.conclusion.supported} 万元` : ''}${a.conclusion.cut && a.conclusion.cut !== '0.00' ? `，核减 ${a.conclusion.cut} 万元` : ''}${a.conclusion.supported || a.conclusion.cut ? '。' : ''}`);
    h(1, '四、相关建议');
    advice();
    h(1, '五、其他说明');
    p(`本报告由 Jixiao 根据${word}记录生成，评分明细见附件。`);
    annexes(5);
  } else {
    h(1, '一、基本情况');
    basics();
    h(1, '二、评价工作开展情况');
    p(`评价目的：${PURPOSE_NAMES[a.purpose].zh}，了解资金使用的经济性、效率性、效益性和公平性，为改进管理和预算安排提供依据。`);
    method();
    h(1, '三、综合评价情况及评价结论');
    scoreTables();
    p(`评价结论：${a.conclusion.grade ?? result?.grade ?? '—'}。`);
    h(1, '四、绩效评价指标分析');
    dimensions();
    h(1, '五、主要经验、问题及原因');
    const problems = a.findings.filter((f) => f.problem.trim());
    if (problems.length === 0) p('未发现明显问题。');
    problems.forEach((f, i) => p(`${numbered(i)}${f.problem}${f.analysis ? `原因：${f.analysis}` : ''}`));
    h(1, '六、有关建议');
    advice();
    h(1, '七、其他需要说明的问题');
    p(`本报告由 Jixiao 根据${word}记录生成，评分明细见附件。`);
    annexes(7);
  }
  return {
    title: a.title,
    cover: [
      [a.subject.kind === 'policy' ? '政策名称' : '项目名称', a.subject.name],
      ['单位名称', a.subject.department ?? ''],
      ['主管部门', a.subject.department ?? ''],
      [exAnte ? '评估机构' : '评价机构', context.organisation],
      [exAnte ? '评估日期' : '评价日期', context.date],
    ],
    blocks,
  };
}

function criterionStandard(a: Assessment, id: string) {
  return a.template.criteria.find((c) => c.id === id)?.standard ?? { type: 'judgement' as const, text: '' };
}

/** score ÷ weight × 100, two places, exact. */
function percent(score: string, weight: string): string {
  const s = ratioOf(score);
  const w = ratioOf(weight);
  const share = s && w ? divide(s, w) : null;
  return share ? toFixed2(times(share, ratio(100n))) : '—';
}
