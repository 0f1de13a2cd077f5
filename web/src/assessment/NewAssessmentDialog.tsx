/**
 * Opening an assessment (the bureau's): its purpose, its subject — a project form, a department's
 * year, or a policy described here — and a template of those in force for the year. The server makes
 * the evidence checklist from the template and answers with the document, which then opens.
 */
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import Select from 'antd/es/select';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { RegionNode } from '../../../src/format/apiTypes.ts';
import { api, query } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { PURPOSE_NAMES, type AssessmentPurpose } from './names.ts';
import type { AssessmentItem, AssessmentView, TemplateSummary } from './types.ts';

/** The purposes opened here (a sampling review comes from a 抽评 draw), and what each is opened on. */
const OPENED: ReadonlyArray<{ purpose: AssessmentPurpose; subject: 'project-target' | 'policy' | 'department-year' }> = [
  { purpose: 'ex-ante-project', subject: 'project-target' },
  { purpose: 'ex-ante-policy', subject: 'policy' },
  { purpose: 'key-evaluation', subject: 'project-target' },
  { purpose: 'department-evaluation', subject: 'department-year' },
];

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

function departmentsOf(regions: readonly RegionNode[]): Array<{ id: string; name: string }> {
  return regions.flatMap((r) => [...r.departments.filter((d) => d.archivedAt === null).map((d) => ({ id: d.id, name: d.name })), ...departmentsOf(r.children)]);
}

export function NewAssessmentDialog({ open, onClose, defaultYear }: { open: boolean; onClose: () => void; defaultYear: number }) {
  const { t, pick } = useLocale();
  const navigate = useNavigate();
  const [purpose, setPurpose] = useState<AssessmentPurpose>('ex-ante-project');
  const [year, setYear] = useState(defaultYear);
  const [search, setSearch] = useState('');
  const [subjectId, setSubjectId] = useState<string | undefined>(undefined);
  const [templateId, setTemplateId] = useState<string | undefined>(undefined);
  const [policyName, setPolicyName] = useState('');
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [departmentId, setDepartmentId] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  /** A field's problem is cleared as soon as it is changed. */
  const clear = (key: string) => setProblems((found) => Object.fromEntries(Object.entries(found).filter(([k]) => k !== key)));
  const subjectKind = OPENED.find((o) => o.purpose === purpose)?.subject ?? 'project-target';

  const templates = useResource(open ? `templates:${year}:${purpose}` : null, () => api<{ templates: TemplateSummary[] }>('GET', `/api/v1/assessment-templates${query({ year, purpose })}`));
  const forms = useResource(open && subjectKind === 'project-target' ? `subject-forms:${year}:${search}` : null, () =>
    api<{ items: AssessmentItem[] }>('GET', `/api/v1/documents${query({ kind: 'project-target', year, q: search.trim() || undefined, pageSize: 50, sort: 'department' })}`),
  );
  const organisations = useResource(open && subjectKind !== 'project-target' ? 'organisations' : null, () => api<{ regions: RegionNode[] }>('GET', '/api/v1/organisations'));
  const departments = useMemo(() => departmentsOf(organisations.data?.regions ?? []), [organisations.data]);
  const chosenTemplate = templateId ?? templates.data?.templates[0]?.id;

  const submit = async () => {
    const found: Record<string, string> = {};
    if (!chosenTemplate) found.template = t('请选择评分模板', 'Pick a template');
    if (subjectKind === 'project-target' && !subjectId) found.subject = t('请选择被评估的项目申报表', 'Pick the project form assessed');
    if (subjectKind !== 'project-target' && !departmentId) found.department = t('请选择部门', 'Pick the department');
    if (subjectKind === 'policy' && policyName.trim() === '') found.policy = t('请填写政策名称', 'Enter the policy’s name');
    if (subjectKind === 'policy' && amount.trim() !== '' && !AMOUNT.test(amount.trim())) found.amount = t('金额须为至多两位小数的万元数，如 120.00', 'an amount in 万元 with at most two decimals, such as 120.00');
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const twoPlaces = (text: string) => (text.includes('.') ? text.padEnd(text.indexOf('.') + 3, '0') : `${text}.00`);
      const subject =
        subjectKind === 'project-target'
          ? { kind: subjectKind, id: subjectId }
          : subjectKind === 'department-year'
            ? { kind: subjectKind, id: departmentId }
            : { kind: subjectKind, name: policyName.trim(), amount: amount.trim() ? twoPlaces(amount.trim()) : null, description };
      const created = await api<AssessmentView>('POST', '/api/v1/assessments', { purpose, templateId: chosenTemplate, subject, year, ...(subjectKind !== 'project-target' ? { departmentId } : {}) });
      onClose();
      navigate(`/assessments/${created.id}`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const thisYear = new Date().getFullYear();
  return (
    <Modal open={open} title={t('新建评估评价', 'New assessment')} okText={t('创建', 'Create')} cancelText={t('取消', 'Cancel')} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} width={640} destroyOnHidden okButtonProps={{ ...({ 'data-testid': 'new-assessment-ok' } as Record<`data-${string}`, string>) }}>
      <ErrorAlert error={error} />
      <Form layout="vertical" data-testid="new-assessment-form">
        <Form.Item label={t('类型', 'Purpose')} required>
          <Select<AssessmentPurpose>
            aria-label={t('类型', 'Purpose')}
            value={purpose}
            onChange={(v) => {
              setPurpose(v);
              setTemplateId(undefined);
              setSubjectId(undefined);
            }}
            options={OPENED.map((o) => ({ value: o.purpose, label: pick(PURPOSE_NAMES[o.purpose]) }))}
          />
        </Form.Item>
        <Form.Item label={t('年度', 'Year')} required>
          <Select<number> aria-label={t('年度', 'Year')} value={year} onChange={setYear} options={Array.from({ length: 6 }, (_, k) => thisYear + 1 - k).map((y) => ({ value: y, label: String(y) }))} />
        </Form.Item>
        {subjectKind === 'project-target' && (
          <Form.Item label={t('被评估的项目申报表', 'Project form assessed')} required validateStatus={problems.subject ? 'error' : undefined} help={problems.subject}>
            <Select
              aria-label={t('被评估的项目申报表', 'Project form assessed')}
              showSearch
              filterOption={false}
              onSearch={setSearch}
              loading={forms.loading}
              value={subjectId}
              onChange={(v: string) => {
                setSubjectId(v);
                clear('subject');
              }}
              placeholder={t('输入项目或部门名称搜索', 'Type a project or department to search')}
              notFoundContent={forms.error ? t('无法载入申报表', 'The forms could not be loaded') : t('该年度没有符合的项目申报表', 'No project form of that year matches')}
              options={(forms.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.projectName ?? f.title ?? f.id} · ${f.departmentName}${f.summary.amount ? ` · ${f.summary.amount} 万元` : ''}` }))}
            />
          </Form.Item>
        )}
        {subjectKind !== 'project-target' && (
          <Form.Item label={t('部门', 'Department')} required validateStatus={problems.department ? 'error' : undefined} help={problems.department}>
            <Select aria-label={t('部门', 'Department')} showSearch optionFilterProp="label" value={departmentId} onChange={(v: string) => { setDepartmentId(v); clear('department'); }} loading={organisations.loading} options={departments.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
        )}
        {subjectKind === 'policy' && (
          <>
            <Form.Item label={t('政策名称', 'Policy')} required validateStatus={problems.policy ? 'error' : undefined} help={problems.policy}>
              <Input aria-label={t('政策名称', 'Policy')} value={policyName} maxLength={500} onChange={(e) => { setPolicyName(e.target.value); clear('policy'); }} />
            </Form.Item>
            <Form.Item label={t('申请金额（万元）', 'Amount asked (万元)')} validateStatus={problems.amount ? 'error' : undefined} help={problems.amount}>
              <Input aria-label={t('申请金额（万元）', 'Amount asked (万元)')} value={amount} inputMode="decimal" onChange={(e) => { setAmount(e.target.value); clear('amount'); }} />
            </Form.Item>
            <Form.Item label={t('政策内容', 'What the policy is')}>
              <Input.TextArea aria-label={t('政策内容', 'What the policy is')} value={description} maxLength={20_000} autoSize={{ minRows: 2, maxRows: 6 }} onChange={(e) => setDescription(e.target.value)} />
            </Form.Item>
          </>
        )}
        <Form.Item label={t('评分模板', 'Template')} required validateStatus={problems.template ? 'error' : undefined} help={problems.template}>
          <Select
            aria-label={t('评分模板', 'Template')}
            value={chosenTemplate}
            onChange={(v: string) => {
              setTemplateId(v);
              clear('template');
            }}
            loading={templates.loading}
            notFoundContent={templates.error ? t('无法载入模板', 'The templates could not be loaded') : t('没有适用的模板', 'No template applies')}
            options={(templates.data?.templates ?? []).map((x) => ({ value: x.id, label: `${x.name}${x.builtIn ? t('（内置）', ' (built in)') : t(`（第 ${x.version} 版）`, ` (version ${x.version})`)}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
