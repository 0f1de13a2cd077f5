/**
 * Assessments (issue 25): scoring 10,000 assessments of 30 criteria × 5 scorers on one core (a
 * province's year rescored in seconds), against parsing their scores alone in the same run; and a
 * 20-page report written as PDF and .docx, against the official form of the seed in the same run.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { emptyConclusion, type Assessment, type Criterion } from '../src/core/assessment/assessment.ts';
import { formatCents, parseCents } from '../src/core/assessment/decimal.ts';
import { scoreAssessment } from '../src/core/assessment/scoring.ts';
import { FOUR_BANDS } from '../src/core/assessment/templates.ts';
import { importFormText } from '../src/import/text/importFormText.ts';
import { assessmentReport } from '../src/kinds/assessment/report.ts';
import { officialLayout } from '../src/layout/officialLayout.ts';
import { writeLayoutsPdf } from '../src/writers/pdfWriter.ts';
import { writeReportDocx, writeReportPdf } from '../src/writers/reportWriters.ts';
import { compare, formatRate, median } from './harness.ts';

const ASSESSMENTS = 10_000;
const SCORERS = 5;

/** An assessment of 6 first-level criteria × 5 (30 scored), 5 scorers, scores varied by its index. */
export function benchAssessment(i: number, findings = 0): Assessment {
  const criteria: Criterion[] = [];
  const roots = ['决策', '过程', '产出', '效益', '管理', '满意度'];
  const rootWeights = ['15', '20', '25', '20', '10', '10'];
  roots.forEach((name, r) => {
    const weight = parseCents(rootWeights[r] as string) as bigint;
    criteria.push({ id: `${r + 1}`, parent: null, name, weight: formatCents(weight), guidance: '', standard: { type: 'judgement', text: '' } });
    for (let k = 0; k < 5; k++) criteria.push({ id: `${r + 1}.${k + 1}`, parent: `${r + 1}`, name: `${name}指标${k + 1}：按评分要点逐项核实佐证材料并评分`, weight: formatCents(weight / 5n), guidance: '按评分要点评分', standard: k % 2 === 0 ? FOUR_BANDS : { type: 'judgement', text: '按完成情况评分' } });
  });
  const scorers = Array.from({ length: SCORERS }, (_, s) => ({ id: `s${s}`, name: `评审专家${s + 1}`, role: s === 4 ? ('agency' as const) : ('expert' as const), weight: null }));
  const scores = scorers.flatMap((s, k) =>
    criteria
      .filter((c) => c.parent !== null)
      .map((c, j) => {
        const weight = parseCents(c.weight) as bigint;
        const share = BigInt(60 + ((i * 7 + j * 13 + k * 29) % 41));
        return { scorer: s.id, criterion: c.id, score: formatCents((weight * share) / 100n), reason: '' };
      }),
  );
  const text = '经查阅项目申报材料、预算明细、合同及验收文件，并现场核实资金使用情况，发现部分支出的依据不够充分，执行进度前慢后快，绩效目标的完成情况与年初设定存在差距。';
  return {
    kind: 'assessment',
    schemaVersion: 1,
    title: `2025年重点绩效评价 ${i}`,
    year: 2025,
    purpose: 'key-evaluation',
    subject: { kind: 'policy', id: null, name: '重点民生项目', department: '示例局', amount: '1200.00', description: text.repeat(3) },
    template: { name: '重点评价', version: 1, criteria },
    scorers,
    scores,
    aggregation: { method: i % 2 === 0 ? 'mean' : 'trimmed-mean', drop: 1 },
    evidence: Array.from({ length: findings * 2 }, (_, k) => ({ criterion: `${(k % 6) + 1}.1`, name: `佐证材料${k + 1}（合同、验收文件、支付凭证）`, status: k % 5 === 0 ? 'missing' : 'accepted', file: null })),
    findings: Array.from({ length: findings }, (_, k) => ({ criterion: `${(k % 6) + 1}.${(k % 5) + 1}`, fact: text, problem: `问题${k + 1}：${text.slice(0, 30)}`, analysis: text, conclusion: text.slice(0, 40), advice: `建议${k + 1}：完善制度，加强过程管理，按季度监控执行进度。` })),
    conclusion: { ...emptyConclusion(), advice: text },
    data: {},
    blend: null,
    result: null,
  };
}

export function assessmentBench(): { markdown: string; ok: boolean } {
  const all = Array.from({ length: ASSESSMENTS }, (_, i) => benchAssessment(i));
  let sink = 0;
  let at = 0;
  const baseline = (): void => {
    const a = all[at++ % all.length] as Assessment;
    for (const s of a.scores) sink += Number((parseCents(s.score) ?? 0n) & 1n);
  };
  const scoring = (): void => {
    sink += scoreAssessment(all[at++ % all.length] as Assessment).criteria.length;
  };
  const measured = compare(scoring, baseline);
  // The whole province's year in one go.
  const start = performance.now();
  for (const a of all) sink += scoreAssessment(a).levels.length;
  const whole = performance.now() - start;
  if (sink < 0) throw new Error('unreachable');
  const ok = measured.subject.opsPerSecond >= 2_000;
  const markdown = [
    `${ASSESSMENTS.toLocaleString('en-US')} generated assessments of 30 scored criteria (6 first-level) × ${SCORERS} scorers, half by mean and half by trimmed mean, banded and judged criteria. Median of 5 alternating rounds of 0.4 s, one core.`,
    '',
    '| work | assessments/s | baseline: parse the 150 scores (assessments/s) | relative |',
    '| --- | ---: | ---: | ---: |',
    `| \`scoreAssessment\` (aggregates, bands, levels, total, grade, each scorer's totals and deviation, outliers) | ${formatRate(measured.subject.opsPerSecond)} | ${formatRate(measured.baseline.opsPerSecond)} | ${(measured.baseline.opsPerSecond / measured.subject.opsPerSecond).toFixed(1)}× |`,
    '',
    `All ${ASSESSMENTS.toLocaleString('en-US')} scored once in a row: ${(whole / 1000).toFixed(2)} s.`,
    '',
    `Goal: ≥ 2,000 assessments/s on one core — **${ok ? 'met' : 'NOT met'}**. (Load average of the shared machine during the run: ${loadavg()[0]?.toFixed(1) ?? '?'}.)`,
  ].join('\n');
  return { markdown, ok };
}

const countPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

export async function assessmentReportBench(): Promise<{ markdown: string; ok: boolean }> {
  const a = benchAssessment(1, 40);
  a.result = scoreAssessment(a);
  const model = assessmentReport(a, { organisation: '示例区财政局', date: '2025-06-30', panel: a.scorers.map((s) => ({ name: s.name, role: s.role })), files: [] });
  const seedText = readFileSync(new URL('../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url), 'utf8');
  const seed = importFormText(seedText, { year: 2025 });
  if (!seed.ok) throw new Error('the seed does not import');
  const layout = officialLayout(seed.declaration);
  const time = async (fn: () => Promise<unknown>, runs: number): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fn();
      out.push(performance.now() - t0);
    }
    return out;
  };
  // Warm-up: the font parsed, the layout cache filled.
  const pdf = await writeReportPdf(model);
  await writeReportDocx(model);
  await writeLayoutsPdf([layout]);
  const pages = countPages(pdf);
  const formPages = countPages(await writeLayoutsPdf([layout]));
  const report: number[] = [];
  const docx: number[] = [];
  const form: number[] = [];
  for (let round = 0; round < 5; round++) {
    form.push(...(await time(() => writeLayoutsPdf([layout]), 2)));
    report.push(...(await time(() => writeReportPdf(model), 2)));
    docx.push(...(await time(() => writeReportDocx(model), 2)));
  }
  const ok = median(report) < 300 && pages >= 20;
  const markdown = [
    `A key evaluation's report of ${pages} pages (30 criteria × 5 scorers, 40 findings each with fact, problem, analysis, conclusion and advice, 80 evidence items), made from its model; median of 10 runs after a warm-up, alternating with the baseline.`,
    '',
    '| work | median ms | pages |',
    '| --- | ---: | ---: |',
    `| report as PDF (\`writeReportPdf\`, Noto Sans SC subset embedded) | ${median(report).toFixed(0)} | ${pages} |`,
    `| report as Word (\`writeReportDocx\`) | ${median(docx).toFixed(0)} | — |`,
    `| baseline: the seed's official form as PDF (\`writeLayoutsPdf\`) | ${median(form).toFixed(0)} | ${formPages} |`,
    '',
    `Goal: a 20-page report in < 300 ms — **${ok ? 'met' : 'NOT met'}**. (Load average of the shared machine during the run: ${loadavg()[0]?.toFixed(1) ?? '?'}.)`,
  ].join('\n');
  return { markdown, ok };
}
