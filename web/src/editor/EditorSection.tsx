/** A titled section of the editor: plain markup that looks like the app's cards, cheap to render. */
import type { ReactNode } from 'react';

/** `belowFold`: starts out of view on a desktop screen, so its layout waits until it is scrolled to (styles.css). */
export function EditorSection({ title, belowFold = false, children }: { title: string; belowFold?: boolean; children: ReactNode }) {
  return (
    <section className={belowFold ? 'editor-section below-fold' : 'editor-section'} aria-label={title}>
      <h2>{title}</h2>
      <div className="editor-section-body">{children}</div>
    </section>
  );
}
