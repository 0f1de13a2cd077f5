/**
 * A small icon button for a row's move / insert / delete. Plain HTML with its icon drawn by CSS
 * (styles.css, `.row-button.icon-*`): the editor shows a few hundred of them, and a component and an
 * SVG per icon were a large part of the time to open a form.
 */

export type RowIcon = 'up' | 'down' | 'insert' | 'delete';

export interface RowButtonProps {
  readonly label: string;
  readonly icon: RowIcon;
  readonly onClick: () => void;
  readonly disabled?: boolean;
}

export function RowButton({ label, icon, onClick, disabled = false }: RowButtonProps) {
  return <button type="button" className={`row-button icon-${icon}${icon === 'delete' ? ' danger' : ''}`} title={label} aria-label={label} disabled={disabled} onClick={onClick} />;
}
