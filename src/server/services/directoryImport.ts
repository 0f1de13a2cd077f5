/**
 * Departments and users from a sheet, stored all or none: the plan (import/directorySheet.ts) is
 * made against the store as it is, and only a plan without problems is carried out, in one
 * transaction, through the same services as one-by-one creation (so the audit log has each).
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canManageRegion, type Actor } from '../../core/policy.ts';
import { planDirectorySheet, type DirectoryRowPlan } from '../../import/directorySheet.ts';
import type { SourceTables } from '../../table/sourceTable.ts';
import type { Database } from '../../store/schema.ts';
import { AppError } from '../appError.ts';
import { passwordProblem } from '../passwordPolicy.ts';
import { createUser } from './accounts.ts';
import { createDepartment, directoryChanged } from './organisations.ts';

export interface DirectoryImportResult {
  plans: DirectoryRowPlan[];
  /** Set when the sheet was stored: the counts, and the passwords generated (shown once). */
  created: { departments: number; users: Array<{ username: string; password: string | null }> } | null;
}

/** A password the policy accepts, for a user the sheet gives none. */
function generatedPassword(): string {
  return `${randomBytes(9).toString('base64url')}-Jx7`;
}

export async function importDirectory(db: Kysely<Database>, actor: Actor, tables: SourceTables, commit: boolean): Promise<DirectoryImportResult> {
  const [regions, departments, users] = await Promise.all([
    db.selectFrom('regions').select(['id', 'name', 'parent_id']).execute(),
    db.selectFrom('departments').select(['id', 'name', 'region_id']).execute(),
    db.selectFrom('users').select('username').execute(),
  ]);
  const byId = new Map(regions.map((r) => [r.id, r]));
  const pathOf = (id: string): string => {
    const names: string[] = [];
    for (let at = byId.get(id); at && names.length < 10; at = at.parent_id ? byId.get(at.parent_id) : undefined) names.unshift(at.name);
    return names.join('/');
  };
  const pathIds = (id: string): string[] => {
    const ids: string[] = [];
    for (let at = byId.get(id); at && ids.length < 10; at = at.parent_id ? byId.get(at.parent_id) : undefined) ids.push(at.id);
    return ids;
  };
  const { plans, problem } = planDirectorySheet(tables, {
    regions: regions.map((r) => ({ id: r.id, name: r.name, path: pathOf(r.id) })),
    departments: departments.map((d) => ({ id: d.id, name: d.name, regionId: d.region_id })),
    usernames: new Set(users.map((u) => u.username)),
    passwordProblem: (password, owner) => passwordProblem(password, owner),
    manages: (regionId) => canManageRegion(actor, regionId === null ? [] : pathIds(regionId)),
  });
  if (problem) throw new AppError(400, 'not-a-directory-sheet', problem.zh, problem.en, [{ field: 'file', message: problem.en }]);
  const problems = plans.reduce((n, p) => n + p.problems.length, 0);
  if (!commit) return { plans, created: null };
  if (problems > 0) throw new AppError(422, 'sheet-has-problems', `表中有 ${problems} 处问题，未导入任何内容；请改正后重试`, `the sheet has ${problems} problems; nothing was stored — correct them and retry`, [], { plans });
  const created = await db.transaction().execute(async (trx) => {
    const made = new Map<string, string>();
    let departmentCount = 0;
    const madeUsers: Array<{ username: string; password: string | null }> = [];
    for (const plan of plans) {
      let departmentId = plan.department?.existingId ?? null;
      if (plan.department && departmentId === null) {
        const key = `${plan.department.regionId}\u0000${plan.department.name}`;
        departmentId = made.get(key) ?? null;
        if (departmentId === null) {
          departmentId = await createDepartment(trx, actor.id, { name: plan.department.name, regionId: plan.department.regionId });
          made.set(key, departmentId);
          departmentCount++;
        }
      }
      if (plan.user) {
        const password = plan.user.password ?? generatedPassword();
        const needsDepartment = plan.user.role === 'editor' || plan.user.role === 'approver';
        await createUser(trx, actor.id, {
          username: plan.user.username,
          displayName: plan.user.displayName,
          password,
          role: plan.user.role,
          departmentId: needsDepartment ? departmentId : null,
          regionId: plan.user.role === 'reviewer' || plan.user.role === 'admin' ? plan.user.regionId : null,
        });
        madeUsers.push({ username: plan.user.username, password: plan.user.password ? null : password });
      }
    }
    return { departments: departmentCount, users: madeUsers };
  });
  directoryChanged(db);
  return { plans, created };
}
