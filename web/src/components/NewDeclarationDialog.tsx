/** 新建: a blank form for one of my departments and a year, opened in the editor at once. */
import Alert from 'antd/es/alert';
import Form from 'antd/es/form';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import Select from 'antd/es/select';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { DeclarationView } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';
import { allDepartments, useSession } from '../session/session.tsx';

export function NewDeclarationDialog({ onClose }: { onClose: () => void }) {
  const { t, pick } = useLocale();
  const { user, regions } = useSession();
  const navigate = useNavigate();
  const departments = allDepartments(regions).filter((d) => d.id === user?.departmentId && !d.archivedAt);
  const [departmentId, setDepartmentId] = useState<string | undefined>(departments[0]?.id);
  // Forms are drafted in the autumn for the next year.
  const [year, setYear] = useState<number>(new Date().getMonth() >= 6 ? new Date().getFullYear() + 1 : new Date().getFullYear());
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const create = async () => {
    if (!departmentId) return;
    setBusy(true);
    setError(null);
    try {
      const created = await api<DeclarationView>('POST', '/api/v1/declarations', { departmentId, year, source: 'empty' });
      navigate(`/declarations/${created.id}/edit`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('新建申报表', 'New form')} okText={t('新建并编辑', 'Create and edit')} cancelText={t('取消', 'Cancel')} okButtonProps={{ disabled: !departmentId }} confirmLoading={busy} onOk={() => void create()} onCancel={onClose}>
      <Form layout="vertical">
        <Form.Item label={t('部门', 'Department')} htmlFor="new-department">
          <Select id="new-department" value={departmentId} onChange={setDepartmentId} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item label={t('年度', 'Year')} htmlFor="new-year" validateStatus={error?.fieldMessage('year') ? 'error' : undefined} help={error?.fieldMessage('year') ? pick(error.text) : undefined}>
          <InputNumber id="new-year" min={2000} max={2100} precision={0} value={year} onChange={(v) => typeof v === 'number' && setYear(v)} />
        </Form.Item>
      </Form>
      {error && !error.fieldMessage('year') && <Alert role="alert" type="error" showIcon message={pick(error.text)} />}
      {error?.extra.existingId ? <Link to={`/declarations/${String(error.extra.existingId)}`}>{t('打开已有的申报表', 'Open the existing form')}</Link> : null}
    </Modal>
  );
}
