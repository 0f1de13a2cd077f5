/**
 * 从文件更新: an edited export (Excel, PDF, any format the importer reads) brought back into its
 * draft. The file is read by the server's readers, the draft's form found in it, and the changes
 * shown as a diff; applying opens the editor with them as one undoable step, saved as a new version
 * through the editor's usual handling (autosave, the merge when someone saved meanwhile).
 */
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Empty from 'antd/es/empty';
import Modal from 'antd/es/modal';
import Upload from 'antd/es/upload';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { diffDeclarations } from '../../../src/core/declarationDiff.ts';
import type { TargetDocument } from '../../../src/core/document.ts';
import { api } from '../api/client.ts';
import { fileToBase64 } from '../api/fileData.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { ChangesTable } from './ChangesTable.tsx';
import type { ReplaceWith } from './replaceWith.ts';
import { asUpdateOf, matchingDocument } from './updateFromFile.ts';

export function UpdateFromFileDialog({ draftId, draft, preset, onClose }: { draftId: string; draft: TargetDocument; preset?: { name: string; documents: readonly TargetDocument[] }; onClose: () => void }) {
  const { t } = useLocale();
  const navigate = useNavigate();
  const [read, setRead] = useState<{ name: string; documents: readonly TargetDocument[] } | null>(preset ?? null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const match = read ? matchingDocument(read.documents, draft) : null;
  const next = match?.ok ? asUpdateOf(match.document, draft) : null;
  const changes = useMemo(() => (next ? diffDeclarations(draft, next) : []), [draft, next]);

  const readFile = async (file: File) => {
    setReading(true);
    setError(null);
    try {
      const data = await fileToBase64(file);
      const answer = await api<{ documents: TargetDocument[] }>('POST', '/api/v1/declarations/import/preview', { file: { name: file.name, data } });
      setRead({ name: file.name, documents: answer.documents });
    } catch (caught) {
      setError(caught);
    } finally {
      setReading(false);
    }
  };

  return (
    <Modal
      open
      width={960}
      title={t('从文件更新草稿', 'Update the draft from a file')}
      okText={t('应用到草稿', 'Apply to the draft')}
      cancelText={t('取消', 'Cancel')}
      okButtonProps={{ disabled: !next || changes.length === 0 }}
      onOk={() => {
        if (!next || !read) return;
        const state: ReplaceWith = { replaceWith: next, note: `由文件 ${read.name} 更新 (updated from ${read.name})` };
        navigate(`/declarations/${draftId}/edit`, { state });
      }}
      onCancel={onClose}
    >
      <p>{t('选择导出后修改过的 Excel，或任何格式的同一张表（PDF、Word、网页、文本）。先看差异，应用后在编辑器中保存为新版本，可撤销。', 'Choose the edited Excel export, or the same form in any format (PDF, Word, web page, text). See the differences first; once applied, the editor saves them as a new version, and they can be undone.')}</p>
      <Upload accept=".xlsx,.xls,.docx,.pdf,.html,.htm,.txt,.csv" showUploadList={false} beforeUpload={(file) => { void readFile(file); return false; }}>
        <Button loading={reading} data-testid="update-file">{read ? t(`换一个文件（当前：${read.name}）`, `Another file (now: ${read.name})`) : t('选择文件…', 'Choose a file…')}</Button>
      </Upload>
      <ErrorAlert error={error} />
      {match && !match.ok && (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          message={match.problem === 'no-form-of-kind' ? t('文件中没有这种申报表', 'The file holds no form of this kind') : t('文件中有多张项目申报表，没有与此草稿同名的项目', 'The file holds several project forms, none of this draft’s project')}
        />
      )}
      {next && (
        <div style={{ marginTop: 12 }} data-testid="update-diff">
          {changes.length === 0 ? (
            <Empty description={t('文件与草稿相同，没有要更新的内容', 'The file is the same as the draft: nothing to update')} />
          ) : (
            <>
              <Alert style={{ marginBottom: 8 }} type="info" showIcon message={t(`文件与草稿有 ${changes.length} 处不同；部门与年度保持草稿的`, `${changes.length} differences from the draft; the draft’s department and year are kept`)} />
              <ChangesTable changes={changes} older={draft} newer={next} testId="update-changes" />
            </>
          )}
        </div>
      )}
    </Modal>
  );
}
