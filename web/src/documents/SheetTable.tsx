/**
 * A section of a document page laid out as a table of the official form (a budget block, the
 * indicators), the same in every kind: a card with its title, the column heads, the kind's rows.
 * As a grid (`grid`), it scrolls sideways, moves like Excel (Enter/↑↓ down and up a column, Ctrl+S
 * saves) and may take a block pasted from Excel.
 */
import { Card } from 'antd';
import type { ClipboardEvent, ReactNode, RefObject } from 'react';
import { moveInGrid } from '../components/gridNavigation.ts';

export interface SheetGrid {
  readonly tableRef: RefObject<HTMLTableElement | null>;
  /** Ctrl+S in the grid. */
  readonly onSave: () => void;
  readonly onPaste?: (event: ClipboardEvent<HTMLTableElement>) => void;
  /** How to move and paste, shown beside the title (empty for a reader). */
  readonly hint: string;
}

/** A card holding one table (and what the kind shows under it, `after`); `false` among the heads leaves a column out (a reviewer's comment column). */
export function SheetTable({ title, testId, headers, grid, after, children }: { title: string; testId: string; headers: ReadonlyArray<ReactNode | false>; grid?: SheetGrid; after?: ReactNode; children: ReactNode }) {
  const table = (
    <table className="monitor-grid" ref={grid?.tableRef} onKeyDown={grid ? (event) => moveInGrid(event, grid.tableRef.current, grid.onSave) : undefined} onPaste={grid?.onPaste} data-testid={testId}>
      <thead>
        <tr>
          {headers.map((header, k) => (header === false ? null : <th key={k}>{header}</th>))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  return (
    <Card size="small" title={title} extra={grid?.hint ? <span className="cell-hint">{grid.hint}</span> : null} style={{ marginBottom: 12 }}>
      {grid ? <div className="grid-scroll">{table}</div> : table}
      {after}
    </Card>
  );
}
