/**
 * The demo's family of documents: a project form for each of the seed's 14 key projects (made from
 * its row, with the department form's indicators that belong to it and the indicators every project
 * has), in every state of the cycle, and a published 2024 year before it — so that the links, the
 * indicator library and "copy from last year" have something to show.
 */
import type { Transaction } from 'kysely';
import type { DepartmentTargetDeclaration, Project } from '../core/declaration.ts';
import type { Actor } from '../core/policy.ts';
import { projectIndicator, type ProjectIndicator, type ProjectTargetDeclaration } from '../core/projectTarget.ts';
import { wordingPairs } from '../core/rules/coverage.ts';
import type { TransitionRequest } from '../core/workflow.ts';
import type { Database } from '../store/schema.ts';
import { createDeclaration, transitionDeclaration, updateDeclaration } from './services/declarations.ts';

/** Who does what in the demo. */
export interface DemoActors {
  readonly editor: Actor;
  readonly approver: Actor;
  readonly reviewer: Actor;
}

/** The department form's indicators that share the most wording with a project's name and content. */
function indicatorsFor(department: DepartmentTargetDeclaration, project: Project): ProjectIndicator[] {
  const pairs = wordingPairs(`${project.name}${project.content}${project.expectedOutcome}`);
  return department.indicators
    .filter((indicator) => [...wordingPairs(indicator.name)].filter((p) => pairs.has(p)).length >= 2)
    .map((indicator) => projectIndicator(indicator.level1, indicator.level2, indicator.name, indicator.annualTarget));
}

/** A project form for a row: its matching indicators, and the common ones with the row's own amount. */
export function demoProjectForm(department: DepartmentTargetDeclaration, project: Project, year: number, lowered = false): ProjectTargetDeclaration {
  const own = indicatorsFor(department, project);
  const common = [
    projectIndicator('产出指标', '质量指标', '年度工作任务完成率', lowered ? '≥95%' : '=100%'),
    projectIndicator('产出指标', '时效指标', '项目完成时间', `${year}年12月31日前`),
    projectIndicator('成本指标', '经济成本指标', '项目成本控制', `≤${project.amount ?? '0'}万元`),
    projectIndicator('效益指标', '社会效益指标', '服务对象投诉次数', '≤1次'),
    projectIndicator('满意度指标', '服务对象满意度指标', '服务对象满意度', lowered ? '≥85%' : '≥90%'),
  ];
  const sentences = project.expectedOutcome.split(/(?<=[。；])/).map((s) => s.trim()).filter(Boolean);
  return {
    schemaVersion: 1,
    kind: 'project-target',
    title: '项目支出绩效目标申报表',
    year,
    department: department.department,
    implementer: department.department,
    unit: '万元',
    project: { name: project.name, code: null, category: '其他运转类', nature: year > 2024 ? '延续项目' : '新增项目', period: { start: `${year}-01`, end: `${year}-12`, text: `${year}年1月-${year}年12月` }, basis: null, content: project.content || null },
    funds: { total: project.amount, fiscal: project.amount, other: '0.00', items: [{ label: '本年财政拨款', amount: project.amount }, { label: '其他资金', amount: '0.00' }] },
    periodGoal: sentences[0] ?? project.name,
    annualGoal: sentences.length > 1 ? sentences.slice(0, 3) : (sentences[0] ?? project.name),
    indicators: [...own.filter((i) => i.level1 === '产出指标'), ...common.slice(0, 3), ...own.filter((i) => i.level1 !== '产出指标'), ...common.slice(3)],
    emptyLevel2: [],
    extra: [],
    unparsed: [],
  };
}

/** Takes a form through workflow steps: the approver submits and publishes, the reviewer reviews. */
export async function move(trx: Transaction<Database>, actors: DemoActors, id: string, steps: readonly TransitionRequest[]): Promise<void> {
  for (const step of steps) {
    const actor = step.action === 'review' ? actors.reviewer : actors.approver;
    await transitionDeclaration(trx, actor, id, step);
  }
}

export const APPROVE: TransitionRequest[] = [{ action: 'submit' }, { action: 'review', grade: '良' }];
export const PUBLISH: TransitionRequest[] = [...APPROVE, { action: 'publish' }];

/** Where each of the 14 demo projects stands (by row): the cycle in all its states. */
const STATES: ReadonlyArray<readonly TransitionRequest[]> = [
  PUBLISH,
  // Row 2 stays a draft for its department to fill in (the walk-through in e2e/projectForms.test.ts).
  [],
  PUBLISH,
  APPROVE,
  APPROVE,
  [{ action: 'submit' }],
  [{ action: 'submit' }],
  [{ action: 'submit' }, { action: 'review', grade: '中', reason: '请补充可量化的效益指标，并核对成本指标与项目金额。' }],
];

/** Adds the 2024 year (published, with the first five projects' forms) and the 2025 project forms. */
export async function seedDemoFamily(trx: Transaction<Database>, actors: DemoActors, departmentId: string, seed: DepartmentTargetDeclaration): Promise<void> {
  // 2024: last year's department form and some project forms, published, with somewhat lower targets.
  const lastYear: DepartmentTargetDeclaration = { ...structuredClone(seed), year: 2024, title: '2024年部门整体预算绩效目标申报表', projects: seed.projects.slice(0, 12) };
  const lastId = await createDeclaration(trx, actors.editor, { departmentId, year: 2024, source: { kind: 'content', content: lastYear, note: '演示数据：上年度 (demo: last year)' } });
  await move(trx, actors, lastId, PUBLISH);
  for (const project of seed.projects.slice(0, 5)) {
    const id = await createDeclaration(trx, actors.editor, { departmentId, year: 2024, source: { kind: 'content', content: demoProjectForm(lastYear, project, 2024, true), note: '演示数据：上年度项目 (demo: last year’s project)' } });
    await move(trx, actors, id, PUBLISH);
  }
  // 2025: a project form for each row of the seed's department form, made as a user would, from its row.
  const department = await trx.selectFrom('documents').select('id').where('department_id', '=', departmentId).where('year', '=', 2025).where('kind', '=', 'department-target').executeTakeFirstOrThrow();
  for (const [row, project] of seed.projects.entries()) {
    const id = await createDeclaration(trx, actors.editor, { departmentId, year: 2025, source: { kind: 'project-row', departmentFormId: department.id, row } });
    await updateDeclaration(trx, actors.editor, id, { baseVersion: 1, content: demoProjectForm(seed, project, 2025), note: '演示数据：填写指标 (demo: indicators filled in)' });
    const steps = STATES[row];
    if (steps) await move(trx, actors, id, steps);
  }
}
