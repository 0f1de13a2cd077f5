/**
 * One entry for the text of any published document of the yearly cycle: a target form (department
 * or project), a self-evaluation table, or a refusal naming what it is (a blank template, an
 * assessment sheet, a monitoring form, no form at all). Pure, like every importer.
 */
import type { TargetDocument } from '../core/document.ts';
import type { SelfEvaluation } from '../core/selfEvaluation.ts';
import { looksLikeSelfEvaluation, readSelfEvaluationText } from './evaluation/readSelfEvaluation.ts';
import { importFormText, type ImportProblem } from './text/importFormText.ts';
import type { DepartmentTargetTextOptions } from './text/departmentTargetText.ts';

export type PublishedRead =
  | { ok: true; kind: 'target'; documents: TargetDocument[] }
  | { ok: true; kind: 'self-evaluation'; evaluation: SelfEvaluation; simplified: boolean }
  | ({ ok: false } & ImportProblem);

/** Reads the text of a published document as whatever kind it is. Never throws. */
export function readPublishedText(text: string, options: DepartmentTargetTextOptions = {}): PublishedRead {
  const outcome = importFormText(text, options);
  if (outcome.ok) return { ok: true, kind: 'target', documents: outcome.documents.map((d) => d.document) };
  if ((outcome.problem === 'wrong-kind' && outcome.kind === 'self-evaluation') || (outcome.problem === 'unrecognised' && looksLikeSelfEvaluation(text))) {
    const read = readSelfEvaluationText(text);
    if (read.ok) return { ok: true, kind: 'self-evaluation', evaluation: read.evaluation, simplified: read.simplified };
    if (read.kind) return { ok: false, problem: read.kind === 'template' ? 'template' : 'wrong-kind', kind: read.kind, message: read.message, evidence: read.evidence ?? [] };
    // A narrative report (绩效自评报告) names itself; its scores, if any, are in a table it does not hold.
    const message = /自评报告/.test(text.slice(0, 5000))
      ? { zh: '这是一份绩效自评报告（文字说明），文本中没有带分值和得分的指标表', en: 'this is a narrative self-evaluation report (绩效自评报告): it holds no table of indicators with points and scores' }
      : read.message;
    return { ok: false, problem: 'wrong-kind', kind: 'self-evaluation', message, evidence: outcome.evidence };
  }
  return outcome;
}
