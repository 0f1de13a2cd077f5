// What one published document yields, for the corpus report (scripts/corpus.ts): the kind found,
// the fields and rows read, the share of its Han characters accounted for, and a self-evaluation's
// printed total beside the sum of its printed rows and the computed total.
import { checkSelfEvaluation } from '../src/core/evaluation/evaluationRules.ts';
import type { TargetDocument } from '../src/core/document.ts';
import type { SelfEvaluation } from '../src/core/selfEvaluation.ts';
import { readPublishedText } from '../src/import/readPublished.ts';

export interface CorpusMeasure {
  readonly file: string;
  readonly declared: string;
  readonly kind: string;
  readonly fields: string;
  /** Percent of Han characters in a field or a recognised label; null when nothing was imported. */
  readonly share: string | null;
  readonly totals: string | null;
}

const HAN = /\p{Script=Han}/gu;
const hanCount = (text: string) => text.match(HAN)?.length ?? 0;

function shareOf(body: string, unparsed: readonly { text: string }[]): string {
  const all = hanCount(body);
  if (all === 0) return '100.0%';
  const lost = unparsed.reduce((n, u) => n + hanCount(u.text), 0);
  return `${((100 * (all - lost)) / all).toFixed(1)}%`;
}

function targetFields(d: TargetDocument): string {
  const head = [d.year === null ? 'year —' : `year ${d.year}`, d.department === null ? 'dept —' : 'dept ✓'];
  if (d.kind === 'project-target') {
    const p = d.project;
    const set = [p.name, p.code, p.category, p.nature, p.period.text, p.basis, p.content, d.implementer].filter((v) => v !== null && v !== '').length;
    return [...head, `name ${p.name === null ? '—' : '✓'}`, `header ${set}`, `funds ${d.funds.total ?? '—'} (${d.funds.items.length} items)`, `${d.indicators.length} indicators`].join(', ');
  }
  const b = d.budget;
  const amounts = [b.total, b.basic, b.project, b.income.fiscal, b.income.other, b.developmental.specialFiscal, b.developmental.other, b.byLevel.ownLevel, b.byLevel.transferDown].filter((v) => v !== null).length;
  return [...head, `budget ${amounts}`, `${d.projects.length} projects`, `${d.goals.length} goals`, `${d.indicators.length} indicators`].join(', ');
}

function rowsSum(e: SelfEvaluation): string {
  if (e.funds.score === null && e.indicators.every((i) => i.score === null)) return '—';
  let cents = 0n;
  const add = (s: string | null) => {
    if (s === null) return;
    const [whole = '0', frac = ''] = s.split('.');
    cents += BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
  };
  add(e.funds.score);
  for (const i of e.indicators) add(i.score);
  return `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
}

function evaluationMeasure(e: SelfEvaluation): { fields: string; totals: string } {
  const { score, findings } = checkSelfEvaluation(e);
  const printed = e.indicators.filter((i) => i.score !== null).length;
  const fields = [
    e.year === null ? 'year —' : `year ${e.year}`,
    `project ${e.projectName === null ? '—' : '✓'}`,
    `funds ${e.funds.annualBudget ?? e.funds.initialBudget ?? '—'}/${e.funds.executed ?? '—'} score ${e.funds.score ?? '—'}`,
    `${e.indicators.length} indicators (${printed} scored)`,
    `grade ${e.grade ?? '—'}`,
    `${findings.filter((f) => f.severity === 'error').length} errors`,
  ].join(', ');
  return { fields, totals: `${e.total ?? '—'} / ${rowsSum(e)} / ${score.total ?? '—'}` };
}

/** Reads one document's text and measures what came of it. */
export async function measureDocument(file: string, body: string, declared: string): Promise<CorpusMeasure> {
  try {
    const read = readPublishedText(body);
    if (read.ok && read.kind === 'self-evaluation') {
      const { fields, totals } = evaluationMeasure(read.evaluation);
      return { file, declared, kind: 'self-evaluation', fields, share: shareOf(body, read.evaluation.unparsed), totals };
    }
    if (read.ok && read.kind === 'target') {
      const kinds = [...new Set(read.documents.map((d) => d.kind))].join('+');
      const fields = read.documents.map(targetFields).join(' ‖ ');
      return { file, declared, kind: `${kinds}${read.documents.length > 1 ? ` ×${read.documents.length}` : ''}`, fields, share: shareOf(body, read.documents.flatMap((d) => d.unparsed)), totals: null };
    }
    if (!read.ok) return { file, declared, kind: `refused: ${read.problem}${read.kind ? ` (${read.kind})` : ''}`, fields: read.message.en.slice(0, 90), share: null, totals: null };
    return { file, declared, kind: 'unknown', fields: '', share: null, totals: null };
  } catch (error) {
    return { file, declared, kind: 'CRASH', fields: error instanceof Error ? error.message : String(error), share: null, totals: null };
  }
}
