/**
 * A small icon button for a row's move / insert / delete. Plain HTML: the editor shows a few hundred
 * of them, and a full Ant Design button per icon was a large part of the time to open a form.
 */
import type { ReactNode } from 'react';

export interface RowButtonProps {
  readonly label: string;
  readonly icon: ReactNode;
  readonly onClick: () => void;
  readonly disabled?: boolean;
  readonly danger?: boolean;
}

export function RowButton({ label, icon, onClick, disabled = false, danger = false }: RowButtonProps) {
  return (
    <button type="button" className={danger ? 'row-button danger' : 'row-button'} title={label} aria-label={label} disabled={disabled} onClick={onClick}>
      {icon}
    </button>
  );
}
