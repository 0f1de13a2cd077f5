/**
 * A text area of the editor's grid that grows with its text. Native, styled to match: the editor
 * holds a hundred of them, and Ant Design's text area (a resize observer and measuring per box)
 * made opening a form take seconds. CSS `field-sizing: content` does the growing.
 */
import type { TextareaHTMLAttributes } from 'react';

export function GrowingTextArea(props: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea {...props} className="cell-input growing" rows={1} />;
}
