/**
 * Departments and users from a sheet: choose an .xlsx or CSV file, read the plan row by row with every
 * problem marked, then store it all at once; the passwords Jixiao generated are shown once.
 */
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Modal from 'antd/es/modal';
import Table from 'antd/es/table';
import Tag from 'antd/es/tag';
import Typography from 'antd/es/typography';
import Upload from 'antd/es/upload';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import { fileToBase64 } from '../api/fileData.ts';
import { useLocale } from '../i18n/locale.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';

interface Plan {
  line: number;
  at: string;
  department: { name: string; regionName: string; existingId: string | null } | null;
  user: { username: string; displayName: string; role: string; password: string | null } | null;
  problems: Array<{ field: string; zh: string; en: string }>;
}
interface Result {
  plans: Plan[];
  created: { departments: number; users: Array<{ username: string; password: string | null }> } | null;
}

/** The generated passwords as a CSV file, made in the browser (they are never stored to be fetched again). */
function passwordsCsv(users: ReadonlyArray<{ username: string; password: string | null }>): string {
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const lines = ['用户名,初始密码', ...users.filter((u) => u.password).map((u) => `${quote(u.username)},${quote(u.password ?? '')}`)];
  return URL.createObjectURL(new Blob([`\uFEFF${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' }));
}

const ROLE_NAMES: Record<string, [string, string]> = { editor: ['部门填报员', 'Editor'], approver: ['部门负责人', 'Approver'], reviewer: ['财政审核员', 'Reviewer'], admin: ['管理员', 'Admin'] };

export function DirectoryImportDialog({ onClose, onStored }: { onClose: () => void; onStored: () => void }) {
  const { t, pick } = useLocale();
  const [file, setFile] = useState<{ name: string; data: string } | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const send = async (chosen: { name: string; data: string }, commit: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api<Result>('POST', '/api/v1/organisations/import', { file: chosen, commit });
      setResult(answer);
      if (commit) onStored();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const problems = result?.plans.reduce((n, p) => n + p.problems.length, 0) ?? 0;
  const stored = result?.created ?? null;
  const passwordsUrl = useMemo(() => (stored ? passwordsCsv(stored.users) : null), [stored]);
  useEffect(() => () => void (passwordsUrl && URL.revokeObjectURL(passwordsUrl)), [passwordsUrl]);
  return (
    <Modal open width={960} title={t('从表格导入部门和用户', 'Departments and users from a sheet')} onCancel={onClose} footer={null}>
      <Typography.Paragraph type="secondary">
        {t('表头：部门、区划、用户名、姓名、角色（部门填报员 / 部门负责人 / 财政审核员 / 管理员）、初始密码（可空，空则自动生成）。只有部门的行新建部门；有用户名的行新建用户。', 'Columns: 部门 (department), 区划 (region), 用户名, 姓名, 角色 (部门填报员 / 部门负责人 / 财政审核员 / 管理员), 初始密码 (optional: generated when blank). A row with a department only creates the department; a row with a username creates the user.')}
      </Typography.Paragraph>
      {!stored && (
        <Upload
          accept=".xlsx,.xls,.csv"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(chosen) => {
            void fileToBase64(chosen).then((data) => {
              const picked = { name: chosen.name, data };
              setFile(picked);
              void send(picked, false);
            });
            return false;
          }}
        >
          <Button loading={busy && !result}>{file ? t(`重新选择（当前：${file.name}）`, `Choose another (now: ${file.name})`) : t('选择表格文件', 'Choose a sheet')}</Button>
        </Upload>
      )}
      <ErrorAlert error={error} />
      {result && !stored && (
        <>
          {/* Scrolled by its box, one header (a table's own scroll draws its header twice in print). */}
          <div style={{ marginTop: 12, maxHeight: 360, overflow: 'auto' }}>
          <Table<Plan>
            size="small"
            rowKey="line"
            pagination={false}
            sticky
            dataSource={result.plans}
            data-testid="directory-plan"
            columns={[
              { title: t('行', 'Row'), dataIndex: 'line', width: 56 },
              { title: t('部门', 'Department'), render: (_, p) => (p.department ? <>{p.department.name}<span className="cell-hint"> · {p.department.regionName}</span> {p.department.existingId ? <Tag>{t('已有', 'exists')}</Tag> : <Tag color="green">{t('新建', 'new')}</Tag>}</> : '') },
              { title: t('用户', 'User'), render: (_, p) => (p.user ? <>{p.user.username}（{p.user.displayName}）<Tag>{t(...(ROLE_NAMES[p.user.role] ?? [p.user.role, p.user.role]))}</Tag></> : '') },
              { title: t('问题', 'Problems'), render: (_, p) => (p.problems.length === 0 ? <Tag color="green">{t('可以导入', 'ready')}</Tag> : <ul style={{ margin: 0, paddingLeft: 16, color: '#cf1322' }}>{p.problems.map((x, k) => <li key={k}>{pick(x)}</li>)}</ul>) },
            ]}
          />
          </div>
          <div style={{ marginTop: 12, display: 'flex', gap: 8, justifyContent: 'flex-end', alignItems: 'center' }}>
            {problems > 0 && <span style={{ color: '#cf1322' }}>{t(`有 ${problems} 处问题，改正表格后重新选择`, `${problems} problems: correct the sheet and choose it again`)}</span>}
            <Button onClick={onClose}>{t('取消', 'Cancel')}</Button>
            <Button type="primary" disabled={problems > 0 || !file} loading={busy} onClick={() => file && void send(file, true)} data-testid="directory-commit">
              {t(`导入全部 ${result.plans.length} 行`, `Store all ${result.plans.length} rows`)}
            </Button>
          </div>
        </>
      )}
      {stored && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="directory-stored"
          message={t(`已新建 ${stored.departments} 个部门、${stored.users.length} 个用户`, `${stored.departments} departments and ${stored.users.length} users created`)}
          description={
            stored.users.some((u) => u.password) ? (
              <>
                <p>{t('以下初始密码只显示这一次，请下载或抄录后妥善转交：', 'These passwords are shown this once: download or copy them, and hand them over safely:')}</p>
                <ul>{stored.users.filter((u) => u.password).map((u) => <li key={u.username}><code>{u.username}</code>{t('：', ': ')}<code>{u.password}</code></li>)}</ul>
                <a className="btn" download={t('初始密码.csv', 'initial-passwords.csv')} href={passwordsUrl ?? undefined} data-testid="directory-passwords">
                  {t('下载初始密码（CSV）', 'Download the passwords (CSV)')}
                </a>
              </>
            ) : undefined
          }
          action={<Button onClick={onClose}>{t('完成', 'Done')}</Button>}
        />
      )}
    </Modal>
  );
}
