/**
 * Leaving a page with unsaved work asks first: closing or reloading the tab (the browser's own
 * question), and moving elsewhere in the app — a menu link, a link on the page, the browser's Back
 * and Forward — with the app's question: stay, save and leave, or leave without saving.
 */
import { useEffect } from 'react';
import { useBlocker, type Blocker } from 'react-router';
import { useLocale } from '../i18n/locale.tsx';

/** Asks before leaving while `unsaved`; the blocker's state is `blocked` while the question is open. */
export function useLeavePrompt(unsaved: boolean): Blocker {
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [unsaved]);
  // Another address within the page (a query, a hash) is not leaving.
  return useBlocker(({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname);
}

/** The question, while the blocker holds a navigation. Without `onSave` (or while entries are invalid) there is no "save and leave". */
export function LeavePrompt({ blocker, invalid, onSave, keptInBrowser = true }: { blocker: Blocker; invalid: boolean; onSave?: () => Promise<boolean>; keptInBrowser?: boolean }) {
  const { t } = useLocale();
  if (blocker.state !== 'blocked') return null;
  return (
    // Escape stays, as the first button does.
    <div
      className="leave-prompt"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="leave-title"
      aria-describedby="leave-text"
      data-testid="leave-prompt"
      onKeyDown={(event) => {
        if (event.key === 'Escape') blocker.reset();
      }}
    >
      <div className="leave-prompt-box">
        <h2 id="leave-title">{invalid ? t('有无效的输入尚未保存', 'Some entries are invalid and not saved') : t('有修改尚未保存', 'There are unsaved changes')}</h2>
        <p id="leave-text">
          {keptInBrowser
            ? t('离开后，未保存的修改仍会保留在此浏览器中，下次打开时可以恢复。', 'If you leave, the unsaved changes stay in this browser and can be restored next time.')
            : t('离开将丢失这些修改。', 'Leaving loses these changes.')}
        </p>
        <div className="leave-prompt-actions">
          <button type="button" className="btn" onClick={() => blocker.reset()} autoFocus>
            {t('留在此页', 'Stay')}
          </button>
          {!invalid && onSave && (
            <button
              type="button"
              className="btn primary"
              onClick={() => {
                void onSave().then((saved) => (saved ? blocker.proceed() : blocker.reset()));
              }}
            >
              {t('保存后离开', 'Save and leave')}
            </button>
          )}
          <button type="button" className="btn" onClick={() => blocker.proceed()}>
            {t('不保存，离开', 'Leave without saving')}
          </button>
        </div>
      </div>
    </div>
  );
}
