/** The review comments on one field, shown beside its label; the department sees every one where it applies. */
import { CommentMarker, commentsUnder } from './CommentMarker.tsx';
import { useEditorFields } from './editorFields.tsx';

export function FieldComments({ path, under = false }: { path: string; under?: boolean }) {
  const { comments } = useEditorFields();
  return <CommentMarker comments={under ? commentsUnder(comments, path) : comments.get(path)} />;
}
