/**
 * 新建: a department-wide or a project form for one of my departments and a year — blank, or copied
 * from last year's form (targets kept and marked as carried over) — opened in the editor at once.
 */
import Alert from 'antd/es/alert';
import Form from 'antd/es/form';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import Select from 'antd/es/select';
import Radio from 'antd/es/radio';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { draftingYear } from '../../../src/core/formYear.ts';
import { api, ApiError } from '../api/client.ts';
import type { DeclarationSummary, DeclarationView } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';
import { allDepartments, useSession } from '../session/session.tsx';
import { useExistingForms } from './useExistingForm.ts';

export function NewDeclarationDialog({ onClose }: { onClose: () => void }) {
  const { t, pick } = useLocale();
  const { user, regions } = useSession();
  const navigate = useNavigate();
  const departments = allDepartments(regions).filter((d) => d.id === user?.departmentId && !d.archivedAt);
  const [departmentId, setDepartmentId] = useState<string | undefined>(departments[0]?.id);
  // Forms are drafted in the autumn for the next year.
  const [year, setYear] = useState<number>(() => draftingYear(new Date()));
  const [kind, setKind] = useState<'department-target' | 'project-target'>('department-target');
  const [start, setStart] = useState<'empty' | 'copy'>('empty');
  const [lastYear, setLastYear] = useState<DeclarationSummary[] | null>(null);
  const [fromId, setFromId] = useState<string | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // One department-wide form a year: said as soon as the year is chosen, not after 新建.
  const existing = useExistingForms(kind === 'department-target' && departmentId ? [{ departmentId, year, kind }] : []);
  const taken = existing?.[0] ?? null;

  // Last year's forms of this kind, to copy from.
  useEffect(() => {
    if (!departmentId) return;
    let live = true;
    const query = new URLSearchParams({ year: String(year - 1), departmentId, kind, pageSize: '100', sort: 'department' });
    api<{ items: DeclarationSummary[] }>('GET', `/api/v1/declarations?${query.toString()}`)
      .then((answer) => {
        if (!live) return;
        setLastYear(answer.items);
        setFromId(answer.items[0]?.id);
      })
      .catch(() => live && setLastYear([]));
    return () => {
      live = false;
    };
  }, [departmentId, year, kind]);

  const create = async () => {
    if (!departmentId) return;
    setBusy(true);
    setError(null);
    try {
      const body = start === 'copy' && fromId ? { departmentId, year, kind, source: 'copy', fromId } : { departmentId, year, kind, source: 'empty' };
      const created = await api<DeclarationView>('POST', '/api/v1/declarations', body);
      navigate(`/declarations/${created.id}/edit`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('新建申报表', 'New form')} okText={t('新建并编辑', 'Create and edit')} cancelText={t('取消', 'Cancel')} okButtonProps={{ disabled: !departmentId || (start === 'copy' && !fromId) || taken !== null }} confirmLoading={busy} onOk={() => void create()} onCancel={onClose}>
      <Form layout="vertical">
        <Form.Item label={t('部门', 'Department')} htmlFor="new-department">
          <Select id="new-department" value={departmentId} onChange={(v) => { setDepartmentId(v); setError(null); }} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item label={t('种类', 'Kind')}>
          <Radio.Group
            value={kind}
            onChange={(e) => { setKind(e.target.value as typeof kind); setError(null); }}
            options={[
              { value: 'department-target', label: t('部门整体绩效目标申报表', 'Department-wide form') },
              { value: 'project-target', label: t('项目支出绩效目标申报表', 'Project form') },
            ]}
          />
        </Form.Item>
        <Form.Item
          label={t('年度', 'Year')}
          htmlFor="new-year"
          validateStatus={taken || error?.fieldMessage('year') ? 'error' : undefined}
          help={
            taken ? (
              <span data-testid="new-existing">
                {t(`本部门已有 ${year} 年度部门整体申报表，`, `The department has a ${year} department-wide form already: `)}
                <Link to={`/declarations/${taken.id}`}>{t('打开它', 'open it')}</Link>
              </span>
            ) : error?.fieldMessage('year') ? (
              pick(error.text)
            ) : undefined
          }
        >
          <InputNumber
            id="new-year"
            min={2000}
            max={2100}
            precision={0}
            value={year}
            onChange={(v) => {
              if (typeof v !== 'number') return;
              setYear(v);
              setError(null);
            }}
          />
        </Form.Item>
        <Form.Item label={t('内容', 'Start from')}>
          <Radio.Group
            value={start}
            onChange={(e) => setStart(e.target.value as typeof start)}
            options={[
              { value: 'empty', label: t('空白', 'Blank') },
              { value: 'copy', label: t(`复制 ${year - 1} 年的申报表`, `A copy of ${year - 1}’s form`), disabled: (lastYear?.length ?? 0) === 0 },
            ]}
          />
          {lastYear !== null && lastYear.length === 0 && <div className="muted">{t(`${year - 1} 年没有可复制的申报表`, `No ${year - 1} form to copy`)}</div>}
        </Form.Item>
        {start === 'copy' && (lastYear?.length ?? 0) > 0 && (
          <Form.Item label={t('复制哪一张', 'Which form')} htmlFor="new-from" extra={t('指标值随之复制，并标明为上年度的目标', 'Targets are copied and marked as last year’s')}>
            <Select id="new-from" showSearch optionFilterProp="label" value={fromId} onChange={setFromId} options={(lastYear ?? []).map((d) => ({ value: d.id, label: d.projectName ?? d.title ?? d.departmentName }))} />
          </Form.Item>
        )}
      </Form>
      {error && !error.fieldMessage('year') && <Alert role="alert" type="error" showIcon message={pick(error.text)} />}
      {error?.extra.existingId ? <Link to={`/declarations/${String(error.extra.existingId)}`}>{t('打开已有的申报表', 'Open the existing form')}</Link> : null}
    </Modal>
  );
}
