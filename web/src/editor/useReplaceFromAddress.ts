/**
 * Content handed to the editor by the page that opened it (从文件更新: a file's form, already shown
 * to the user as a diff): applied once as one undoable step and saved as a version with its note,
 * through the editor's usual save (a newer version saved meanwhile is merged). The address's state
 * is cleared, so a reload does not apply it twice.
 */
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { replaceWithOf } from '../declaration/replaceWith.ts';
import type { DocumentEditor } from './useDocumentEditor.ts';

export function useReplaceFromAddress<T>(doc: DocumentEditor<T>, accepts: (content: unknown) => content is T): void {
  const location = useLocation();
  const navigate = useNavigate();
  const applied = useRef(false);
  useEffect(() => {
    const asked = replaceWithOf(location.state);
    const content: unknown = asked?.replaceWith;
    if (applied.current || !asked || !accepts(content)) return;
    applied.current = true;
    navigate(location.pathname, { replace: true, state: null });
    doc.edit(() => content, 'structure');
    void doc.save({ note: asked.note });
  }, [location, navigate, doc, accepts]);
}
