/** The offer of work an earlier visit left in this browser: restore it, or discard it. */
import { useLocale } from '../i18n/locale.tsx';
import type { UnsavedCopy } from './unsavedCopy.ts';

export function RestoreBanner({ copy, onRestore, onDiscard }: { copy: UnsavedCopy<unknown> | null; onRestore: () => void; onDiscard: () => void }) {
  const { t, time } = useLocale();
  if (!copy) return null;
  return (
    <div className="ant-alert ant-alert-warning notice-bar" role="status" data-testid="restore-banner">
      <span>{t(`此浏览器中有 ${time(copy.at)} 未保存的修改`, `This browser holds unsaved changes from ${time(copy.at)}`)}</span>
      <span className="notice-actions">
        <button type="button" className="btn small primary" onClick={onRestore}>
          {t('恢复', 'Restore')}
        </button>
        <button type="button" className="btn small" onClick={onDiscard}>
          {t('丢弃', 'Discard')}
        </button>
      </span>
    </div>
  );
}
