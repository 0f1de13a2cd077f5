/**
 * Which row of the department form a project form is: found by code, else by name, and corrected
 * here by its department when neither finds it (or finds the wrong one).
 */
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { DocumentLinks } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';

export function ProjectLinkPicker({ declarationId, link, onChanged, onError }: { declarationId: string; link: NonNullable<DocumentLinks['departmentForm']>; onChanged: () => void; onError: (error: unknown) => void }) {
  const { t } = useLocale();
  const [busy, setBusy] = useState(false);
  const choose = async (value: string) => {
    setBusy(true);
    onError(null);
    try {
      await api('PUT', `/api/v1/declarations/${declarationId}/link`, { rowName: value === '' ? null : value });
      onChanged();
    } catch (caught) {
      onError(caught);
    } finally {
      setBusy(false);
    }
  };
  const how = { user: t('由用户指定', 'set by a user'), code: t('按项目编码', 'by code'), name: t('按项目名称', 'by name') };
  return (
    <div className="link-picker no-print">
      <label htmlFor="project-link">{t('对应部门整体申报表中的项目：', 'Row of the department form: ')}</label>
      <select id="project-link" className="class-select" disabled={busy} value={link.linkedBy === 'user' ? (link.rowName ?? '') : ''} onChange={(e) => void choose(e.target.value)}>
        <option value="">{link.linkedBy && link.linkedBy !== 'user' && link.rowName ? t(`自动（${how[link.linkedBy]}：${link.rowName}）`, `automatic (${how[link.linkedBy]}: ${link.rowName})`) : t('自动（未找到对应的项目）', 'automatic (none found)')}</option>
        {link.rows.map((name, i) => (
          <option key={i} value={name}>
            {i + 1}. {name}
          </option>
        ))}
      </select>
    </div>
  );
}
