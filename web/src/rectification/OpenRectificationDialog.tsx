/**
 * The bureau opens a rectification item: from where the problem was found (a returned target form, a
 * monitoring report accepted with advice, an assessment's or a sampling review's finding — the
 * department, year, project and words are carried over by the server) or by hand (the department and
 * year named). The deadline, the requirement and the evidence asked for are the bureau's.
 */
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import Select from 'antd/es/select';
import { useMemo, useState } from 'react';
import type { RegionNode } from '../../../src/format/apiTypes.ts';
import { api, ApiError, query } from '../api/client.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { RECTIFICATION_SOURCES, SOURCE_KINDS, SOURCE_NAMES, type RectificationSource } from './names.ts';

interface SourceDocument {
  readonly id: string;
  readonly departmentName: string;
  readonly projectName: string | null;
  readonly title: string | null;
  readonly state: string;
  readonly year: number;
}

/** Every live department of the regions the user reaches. */
function departmentsOf(regions: readonly RegionNode[]): Array<{ id: string; name: string }> {
  return regions.flatMap((r) => [...r.departments.filter((d) => d.archivedAt === null).map((d) => ({ id: d.id, name: d.name })), ...departmentsOf(r.children)]);
}

export interface OpenRectificationDialogProps {
  readonly defaultYear: number;
  /** Pre-filled from the address (`?new=monitoring-report&source=ID`): the item opened from that document. */
  readonly initialSource?: { type: RectificationSource; documentId: string } | null;
  readonly onClose: () => void;
  readonly onOpened: (id: string) => void;
}

export function OpenRectificationDialog({ defaultYear, initialSource, onClose, onOpened }: OpenRectificationDialogProps) {
  const { t, pick } = useLocale();
  const [type, setType] = useState<RectificationSource>(initialSource?.type ?? 'manual');
  const [documentId, setDocumentId] = useState<string | undefined>(initialSource?.documentId);
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [year, setYear] = useState(defaultYear);
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState('');
  const [projectName, setProjectName] = useState('');
  const [deadline, setDeadline] = useState(`${defaultYear}-12-31`);
  const [requirement, setRequirement] = useState('');
  const [evidence, setEvidence] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const manual = type === 'manual';
  const organisations = useResource(manual ? 'organisations' : null, () => api<{ regions: RegionNode[] }>('GET', '/api/v1/organisations'));
  const departments = useMemo(() => departmentsOf(organisations.data?.regions ?? []), [organisations.data]);
  const sourceKind = manual ? null : SOURCE_KINDS[type];
  const sourcesPath = sourceKind ? `/api/v1/documents${query({ kind: sourceKind, year, pageSize: 100 })}` : null;
  const sources = useResource(sourcesPath, () => api<{ items: SourceDocument[] }>('GET', sourcesPath ?? ''));
  const sourceOptions = (sources.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.departmentName} · ${d.projectName ?? d.title ?? d.id}` }));
  if (documentId && !sourceOptions.some((o) => o.value === documentId)) sourceOptions.unshift({ value: documentId, label: documentId });
  const years = Array.from({ length: 5 }, (_, k) => defaultYear + 1 - k);
  const lines = (text: string) => text.split(/\n|；|;/).map((s) => s.trim()).filter(Boolean);

  const submit = async () => {
    // By hand there is nothing to carry the problem over from: the server would name it only "手工登记".
    if (manual && title.trim() === '') {
      setError(new ApiError(400, 'validation-failed', { zh: '请写明整改问题', en: 'name the problem' }, [{ field: 'title', message: 'required' }]));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = {
        source: manual ? { type } : { type, ...(documentId ? { documentId } : {}) },
        ...(manual ? { departmentId, year } : {}),
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(problem.trim() ? { problem } : {}),
        ...(projectName.trim() ? { projectName: projectName.trim() } : {}),
        deadline,
        ...(requirement.trim() ? { requirement } : {}),
        evidenceRequired: lines(evidence),
      };
      const created = await api<{ id: string }>('POST', '/api/v1/rectifications', body);
      onOpened(created.id);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('登记整改事项', 'Open a rectification item')} okText={t('登记', 'Open')} cancelText={t('取消', 'Cancel')} confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} okButtonProps={{ ...({ 'data-testid': 'open-rectification-ok' } as Record<`data-${string}`, string>) }} width={640}>
      <div style={{ display: "grid", gap: 4 }} data-testid="open-rectification">
        <label className="field-label">
          {t('问题来源', 'Found in')}
          <Select aria-label={t('问题来源', 'Found in')} value={type} onChange={(v: RectificationSource) => { setType(v); setDocumentId(undefined); }} options={RECTIFICATION_SOURCES.map((s) => ({ value: s, label: pick(SOURCE_NAMES[s]) }))} style={{ width: '100%' }} />
        </label>
        <label className="field-label">
          {t('年度', 'Year')}
          <Select aria-label={t('年度', 'Year')} value={year} onChange={(v: number) => setYear(v)} options={years.map((y) => ({ value: y, label: t(`${y} 年度`, String(y)) }))} style={{ width: '100%' }} />
        </label>
        {manual ? (
          <label className="field-label">
            {t('责任部门', 'Department responsible')}
            <Select aria-label={t('责任部门', 'Department responsible')} showSearch optionFilterProp="label" value={departmentId} onChange={(v: string) => setDepartmentId(v)} loading={organisations.loading} options={departments.map((d) => ({ value: d.id, label: d.name }))} style={{ width: '100%' }} />
          </label>
        ) : (
          <label className="field-label">
            {t('发现问题的文件', 'The document it was found in')}
            <Select aria-label={t('发现问题的文件', 'The document it was found in')} showSearch optionFilterProp="label" value={documentId} onChange={(v: string) => setDocumentId(v)} loading={sources.loading} options={sourceOptions} style={{ width: '100%' }} />
            <span className="cell-hint">{t('部门、年度、项目和问题描述取自该文件，可在下方改写。', 'The department, year, project and the problem’s words come from it; what you write below takes their place.')}</span>
          </label>
        )}
        <label className="field-label">
          {t(manual ? '问题（必填）' : '问题（留空则取自来源）', manual ? 'Problem (required)' : 'Problem (blank: from the source)')}
          <Input aria-label={t('问题', 'Problem')} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field-label">
          {t('问题描述', 'Description')}
          <Input.TextArea aria-label={t('问题描述', 'Description')} rows={2} value={problem} maxLength={5000} onChange={(e) => setProblem(e.target.value)} />
        </label>
        {manual && (
          <label className="field-label">
            {t('涉及项目（可空：部门整体）', 'Project (blank: the whole department)')}
            <Input aria-label={t('涉及项目', 'Project')} value={projectName} maxLength={200} onChange={(e) => setProjectName(e.target.value)} />
          </label>
        )}
        <label className="field-label">
          {t('整改期限', 'Deadline')}
          <div>
            <Input type="date" aria-label={t('整改期限', 'Deadline')} value={deadline} onChange={(e) => setDeadline(e.target.value)} style={{ width: 180 }} />
          </div>
        </label>
        <label className="field-label">
          {t('整改要求', 'What is asked')}
          <Input.TextArea aria-label={t('整改要求', 'What is asked')} rows={2} value={requirement} maxLength={5000} onChange={(e) => setRequirement(e.target.value)} />
        </label>
        <label className="field-label">
          {t('佐证材料要求（每行一项）', 'Evidence required (one a line)')}
          <Input.TextArea aria-label={t('佐证材料要求', 'Evidence required')} rows={2} value={evidence} onChange={(e) => setEvidence(e.target.value)} />
        </label>
      </div>
      <ErrorAlert error={error} />
    </Modal>
  );
}
