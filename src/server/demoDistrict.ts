/**
 * The demo's district: 30 more Haizhu departments and 5 in Yuexiu, each with generated variations of
 * the seed — its own name, amounts, projects and planted mistakes — over two years (2024 published and
 * self-evaluated, 2025 in every state of the cycle and monitored), so that every dashboard has a
 * region's worth of real figures to show and drill into; and the bureau's assessments of them
 * (demoAssessments.ts).
 */
import { randomUUID } from 'node:crypto';
import { DOCUMENT_KINDS } from '../core/document.ts';
import type { Transaction } from 'kysely';
import type { DepartmentTargetDeclaration, Project } from '../core/declaration.ts';
import { addMoney, formatMoney, money, subtractMoney, sumMoney } from '../core/money.ts';
import type { Light, MonitoringReport } from '../core/monitoringReport.ts';
import { ratio, ratioOf, times, toFixed2 } from '../core/monitoring/ratio.ts';
import type { Actor } from '../core/policy.ts';
import type { SelfEvaluation } from '../core/selfEvaluation.ts';
import type { TransitionRequest } from '../core/workflow.ts';
import type { Database } from '../store/schema.ts';
import { seedDemoAssessments } from './demoAssessments.ts';
import { seedDemoRectification } from './demoRectification.ts';
import { seedDemoResults } from './demoResults.ts';
import { fillEvaluation } from './demoEvaluations.ts';
import { fillReport, THROUGH } from './demoMonitoring.ts';
import { APPROVE, demoProjectForm, move, PUBLISH } from './demoProjects.ts';
import { hashPassword } from './passwords.ts';
import { createDeclaration } from './services/declarations.ts';
import { createEvaluation, transitionEvaluation, updateEvaluation } from './services/evaluations.ts';
import { ensureReports, openRound, transitionReport, updateReport } from './services/monitoring.ts';
import { createDepartment } from './services/organisations.ts';

const HAIZHU = ['教育局', '卫生健康局', '民政局', '人力资源和社会保障局', '住房和城乡建设局', '交通运输局', '水务局', '城市管理和综合执法局', '市场监督管理局', '文化广电旅游体育局', '科技工业商务和信息化局', '司法局', '统计局', '应急管理局', '退役军人事务局', '农业农村局', '医疗保障局', '审计局', '发展和改革局', '生态环境分局', '规划和自然资源分局', '档案馆', '机关事务管理局', '信访局', '投资促进局', '妇女联合会', '总工会', '残疾人联合会', '共青团委员会', '红十字会'];
const YUEXIU = ['教育局', '卫生健康局', '民政局', '文化广电旅游体育局', '市场监督管理局'];
const THEMES = ['业务运行保障经费', '信息化建设与运维', '专项工作经费', '宣传与培训', '设备购置', '课题研究与评估', '政府购买服务', '安全生产管理', '基础设施维护', '重点民生实事'];
const CATEGORIES = ['运转类', '特定目标类', '其他运转类', '民生保障类'];

/** A wrong total, a vague target, no satisfaction indicator, a unit left off, projects that do not add up — or none. */
type Mistake = 'none' | 'total' | 'vague' | 'no-satisfaction' | 'no-unit' | 'projects';
const MISTAKES: readonly Mistake[] = ['none', 'total', 'vague', 'no-satisfaction', 'no-unit', 'projects', 'none'];

const scaled = (amount: string | null, factor: string): string => toFixed2(times(ratioOf(amount ?? '0') ?? ratio(0n), ratioOf(factor) ?? ratio(1n)));
const share = (amount: string, part: string): string => scaled(amount, part);

/** The seed made into another department's form: its own name, scale, projects and (if any) mistake. */
export function districtVariant(seed: DepartmentTargetDeclaration, index: number, departmentName: string, year: number, mistake: Mistake): DepartmentTargetDeclaration {
  const factor = toFixed2(ratio(BigInt(40 + ((index * 37) % 260) - (year < 2025 ? 6 : 0)), 100n));
  const short = departmentName.replace(/^广州市(海珠|越秀)区/, '');
  const count = 4 + (index % 7) - (year < 2025 ? 1 : 0);
  const projects: Project[] = seed.projects.slice(0, count).map((p, k) => ({
    ...p,
    name: `${short}${THEMES[(index + k) % THEMES.length]}`,
    amount: scaled(p.amount, factor),
  }));
  const projectSum = formatMoney(sumMoney(projects.map((p) => money(p.amount ?? '0'))));
  const basic = scaled(seed.budget.basic, factor);
  const total = formatMoney(addMoney(money(basic), money(projectSum)));
  const other = index % 4 === 0 ? share(total, '0.08') : '0.00';
  const transferDown = index % 5 === 0 ? share(total, '0.12') : '0.00';
  const form: DepartmentTargetDeclaration = {
    ...structuredClone(seed),
    year,
    title: `${year}年部门整体预算绩效目标申报表`,
    department: departmentName,
    budget: {
      total,
      totalDerived: false,
      basic,
      project: projectSum,
      income: { fiscal: formatMoney(subtractMoney(money(total), money(other))), other },
      developmental: { specialFiscal: '0.00', other: '0.00' },
      byLevel: { ownLevel: formatMoney(subtractMoney(money(total), money(transferDown))), transferDown },
    },
    projects,
  };
  switch (mistake) {
    case 'total':
      form.budget.total = formatMoney(addMoney(money(total), money('100.00')));
      break;
    case 'projects':
      form.budget.project = formatMoney(addMoney(money(projectSum), money('50.00')));
      form.budget.basic = formatMoney(subtractMoney(money(basic), money('50.00')));
      break;
    case 'vague': {
      const row = form.indicators.findIndex((i) => i.annualTargetValue.kind === 'quantity');
      const target = form.indicators[row];
      if (target) form.indicators[row] = { ...target, annualTarget: '较好', annualTargetValue: { kind: 'qualitative', text: '较好', basis: null } };
      break;
    }
    case 'no-satisfaction':
      form.indicators = form.indicators.filter((i) => !(i.level1 ?? '').includes('满意度'));
      break;
    case 'no-unit': {
      const row = form.indicators.findIndex((i) => i.annualTargetValue.kind === 'quantity' && i.annualTargetValue.unit !== null);
      const target = form.indicators[row];
      if (target && target.annualTargetValue.kind === 'quantity') {
        const bare = `${target.annualTargetValue.operator ?? ''}${target.annualTargetValue.value}`;
        form.indicators[row] = { ...target, annualTarget: bare, annualTargetValue: { ...target.annualTargetValue, unit: null } };
      }
      break;
    }
    case 'none':
      break;
  }
  return form;
}

/** Where each department's 2025 form stands: the cycle in every state. */
const STATES_2025: ReadonlyArray<readonly TransitionRequest[]> = [
  PUBLISH,
  [],
  [{ action: 'submit' }],
  [{ action: 'submit' }, { action: 'review', grade: '中', reason: '请核对预算合计与分项之和，并补充满意度指标。' }],
  APPROVE,
  PUBLISH,
];
const LIGHT_PLAN: ReadonlyArray<{ light: Light; spent: string; steps: ReadonlyArray<'submit' | 'accept' | 'return'> }> = [
  { light: 'green', spent: '0.58', steps: ['submit', 'accept'] },
  { light: 'yellow', spent: '0.46', steps: ['submit'] },
  { light: 'red', spent: '0.25', steps: ['submit', 'accept'] },
  { light: 'green', spent: '0.61', steps: ['submit'] },
  { light: 'blue', spent: '0.72', steps: ['submit', 'accept'] },
  { light: 'yellow', spent: '0.50', steps: [] },
];
const SCORE_PLAN: ReadonlyArray<{ shortfall: number; spent: string; steps: ReadonlyArray<'submit' | 'accept' | 'publish' | 'return'> }> = [
  { shortfall: 1, spent: '0.98', steps: ['submit', 'accept', 'publish'] },
  { shortfall: 0.9, spent: '0.93', steps: ['submit', 'accept', 'publish'] },
  { shortfall: 0.6, spent: '0.81', steps: ['submit', 'accept', 'publish'] },
  { shortfall: 0.3, spent: '0.66', steps: ['submit', 'accept'] },
  { shortfall: 0.1, spent: '0.40', steps: ['submit', 'accept', 'publish'] },
  { shortfall: 0.95, spent: '0.96', steps: ['submit'] },
  { shortfall: 0.8, spent: '0.90', steps: ['submit', 'return'] },
];

interface DistrictDepartment {
  id: string;
  index: number;
  editor: Actor;
  approver: Actor;
  reviewer: Actor;
}

/** A demo account made straight in the store with an already computed hash (hashing 70 passwords would slow the demo's start for nothing). */
async function demoUser(trx: Transaction<Database>, passwordHash: string, user: { username: string; displayName: string; role: Actor['role']; departmentId: string | null; regionId: string | null }): Promise<Actor> {
  const id = randomUUID();
  await trx
    .insertInto('users')
    .values({ id, username: user.username, display_name: user.displayName, role: user.role, department_id: user.departmentId, region_id: user.regionId, password_hash: passwordHash, disabled: false, demo: true, created_at: new Date().toISOString() })
    .execute();
  return { id, role: user.role, departmentId: user.departmentId, regionId: user.regionId };
}

/** Adds the district's departments with their two years, reports and self-evaluations. */
export async function seedDemoDistrict(
  trx: Transaction<Database>,
  options: { password: string; seed: DepartmentTargetDeclaration; haizhu: string; yuexiu: string; haizhuReviewer: Actor; admin: Actor },
): Promise<void> {
  const passwordHash = await hashPassword(options.password);
  const yuexiuReviewer = await demoUser(trx, passwordHash, { username: 'yuexiu-reviewer', displayName: '越秀区财政局审核员', role: 'reviewer', departmentId: null, regionId: options.yuexiu });
  const departments: DistrictDepartment[] = [];
  const all = [...HAIZHU.map((name) => ({ name, region: options.haizhu, prefix: 'hz', reviewer: options.haizhuReviewer, district: '海珠' })), ...YUEXIU.map((name) => ({ name, region: options.yuexiu, prefix: 'yx', reviewer: yuexiuReviewer, district: '越秀' }))];
  for (const [index, entry] of all.entries()) {
    const name = `广州市${entry.district}区${entry.name}`;
    const id = await createDepartment(trx, options.admin.id, { name, regionId: entry.region });
    const code = `${entry.prefix}${String(index + 1).padStart(2, '0')}`;
    const editor = await demoUser(trx, passwordHash, { username: `${code}-editor`, displayName: `${entry.name}填报员`, role: 'editor', departmentId: id, regionId: null });
    const approver = await demoUser(trx, passwordHash, { username: `${code}-approver`, displayName: `${entry.name}负责人`, role: 'approver', departmentId: id, regionId: null });
    departments.push({ id, index, editor, approver, reviewer: entry.reviewer });
    const actors = { editor, approver, reviewer: entry.reviewer };

    // 2024: published, with one project form, and scored at the year's end.
    const lastYear = districtVariant(options.seed, index, name, 2024, 'none');
    const lastId = await createDeclaration(trx, editor, { departmentId: id, year: 2024, source: { kind: 'content', content: lastYear, note: '演示数据：上年度 (demo: last year)' } });
    await move(trx, actors, lastId, PUBLISH);
    const lastProject = lastYear.projects[0];
    if (lastProject) {
      const form = demoProjectForm(lastYear, lastProject, 2024, true);
      form.project.category = CATEGORIES[index % CATEGORIES.length] ?? null;
      const projectId = await createDeclaration(trx, editor, { departmentId: id, year: 2024, source: { kind: 'content', content: form, note: '演示数据：上年度项目 (demo: last year’s project)' } });
      await move(trx, actors, projectId, PUBLISH);
    }

    // 2025: the department form somewhere in the cycle, with this department's mistake, and two projects.
    const form = districtVariant(options.seed, index, name, 2025, MISTAKES[index % MISTAKES.length] ?? 'none');
    const formId = await createDeclaration(trx, editor, { departmentId: id, year: 2025, source: { kind: 'content', content: form, note: '演示数据：由示例表生成 (demo: generated from the seed)' } });
    await move(trx, actors, formId, STATES_2025[index % STATES_2025.length] ?? []);
    for (const [k, project] of form.projects.slice(0, 2).entries()) {
      const projectForm = demoProjectForm(form, project, 2025);
      projectForm.project.category = CATEGORIES[(index + k + 1) % CATEGORIES.length] ?? null;
      const projectId = await createDeclaration(trx, editor, { departmentId: id, year: 2025, source: { kind: 'content', content: projectForm, note: '演示数据：项目 (demo: a project)' } });
      await move(trx, actors, projectId, k === 0 ? APPROVE : [{ action: 'submit' }]);
    }
  }

  // In-year monitoring of 2025: Haizhu's round takes the new approved forms; Yuexiu opens its own.
  const haizhuRound = await trx.selectFrom('monitoring_rounds').select('id').where('region_id', '=', options.haizhu).where('year', '=', 2025).executeTakeFirst();
  const rounds = [haizhuRound?.id ?? (await openRound(trx, options.haizhuReviewer, { regionId: options.haizhu, year: 2025, name: '1–7月', through: THROUGH, due: '2025-08-15' })).id];
  rounds.push((await openRound(trx, yuexiuReviewer, { regionId: options.yuexiu, year: 2025, name: '1–7月', through: THROUGH, due: '2025-08-15' })).id);
  for (const roundId of rounds) await ensureReports(trx, roundId, null);
  const byId = new Map(departments.map((d) => [d.id, d]));
  const reports = await trx.selectFrom('documents').select(['id', 'department_id', 'current_version']).where('kind', '=', 'monitoring-report').where('parent_id', 'in', rounds).where('department_id', 'in', [...byId.keys()]).orderBy('id').execute();
  for (const [i, report] of reports.entries()) {
    const department = byId.get(report.department_id);
    const plan = LIGHT_PLAN[((department?.index ?? 0) + i) % LIGHT_PLAN.length];
    if (!department || !plan) continue;
    const current = await trx.selectFrom('document_versions').select('content').where('document_id', '=', report.id).where('version', '=', report.current_version).executeTakeFirstOrThrow();
    await updateReport(trx, department.editor, report.id, { baseVersion: report.current_version, content: fillReport(current.content as MonitoringReport, plan.light, plan.spent), note: '演示数据：1–7月执行情况 (demo: January–July)' });
    for (const action of plan.steps) {
      if (action === 'submit') await transitionReport(trx, department.approver, report.id, { action });
      else if (action === 'return') await transitionReport(trx, department.reviewer, report.id, { action, reason: '请补充偏差原因。' });
      else await transitionReport(trx, department.reviewer, report.id, plan.light === 'red' ? { action, advice: '执行严重滞后：9月30日前报送整改情况。' } : { action });
    }
  }

  // Year-end self-evaluations of 2024.
  for (const department of departments) {
    const targets = await trx.selectFrom('documents').select('id').where('kind', 'in', DOCUMENT_KINDS).where('department_id', '=', department.id).where('year', '=', 2024).where('state', '=', 'published').orderBy('kind').execute();
    for (const [k, target] of targets.entries()) {
      const plan = SCORE_PLAN[(department.index + k) % SCORE_PLAN.length];
      if (!plan) continue;
      const id = await createEvaluation(trx, department.editor, { targetId: target.id });
      const current = await trx.selectFrom('document_versions').select('content').where('document_id', '=', id).where('version', '=', 1).executeTakeFirstOrThrow();
      await updateEvaluation(trx, department.editor, id, { baseVersion: 1, content: fillEvaluation(current.content as SelfEvaluation, plan.shortfall, plan.spent), note: '演示数据：年度自评 (demo: the year scored)' });
      for (const action of plan.steps) {
        if (action === 'return') await transitionEvaluation(trx, department.reviewer, id, { action, reason: '请补充未达标指标的具体原因和数据来源。' });
        else if (action === 'accept') await transitionEvaluation(trx, department.reviewer, id, { action });
        else await transitionEvaluation(trx, department.approver, id, { action });
      }
    }
  }

  // The finance bureau's assessments: ex-ante, a key evaluation, a department's year, 抽评.
  await seedDemoAssessments(trx, { passwordHash, haizhu: options.haizhu, reviewer: options.haizhuReviewer });

  // The rectification ledger in every state, and a late disclosure with its reason.
  await seedDemoRectification(trx, { haizhu: options.haizhu, reviewer: options.haizhuReviewer });
  // 结果应用: Haizhu's 2024 results make its 2025 budget proposals.
  await seedDemoResults(trx, { haizhu: options.haizhu, reviewer: options.haizhuReviewer });
}
