/**
 * What a target form's editor does when its save meets a version saved meanwhile: edits of different
 * fields are merged and saved at once (with a word to the user); where both changed the same thing,
 * nothing is saved until the user has chosen, field by field, in the conflict dialog.
 */
import { lazy, Suspense, useState, type ReactNode } from 'react';
import type { TargetDocument } from '../../../src/core/document.ts';
import type { Resolution } from '../../../src/core/declarationDiff.ts';
import type { ApiError } from '../api/client.ts';
import { useLocale } from '../i18n/locale.tsx';
import type { Conflict } from './ConflictModal.tsx';
import type { ConflictOutcome, DocumentEditor } from './useDocumentEditor.ts';

const ConflictModal = lazy(() => import('./ConflictModal.tsx').then((m) => ({ default: m.ConflictModal })));

/** The merge of target forms: fetched when a save first loses a race, not with the editor (a conflict is rare). */
const loadMerge = () => import('../../../src/core/declarationDiff.ts');

/** The version the server reports in its 409. */
interface CurrentAnswer<D> {
  readonly content: D;
  readonly createdAt: string;
  readonly authorId: string;
  readonly authorName?: string;
}

/** The editor's `onConflict` (a merge of different fields is told through `tell`) and the dialog that asks about clashing fields. */
export function useConflictDialog<D extends TargetDocument>(userId: string | undefined) {
  const { t, time } = useLocale();
  const [conflict, setConflict] = useState<Conflict<D> | null>(null);

  const onConflict = async (error: ApiError, base: D, mine: D, tell: (text: string) => void): Promise<ConflictOutcome<D>> => {
    const current = error.extra.current as CurrentAnswer<D> | undefined;
    const currentVersion = error.extra.currentVersion as number;
    if (!current) throw error;
    const { mergeDeclarations } = await loadMerge();
    const merge = mergeDeclarations(base, mine, current.content);
    const authorName = current.authorId === userId ? null : (current.authorName ?? t('他人', 'someone else'));
    if (merge.conflicts.length > 0) {
      setConflict({ version: currentVersion, content: current.content, createdAt: current.createdAt, authorName, merge });
      return null;
    }
    // Edits of different fields: both kept, saved over their version at once.
    tell(
      authorName
        ? t(`${authorName}于 ${time(current.createdAt, 'clock')} 保存了第 ${currentVersion} 版，已与你的修改合并`, `${authorName} saved version ${currentVersion} at ${time(current.createdAt, 'clock')}; merged with your changes`)
        : t(`另一窗口于 ${time(current.createdAt, 'clock')} 保存了第 ${currentVersion} 版，已与本窗口的修改合并`, `another window saved version ${currentVersion} at ${time(current.createdAt, 'clock')}; merged with this one`),
    );
    return { merged: merge.merged, theirs: current.content, version: currentVersion };
  };

  const dialog = (doc: Pick<DocumentEditor<D>, 'adopt' | 'save' | 'setStatus'>): ReactNode =>
    conflict && (
      <Suspense fallback={null}>
        <ConflictModal
          conflict={conflict}
          onResolve={(choices: ReadonlyMap<string, Resolution>) => {
            // Loaded already: the merge that opened this dialog came from it.
            void loadMerge().then(({ resolveMerge }) => {
              const resolved = resolveMerge(conflict.merge, choices);
              doc.adopt({ content: resolved, saved: conflict.content, version: conflict.version });
              setConflict(null);
              void doc.save({ baseVersion: conflict.version, content: resolved });
            });
          }}
          onTakeTheirs={() => {
            doc.adopt({ content: conflict.content, saved: conflict.content, version: conflict.version });
            setConflict(null);
            doc.setStatus('saved');
          }}
        />
      </Suspense>
    );

  return { onConflict, dialog };
}
