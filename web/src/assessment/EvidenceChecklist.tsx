/**
 * The evidence checklist: each document the template asks for, its status (缺失 / 已收 / 已通过 /
 * 已驳回) and its files. The department (or the bureau, or an assigned agency) uploads a file against
 * an item while the assessment is open; the bureau accepts or rejects what came; anyone who reads the
 * assessment downloads the files (always as attachments).
 */
import Alert from 'antd/es/alert';
import Select from 'antd/es/select';
import Tag from 'antd/es/tag';
import { useRef, useState } from 'react';
import type { Assessment, EvidenceStatus } from '../../../src/core/assessment/assessment.ts';
import { apiUpload, api } from '../api/client.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { EVIDENCE_COLORS, EVIDENCE_NAMES, EVIDENCE_STATUSES } from './names.ts';
import type { EvidenceFile } from './types.ts';

export interface EvidenceChecklistProps {
  readonly id: string;
  readonly content: Assessment;
  readonly files: readonly EvidenceFile[];
  /** May upload (the department, the bureau, an assigned agency, while open). */
  readonly canUpload: boolean;
  /** May set an item's status (the bureau, while open). */
  readonly canJudge: boolean;
  readonly onStatus: (index: number, status: EvidenceStatus) => void;
  /** After an upload or a removal: the document and its files read again. */
  readonly onChanged: () => void;
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export function EvidenceChecklist({ id, content, files, canUpload, canJudge, onStatus, onChanged }: EvidenceChecklistProps) {
  const { t, pick, time } = useLocale();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inputs = useRef<Map<number, HTMLInputElement>>(new Map());
  const criterionName = new Map(content.template.criteria.map((c) => [c.id, `${c.id} ${c.name}`]));
  const missing = content.evidence.filter((e) => e.status === 'missing').length;

  const upload = async (index: number, file: File) => {
    const item = content.evidence[index];
    if (!item) return;
    setBusy(index);
    setError(null);
    setDone(null);
    try {
      const params = new URLSearchParams({ name: file.name, item: item.name, ...(item.criterion ? { criterion: item.criterion } : {}) });
      await apiUpload(`/api/v1/assessments/${id}/evidence?${params.toString()}`, file);
      setDone(t(`已上传「${file.name}」（${item.name}）`, `Uploaded "${file.name}" (${item.name})`));
      onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
      const input = inputs.current.get(index);
      if (input) input.value = '';
    }
  };

  const remove = async (file: EvidenceFile) => {
    setError(null);
    setDone(null);
    try {
      await api('DELETE', `/api/v1/assessments/${id}/evidence/${file.id}`);
      setDone(t(`已删除「${file.name}」`, `Removed "${file.name}"`));
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <div data-testid="evidence-checklist">
      <p className="secondary">
        {missing > 0 ? t(`共 ${content.evidence.length} 项材料，还缺 ${missing} 项。`, `${content.evidence.length} items, ${missing} missing.`) : t(`共 ${content.evidence.length} 项材料，均已提供。`, `${content.evidence.length} items, all provided.`)}
        {canUpload ? t('文件类型按内容识别（PDF、图片、Office、OFD、压缩包、文本），单个文件不超过地区限额。', ' Files are typed by their bytes (PDF, images, Office, OFD, zip, text), each within the region’s limit.') : ''}
      </p>
      <ErrorAlert error={error} />
      {done && (
        <Alert type="success" showIcon role="status" data-testid="evidence-done" style={{ marginBottom: 12 }} message={<>
          {done}
        </>} />
      )}
      <div className="editor-table-scroll">
        <table className="editor-table assessment-sheet">
          <caption className="visually-hidden">{t('佐证材料清单', 'Evidence checklist')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('材料', 'Document')}</th>
              <th scope="col">{t('对应指标', 'Criterion')}</th>
              <th scope="col">{t('状态', 'Status')}</th>
              <th scope="col">{t('文件', 'Files')}</th>
              {canUpload && <th scope="col">{t('上传', 'Upload')}</th>}
            </tr>
          </thead>
          <tbody>
            {content.evidence.map((item, index) => {
              const own = files.filter((f) => f.item === item.name && (f.criterion ?? null) === (item.criterion ?? null));
              return (
                <tr key={`${item.criterion ?? ''}-${item.name}`} data-testid={`evidence-row-${index}`} data-status={item.status}>
                  <th scope="row">{item.name}</th>
                  <td>{item.criterion ? (criterionName.get(item.criterion) ?? item.criterion) : t('整体', 'whole')}</td>
                  <td>
                    {canJudge ? (
                      <Select<EvidenceStatus> size="small" aria-label={t(`${item.name} 状态`, `${item.name} status`)} value={item.status} style={{ width: 110 }} onChange={(v) => onStatus(index, v)} options={EVIDENCE_STATUSES.map((s) => ({ value: s, label: pick(EVIDENCE_NAMES[s]) }))} />
                    ) : (
                      <Tag color={EVIDENCE_COLORS[item.status]}>{pick(EVIDENCE_NAMES[item.status])}</Tag>
                    )}
                  </td>
                  <td>
                    {own.length === 0 ? (
                      <span className="secondary">—</span>
                    ) : (
                      <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                        {own.map((f) => (
                          <li key={f.id}>
                            <a href={`/api/v1/assessments/${id}/evidence/${f.id}`} download={f.name} data-testid="evidence-download">
                              {f.name}
                            </a>{' '}
                            <span className="secondary">
                              {size(f.size)} · {f.uploadedBy?.displayName ?? ''} · {time(f.uploadedAt)}
                            </span>
                            {canUpload && (
                              <button type="button" className="btn text small" onClick={() => void remove(f)} aria-label={t(`删除 ${f.name}`, `Remove ${f.name}`)}>
                                {t('删除', 'Remove')}
                              </button>
                            )}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  {canUpload && (
                    <td>
                      <label className="btn small">
                        {busy === index ? t('上传中…', 'Uploading…') : t('选择文件', 'Choose a file')}
                        <input
                          type="file"
                          className="visually-hidden"
                          aria-label={t(`上传 ${item.name}`, `Upload ${item.name}`)}
                          disabled={busy !== null}
                          ref={(el) => {
                            if (el) inputs.current.set(index, el);
                          }}
                          onChange={(e) => {
                            const file = e.target.files?.[0];
                            if (file) void upload(index, file);
                          }}
                        />
                      </label>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
