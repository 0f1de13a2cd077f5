/** A titled section of the editor: plain markup that looks like the app's cards, cheap to render. */
import type { ReactNode } from 'react';

export function EditorSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="editor-section" aria-label={title}>
      <h2>{title}</h2>
      <div className="editor-section-body">{children}</div>
    </section>
  );
}
