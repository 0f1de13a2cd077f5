/**
 * Departments and users from a sheet (.xlsx, .xls, CSV): one row a department, a user, or both (a
 * department's editor on its department's row). The plan says, row by row, what would be created and
 * every problem with the field it concerns, before anything is stored: the caller stores all rows or
 * none.
 */
import type { Role } from '../core/policy.ts';
import type { SourceTables } from '../table/sourceTable.ts';

type Field = 'department' | 'region' | 'username' | 'displayName' | 'role' | 'password';

const HEADERS: ReadonlyArray<readonly [RegExp, Field]> = [
  [/^(部门|部门名称|单位|单位名称|预算单位|department)$/i, 'department'],
  [/^(区划|地区|所属区划|行政区划|region)$/i, 'region'],
  [/^(用户名|账号|帐号|登录名|username|user ?name)$/i, 'username'],
  [/^(姓名|用户姓名|显示名|名称|name|display ?name)$/i, 'displayName'],
  [/^(角色|权限|role)$/i, 'role'],
  [/^(初始密码|密码|password)$/i, 'password'],
];

const ROLES: ReadonlyArray<readonly [RegExp, Role]> = [
  [/^(部门填报员|填报员|填报人|editor)$/i, 'editor'],
  [/^(部门负责人|负责人|审批人|approver)$/i, 'approver'],
  [/^(财政审核员|审核员|财政部门|reviewer)$/i, 'reviewer'],
  [/^(管理员|系统管理员|admin|administrator)$/i, 'admin'],
];

export interface DirectoryContext {
  /** Every region with its path of names from the top, e.g. `广东省/广州市/海珠区`. */
  readonly regions: ReadonlyArray<{ readonly id: string; readonly name: string; readonly path: string }>;
  readonly departments: ReadonlyArray<{ readonly id: string; readonly name: string; readonly regionId: string }>;
  readonly usernames: ReadonlySet<string>;
  /** Why a password is refused, or null (the server's password policy). */
  readonly passwordProblem: (password: string, owner: { username: string; displayName: string }) => { zh: string; en: string } | null;
  /**
   * Does the importing admin administer this region (null: the whole system, for an admin of no
   * region)? A bureau's admin imports only into its own region and below.
   */
  readonly manages: (regionId: string | null) => boolean;
}

export interface RowProblem {
  readonly field: Field | 'row';
  readonly zh: string;
  readonly en: string;
}

export interface DirectoryRowPlan {
  /** 1-based row of the sheet, and the cell reference of its first cell. */
  readonly line: number;
  readonly at: string;
  readonly department: { readonly name: string; readonly regionId: string; readonly regionName: string; readonly existingId: string | null } | null;
  readonly user: { readonly username: string; readonly displayName: string; readonly role: Role; readonly password: string | null; readonly regionId: string | null } | null;
  readonly problems: readonly RowProblem[];
}

const compact = (text: string) => text.replace(/[\s\u3000]/g, '');

/** The region a cell names: by its name if unique, else by its path (`广州市/海珠区`). */
function regionOf(text: string, context: DirectoryContext): { id: string; name: string } | RowProblem | null {
  const wanted = compact(text).replace(/[>＞／、\\]/g, '/');
  if (wanted === '') return null;
  const matches = context.regions.filter((r) => compact(r.name) === wanted || compact(r.path) === wanted || compact(r.path).endsWith(`/${wanted}`));
  if (matches.length === 1) return matches[0] as { id: string; name: string };
  if (matches.length === 0) return { field: 'region', zh: `没有名为「${text}」的区划`, en: `no region is called "${text}"` };
  return { field: 'region', zh: `「${text}」有 ${matches.length} 个同名区划，请写出上级，如「${matches[0]?.path}」`, en: `${matches.length} regions are called "${text}": write its parents, e.g. "${matches[0]?.path}"` };
}

/** What the sheet would create, row by row, with every problem. */
export function planDirectorySheet(tables: SourceTables, context: DirectoryContext): { plans: DirectoryRowPlan[]; problem: { zh: string; en: string } | null } {
  const rows = tables.sheets[0]?.rows ?? [];
  const headerAt = rows.findIndex((row) => row.filter((cell) => HEADERS.some(([p]) => p.test(compact(cell.text)))).length >= 2);
  if (headerAt < 0) return { plans: [], problem: { zh: '第一张工作表中没有表头行（应有“部门”“区划”“用户名”“姓名”“角色”等列）', en: 'the first sheet has no header row (columns such as 部门, 区划, 用户名, 姓名, 角色)' } };
  const columns = new Map<number, Field>();
  for (const cell of rows[headerAt] ?? []) {
    const field = HEADERS.find(([p]) => p.test(compact(cell.text)))?.[1];
    if (field) columns.set(cell.col, field);
  }
  const plans: DirectoryRowPlan[] = [];
  const createdDepartments = new Map<string, string>();
  const seenUsernames = new Set<string>();
  for (const row of rows.slice(headerAt + 1)) {
    const value: Partial<Record<Field, string>> = {};
    for (const cell of row) {
      const field = columns.get(cell.col);
      if (field) value[field] = cell.text.trim();
    }
    if (Object.values(value).every((v) => !v)) continue;
    const problems: RowProblem[] = [];
    const at = row[0]?.ref ?? '';
    const line = (row[0]?.row ?? 0) + 1;
    const region = regionOf(value.region ?? '', context);
    const regionFound = region && 'id' in region ? region : null;
    if (region && 'field' in region) problems.push(region);
    if (regionFound && !context.manages(regionFound.id)) problems.push({ field: 'region', zh: `「${regionFound.name}」不在您管理的区划内`, en: `"${regionFound.name}" is outside the region you administer` });
    let department: DirectoryRowPlan['department'] = null;
    if (value.department) {
      if (!regionFound) {
        if (!region) problems.push({ field: 'region', zh: `部门「${value.department}」须写明所属区划`, en: `the department "${value.department}" needs its region` });
      } else {
        const existing = context.departments.find((d) => d.regionId === regionFound.id && compact(d.name) === compact(value.department ?? ''));
        department = { name: value.department, regionId: regionFound.id, regionName: regionFound.name, existingId: existing?.id ?? null };
        createdDepartments.set(`${regionFound.id}\u0000${compact(value.department)}`, value.department);
      }
    }
    let user: DirectoryRowPlan['user'] = null;
    if (value.username) {
      const username = value.username;
      const displayName = value.displayName || username;
      const role = ROLES.find(([p]) => p.test(compact(value.role ?? '')))?.[1] ?? null;
      if (!/^[A-Za-z0-9_.-]{2,64}$/.test(username)) problems.push({ field: 'username', zh: `用户名「${username}」只能包含字母、数字和 _ . -，长 2–64 个字符`, en: `the username "${username}" may have 2–64 letters, digits or _ . -` });
      else if (context.usernames.has(username)) problems.push({ field: 'username', zh: `用户名「${username}」已被使用`, en: `the username "${username}" is taken` });
      else if (seenUsernames.has(username)) problems.push({ field: 'username', zh: `用户名「${username}」在表中重复`, en: `the username "${username}" is in the sheet twice` });
      seenUsernames.add(username);
      if (role === null) problems.push({ field: 'role', zh: `角色「${value.role ?? ''}」无法识别（部门填报员、部门负责人、财政审核员、管理员）`, en: `the role "${value.role ?? ''}" is not one of 部门填报员, 部门负责人, 财政审核员, 管理员` });
      if ((role === 'editor' || role === 'approver') && !department) problems.push({ field: 'department', zh: '部门填报员和部门负责人须写明部门及其区划', en: 'a department editor or approver needs a department and its region' });
      if (role === 'reviewer' && !regionFound) problems.push({ field: 'region', zh: '财政审核员须写明所审核的区划', en: 'a reviewer needs the region they review' });
      if (role === 'admin' && !regionFound && !context.manages(null)) problems.push({ field: 'region', zh: '管理员须写明所管理的区划（您只能设立本区划及下级的管理员）', en: 'an admin needs the region they administer (you can make admins only for your region and below)' });
      const password = value.password ? value.password : null;
      const weak = password ? context.passwordProblem(password, { username, displayName }) : null;
      if (weak) problems.push({ field: 'password', zh: `初始密码不能使用：${weak.zh}`, en: `the password cannot be used: ${weak.en}` });
      if (role !== null) user = { username, displayName, role, password, regionId: regionFound?.id ?? null };
    } else if (!value.department) {
      problems.push({ field: 'row', zh: '此行既无部门也无用户名', en: 'the row has neither a department nor a username' });
    }
    plans.push({ line, at, department, user, problems });
  }
  if (plans.length === 0) return { plans, problem: { zh: '表中没有数据行', en: 'the sheet has no rows under its header' } };
  return { plans, problem: null };
}
