/**
 * The audit log as an auditor reads it: who (by name), did what (in words), to which form, user or
 * organisation (by name), with the detail summed up in a sentence — on the page and in the CSV.
 */
import type { Kysely } from 'kysely';
import { auditActionName } from '../../format/auditActions.ts';
import { csvField } from '../../format/csv.ts';
import type { AuditEntry } from '../../store/auditLog.ts';
import type { Database } from '../../store/schema.ts';

/** An entry with the names and words an auditor needs. */
export interface PresentedAuditEntry extends AuditEntry {
  readonly actorName: string | null;
  /** The form, user, region or department the entry is about, by name. */
  readonly entityLabel: { zh: string; en: string };
  /** The detail in a sentence. */
  readonly summary: { zh: string; en: string };
}

type Detail = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

/** Parts of a sentence in both languages, joined (empty parts left out). */
function sentence(parts: ReadonlyArray<readonly [string, string]>): { zh: string; en: string } {
  const kept = parts.filter(([zh]) => zh !== '');
  return { zh: kept.map(([zh]) => zh).join('；'), en: kept.map(([, en]) => en).join('; ') };
}

/** The detail of an entry in a sentence, by action. */
function summarise(entry: AuditEntry): { zh: string; en: string } {
  const d = (entry.detail ?? {}) as Detail;
  const counts = d.errors !== undefined ? { zh: `${str(d.errors)} 个错误、${str(d.warnings)} 个警告`, en: `${str(d.errors)} errors, ${str(d.warnings)} warnings` } : null;
  switch (entry.action) {
    case 'declaration.create':
    case 'declaration.update': {
      const parts: Array<[string, string]> = [[counts?.zh ?? '', counts?.en ?? '']];
      if (d.note) parts.push([`说明：${str(d.note)}`, `note: ${str(d.note)}`]);
      if (d.autosave) parts.push(['自动保存', 'autosave']);
      if (d.replacedAutosave !== undefined) parts.push([`合并了第 ${str(d.replacedAutosave)} 版`, `merged version ${str(d.replacedAutosave)}`]);
      return sentence(parts);
    }
    case 'declaration.review':
      return { zh: `评为「${str(d.grade)}」${d.reason ? `，意见：${str(d.reason)}` : ''}`, en: `graded ${str(d.grade)}${d.reason ? `; opinion: ${str(d.reason)}` : ''}` };
    case 'declaration.restore':
      return { zh: `恢复第 ${str(d.restoredVersion)} 版`, en: `restored version ${str(d.restoredVersion)}` };
    case 'declaration.name-version':
      return { zh: `命名为「${str(d.note)}」`, en: `named "${str(d.note)}"` };
    case 'declaration.delete':
      return { zh: `删除 ${str(d.department)} ${str(d.year)} 年度草稿（${str(d.versions)} 个版本，最后内容保存在本条记录中）`, en: `deleted the ${str(d.year)} draft of ${str(d.department)} (${str(d.versions)} versions; its last content is kept in this entry)` };
    case 'comment.create':
      return { zh: `批注位置 ${str(d.path) || '整张表'}`, en: `on ${str(d.path) || 'the whole form'}` };
    case 'session.failed':
      return { zh: `用户名「${str(d.username)}」，来自 ${str(d.address)}`, en: `username "${str(d.username)}", from ${str(d.address)}` };
    case 'session.start':
      return d.address ? { zh: `来自 ${str(d.address)}`, en: `from ${str(d.address)}` } : { zh: '', en: '' };
    case 'user.create':
      return { zh: `用户名 ${str(d.username)}，角色 ${str(d.role)}`, en: `username ${str(d.username)}, role ${str(d.role)}` };
    case 'user.update': {
      const parts: Array<[string, string]> = [];
      if (d.disabled === true) parts.push(['停用', 'disabled']);
      if (d.disabled === false) parts.push(['启用', 'enabled']);
      if (d.passwordReset || d.passwordChanged) parts.push(['重置密码', 'password reset']);
      if (d.displayName) parts.push([`改名为 ${str(d.displayName)}`, `renamed ${str(d.displayName)}`]);
      if (d.role) parts.push([`角色 ${str(d.role)}`, `role ${str(d.role)}`]);
      return sentence(parts);
    }
    case 'token.create':
    case 'token.revoke':
      return { zh: `令牌「${str(d.name)}」${d.expiresAt ? `，有效至 ${str(d.expiresAt).slice(0, 10)}` : ''}`, en: `token "${str(d.name)}"${d.expiresAt ? `, valid until ${str(d.expiresAt).slice(0, 10)}` : ''}` };
    case 'region.update':
    case 'department.update':
      return d.newName ? { zh: `由「${str(d.name)}」改名为「${str(d.newName)}」`, en: `renamed from ${str(d.name)} to ${str(d.newName)}` } : { zh: '修改设置', en: 'settings changed' };
    default:
      return { zh: '', en: '' };
  }
}

/** Looks up every name the entries mention, in one query per kind, and presents them. */
export async function presentAudit(db: Kysely<Database>, entries: readonly AuditEntry[]): Promise<PresentedAuditEntry[]> {
  const ids = (entity: string) => [...new Set(entries.filter((e) => e.entity === entity && e.entityId).map((e) => e.entityId as string))];
  const userIds = [...new Set([...entries.flatMap((e) => (e.actorId ? [e.actorId] : [])), ...ids('user')])];
  const [users, declarations, regions, departments] = await Promise.all([
    userIds.length ? db.selectFrom('users').select(['id', 'display_name', 'username']).where('id', 'in', userIds).execute() : [],
    ids('declaration').length
      ? db.selectFrom('documents').innerJoin('departments', 'departments.id', 'documents.department_id').select(['documents.id', 'documents.year', 'departments.name']).where('documents.id', 'in', ids('declaration')).execute()
      : [],
    ids('region').length ? db.selectFrom('regions').select(['id', 'name']).where('id', 'in', ids('region')).execute() : [],
    ids('department').length ? db.selectFrom('departments').select(['id', 'name']).where('id', 'in', ids('department')).execute() : [],
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const declarationById = new Map(declarations.map((d) => [d.id, d]));
  const names = new Map([...regions, ...departments].map((r) => [r.id, r.name]));
  return entries.map((entry) => {
    const d = (entry.detail ?? {}) as Detail;
    let entityLabel = { zh: entry.entityId ?? '', en: entry.entityId ?? '' };
    if (entry.entity === 'declaration') {
      const found = declarationById.get(entry.entityId ?? '');
      const name = found?.name ?? str(d.department);
      const year = found?.year ?? d.year;
      entityLabel = name ? { zh: `${name} ${str(year)} 年度申报表`, en: `${name}, ${str(year)} form` } : { zh: `申报表（已删除）`, en: 'form (deleted)' };
    } else if (entry.entity === 'user') {
      const user = userById.get(entry.entityId ?? '');
      const label = user ? `${user.display_name}（${user.username}）` : str(d.username) || '—';
      entityLabel = { zh: `用户 ${label}`, en: `user ${label.replace('（', ' (').replace('）', ')')}` };
    } else if (entry.entity === 'region' || entry.entity === 'department') {
      const name = names.get(entry.entityId ?? '') ?? str(d.name);
      entityLabel = entry.entity === 'region' ? { zh: `区划 ${name}`, en: `region ${name}` } : { zh: `部门 ${name}`, en: `department ${name}` };
    }
    return { ...entry, actorName: entry.actorId ? (userById.get(entry.actorId)?.display_name ?? entry.actorId) : null, entityLabel, summary: summarise(entry) };
  });
}

/** The CSV header and one row of the audit export, in a language. */
export function auditCsvHeader(lang: 'zh' | 'en'): string {
  return (lang === 'zh' ? ['序号', '时间', '操作人', '操作', '对象', '版本', '详情', '哈希'] : ['No.', 'Time', 'Actor', 'Action', 'Object', 'Versions', 'Detail', 'Hash']).join(',');
}

export function auditCsvRow(entry: PresentedAuditEntry, lang: 'zh' | 'en'): string {
  const versions = entry.toVersion !== null ? `${entry.fromVersion ?? ''}→${entry.toVersion}` : '';
  return [entry.seq, entry.at, entry.actorName ?? (lang === 'zh' ? '系统/匿名' : 'system/anonymous'), auditActionName(entry.action, lang), entry.entityLabel[lang], versions, entry.summary[lang], entry.hash]
    .map((v) => csvField(v))
    .join(',');
}
