/**
 * Who may change and who may read what of an assessment (pure):
 *
 * - a scorer assigned in Jixiao (an expert, an agency) changes only their own scores — and an agency
 *   its own findings; they read their own scores, the department's self-score, the figures and the
 *   evidence, never another scorer's scores or work; the panel's aggregate once it is concluded;
 * - the subject's department changes only its self-score (role `self`); until the bureau concludes it
 *   reads neither the panel's scores nor the findings and conclusion, once concluded the conclusion and
 *   the aggregates, and every scorer's scores only when the bureau releases them;
 * - the bureau's reviewers change everything else (never an assigned scorer's scores), and read all;
 *   the template is fixed once anyone has scored.
 */
import type { Assessment, AssessmentResult } from '../../core/assessment/assessment.ts';
import { validateAssessment } from '../../core/assessment/scoring.ts';
import type { Viewer } from '../kindDefinition.ts';
import type { Refusal } from '../workflow.ts';

/** States in which the bureau has concluded. */
export const DECIDED_STATES: ReadonlySet<string> = new Set(['concluded', 'released']);

const hasPanelScores = (a: Assessment): boolean => {
  const self = new Set(a.scorers.filter((s) => s.role === 'self').map((s) => s.id));
  return a.scores.some((s) => !self.has(s.scorer));
};

/** The template an edit is checked against: the stored one once anyone has scored. */
function templateInForce(incoming: Assessment, stored: Assessment): Assessment['template'] {
  return hasPanelScores(stored) ? stored.template : incoming.template;
}

/** What the saving person may change, the rest taken from the stored version. */
export function lockAssessment(incoming: Assessment, stored: Assessment, viewer: Viewer): Assessment {
  const assigned = viewer.assignees ?? new Set<string>();
  if (viewer.parties.has('oversight')) {
    // Scores of a scorer who scores in Jixiao are theirs: the bureau keeps them as they are.
    const theirs = (scorer: string) => assigned.has(scorer) && scorer !== viewer.userId;
    return { ...incoming, template: templateInForce(incoming, stored), scores: [...stored.scores.filter((s) => theirs(s.scorer)), ...incoming.scores.filter((s) => !theirs(s.scorer))] };
  }
  let scorers = stored.scorers;
  let scores = stored.scores;
  let findings = stored.findings;
  if (viewer.parties.has('assignee') && viewer.userId !== null) {
    const me = viewer.userId;
    scores = [...scores.filter((s) => s.scorer !== me), ...incoming.scores.filter((s) => s.scorer === me)];
    if (!scorers.some((s) => s.id === me)) {
      const listed = incoming.scorers.find((s) => s.id === me && s.role !== 'self');
      if (listed) scorers = [...scorers, listed];
    }
    if (viewer.role === 'agency') findings = [...findings.filter((f) => f.by !== me), ...incoming.findings.filter((f) => f.by === me)];
  }
  if (viewer.parties.has('department')) {
    const self = new Set(stored.scorers.filter((s) => s.role === 'self').map((s) => s.id));
    scores = [...scores.filter((s) => !self.has(s.scorer)), ...incoming.scores.filter((s) => self.has(s.scorer))];
  }
  return { ...stored, scorers, scores, findings };
}

/** Scores that break the sheet in force are refused, naming the criterion (the template may not change once scored). */
export function refuseAssessmentEdit(incoming: Assessment, stored: Assessment): Refusal | null {
  const problems = validateAssessment({ ...incoming, template: templateInForce(incoming, stored), scorers: [...stored.scorers, ...incoming.scorers.filter((s) => !stored.scorers.some((t) => t.id === s.id))] }).filter((p) => p.path.startsWith('scores.'));
  if (problems.length === 0) return null;
  const first = problems[0] as (typeof problems)[number];
  return { status: 400, code: 'validation-failed', message: first.message, fields: problems.slice(0, 20).map((p) => ({ field: `content.${p.path}`, message: p.message.en })) };
}

/** The result without the panel's individual scores (and, before a conclusion, without its aggregates). */
function panelHidden(result: AssessmentResult | null, keep: (scorer: string) => boolean, decided: boolean): AssessmentResult | null {
  if (result === null) return null;
  return {
    criteria: result.criteria.map((c) => ({ ...c, score: decided || c.source === 'data' ? c.score : null, band: decided ? c.band : null, scores: c.scores.filter((s) => keep(s.scorer)), min: null, max: null, spread: null, outliers: [] })),
    levels: result.levels.map((l) => (decided ? l : { ...l, score: null })),
    scorers: result.scorers.filter((s) => keep(s.id)).map((s) => ({ ...s, deviation: null, flagged: false })),
    total: decided ? result.total : null,
    grade: decided ? result.grade : null,
    complete: decided ? result.complete : false,
    suggestedDecision: decided ? result.suggestedDecision : null,
    sampling: result.sampling === null ? null : decided ? { ...result.sampling } : { ...result.sampling, quality: null, rescore: null, difference: null },
  };
}

/** What this reader may see of the assessment now. */
export function redactAssessment(content: Assessment, viewer: Viewer, state: string): Assessment {
  if (viewer.parties.has('oversight') || viewer.role === 'admin') return content;
  const decided = DECIDED_STATES.has(state);
  const department = viewer.parties.has('department');
  if (department && state === 'released') return content;
  const self = new Set(content.scorers.filter((s) => s.role === 'self').map((s) => s.id));
  const me = viewer.parties.has('assignee') ? viewer.userId : null;
  const keep = (scorer: string) => self.has(scorer) || (me !== null && scorer === me);
  const findings = decided ? content.findings.filter((f) => f.by === undefined || f.by === null || keep(f.by) || department) : me !== null ? content.findings.filter((f) => f.by === undefined || f.by === null || f.by === me) : [];
  return {
    ...content,
    scores: content.scores.filter((s) => keep(s.scorer)),
    findings,
    conclusion: decided || me !== null ? content.conclusion : { grade: null, decision: null, supported: null, cut: null, advice: '' },
    result: panelHidden(content.result, keep, decided),
  };
}
