/**
 * The demo organisation loaded into an empty store by `npm start`: Guangdong → Guangzhou → Haizhu,
 * the Haizhu data-management bureau with the bundled seed imported as its 2025 draft, a project form for
 * each of its 14 projects in every state of the cycle, a published 2024 year, a 1–7月 monitoring round with reports in every state and light, scored 2024 self-evaluations, and one user per role.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Role } from '../core/policy.ts';
import { importFormText } from '../import/text/importFormText.ts';
import type { Store } from '../store/openStore.ts';
import { passwordProblem } from './passwordPolicy.ts';
import { actorOf, createUser } from './services/accounts.ts';
import { createDeclaration } from './services/declarations.ts';
import { createDepartment, createRegion } from './services/organisations.ts';
import { seedDemoFamily } from './demoProjects.ts';
import { seedDemoMonitoring } from './demoMonitoring.ts';
import { seedDemoEvaluations } from './demoEvaluations.ts';
import { seedDemoDistrict } from './demoDistrict.ts';

const SEED = new URL('../../fixtures/forms/000_168cd24c06a0f893.txt', import.meta.url);

/** The demo's accounts; `region: 'haizhu'` binds an admin to the district (that bureau's own admin). */
export const DEMO_USERS: ReadonlyArray<{ username: string; displayName: string; role: Role; region?: 'haizhu' }> = [
  { username: 'haizhu-editor', displayName: '海珠数管局填报员', role: 'editor' },
  { username: 'haizhu-approver', displayName: '海珠数管局负责人', role: 'approver' },
  { username: 'haizhu-reviewer', displayName: '海珠区财政局审核员', role: 'reviewer' },
  { username: 'haizhu-admin', displayName: '海珠区财政局管理员', role: 'admin', region: 'haizhu' },
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
];

/** A demo password that does not meet the password policy. */
export class WeakDemoPasswordError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'WeakDemoPasswordError';
  }
}

/**
 * Loads the demo when the store has no region yet; returns the password it used, or null when it did
 * nothing. A given password (JIXIAO_DEMO_PASSWORD) must meet the password policy like any other:
 * demo accounts reach the same data as real ones.
 */
export async function seedDemo(store: Store, password = process.env.JIXIAO_DEMO_PASSWORD || undefined, options: { family?: boolean; district?: boolean } = {}): Promise<{ password: string; generated: boolean } | null> {
  const existing = await store.db.selectFrom('regions').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  const generated = !password;
  const demoPassword = password ?? `${randomBytes(12).toString('base64url')}-Jx`;
  for (const user of DEMO_USERS) {
    const problem = passwordProblem(demoPassword, user);
    if (problem) throw new WeakDemoPasswordError(`JIXIAO_DEMO_PASSWORD 不能使用：${problem.zh}`, `JIXIAO_DEMO_PASSWORD cannot be used: ${problem.en}`);
  }
  const outcome = importFormText(readFileSync(SEED, 'utf8'), { year: 2025 });
  if (!outcome.ok) throw new Error('the bundled seed form does not import');
  await store.db.transaction().execute(async (trx) => {
    const guangdong = await createRegion(trx, 'system', { name: '广东省', level: 'province', parentId: null });
    const guangzhou = await createRegion(trx, 'system', { name: '广州市', level: 'city', parentId: guangdong });
    const haizhu = await createRegion(trx, 'system', { name: '海珠区', level: 'district', parentId: guangzhou });
    const yuexiu = await createRegion(trx, 'system', { name: '越秀区', level: 'district', parentId: guangzhou });
    const bureau = await createDepartment(trx, 'system', { name: '广州市海珠区政务服务和数据管理局', regionId: haizhu });
    const ids: Partial<Record<Role, string>> = {};
    let systemAdmin = '';
    for (const { region, ...user } of DEMO_USERS) {
      const created = await createUser(trx, null, {
        ...user,
        password: demoPassword,
        demo: true,
        departmentId: user.role === 'editor' || user.role === 'approver' ? bureau : null,
        regionId: user.role === 'reviewer' || region === 'haizhu' ? haizhu : null,
      });
      if (!region) ids[user.role] = created.id;
      if (user.role === 'admin' && !region) systemAdmin = created.id;
    }
    const actor = (role: Role) => actorOf({ id: ids[role] ?? '', username: '', displayName: '', role, departmentId: role === 'editor' || role === 'approver' ? bureau : null, regionId: role === 'reviewer' ? haizhu : null, disabled: false, demo: true, email: null });
    const editor = actor('editor');
    await createDeclaration(trx, editor, { departmentId: bureau, year: 2025, source: { kind: 'content', content: outcome.declaration, note: '演示数据：由公开的申报表导入 (demo: imported from the published form)' } });
    if (options.family && outcome.declaration.kind === 'department-target') {
      await seedDemoFamily(trx, { editor, approver: actor('approver'), reviewer: actor('reviewer') }, bureau, outcome.declaration);
      await seedDemoMonitoring(trx, { editor, approver: actor('approver'), reviewer: actor('reviewer') }, haizhu);
      await seedDemoEvaluations(trx, { editor, approver: actor('approver'), reviewer: actor('reviewer') }, bureau);
      if (options.district) {
        const admin = { id: systemAdmin, role: 'admin' as const, departmentId: null, regionId: null };
        await seedDemoDistrict(trx, { password: demoPassword, seed: outcome.declaration, haizhu, yuexiu, haizhuReviewer: actor('reviewer'), admin });
      }
    }
  });
  await store.maintain();
  return { password: demoPassword, generated };
}
