/**
 * The source of an import as the user knows it: a workbook's sheets as grids (merged cells merged,
 * each cell titled with its reference), a PDF's pages drawn with the cells found on them, a web
 * page's tables. Cells whose text the importer could not place are marked, so the user sees what
 * was left and where.
 */
import Tabs from 'antd/es/tabs';
import { useMemo, useState } from 'react';
import type { SourceSheet, SourceTables as Tables, TableCell } from '../../../src/table/sourceTable.ts';
import { useLocale } from '../i18n/locale.tsx';

export interface SourceTablesProps {
  readonly source: Tables;
  /** References of the cells holding unparsed text (`Sheet1!C12`, `第2页 第5行第3列`). */
  readonly unparsed: ReadonlySet<string>;
  /** The sheet to show (the form shown of several, one a sheet); null: the first, the user picks. */
  readonly sheet?: number | null;
  /** A sheet picked while `sheet` is given: the page shows that form. */
  readonly onSheet?: (sheet: number) => void;
  /** A PDF as the cells found, in a grid one can read (default), or as its pages drawn. */
  readonly pdfView?: 'cells' | 'pages';
}

function SheetGrid({ sheet, unparsed }: { sheet: SourceSheet; unparsed: ReadonlySet<string> }) {
  const { t } = useLocale();
  const width = useMemo(() => Math.max(1, ...sheet.rows.flatMap((row) => row.map((c) => c.col + c.colSpan))), [sheet]);
  // Rows with nothing in them (spacing rows of a sheet) are left out, merged cells over them kept.
  return (
    <div className="source-grid-wrap">
      <table className="source-grid" aria-label={t(`工作表「${sheet.name}」`, `sheet ${sheet.name}`)}>
        <tbody>
          {sheet.rows.map((row, r) => (
            <tr key={r}>
              <th scope="row" className="source-grid-row">
                {r + 1}
              </th>
              {cellsWithGaps(row, r, width, sheet).map((cell, i) =>
                cell === null ? (
                  <td key={`g${i}`} className="source-grid-empty" />
                ) : (
                  <td key={cell.ref} rowSpan={cell.rowSpan} colSpan={cell.colSpan} title={cell.ref} className={unparsed.has(cell.ref) ? 'unparsed' : undefined} data-ref={cell.ref} data-unparsed={unparsed.has(cell.ref) || undefined}>
                    {cell.text}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The cells of a row with an empty cell for each free position (not covered from above or the left). */
function cellsWithGaps(row: readonly TableCell[], r: number, width: number, sheet: SourceSheet): (TableCell | null)[] {
  const covered = new Set<number>();
  for (let above = 0; above < r; above++) {
    for (const cell of sheet.rows[above] ?? []) {
      if (cell.row + cell.rowSpan > r) for (let c = cell.col; c < cell.col + cell.colSpan; c++) covered.add(c);
    }
  }
  const out: (TableCell | null)[] = [];
  let c = 0;
  const starts = new Map(row.map((cell) => [cell.col, cell]));
  while (c < width) {
    const cell = starts.get(c);
    if (cell) {
      out.push(cell);
      c += cell.colSpan;
    } else {
      if (!covered.has(c)) out.push(null);
      c++;
    }
  }
  return out;
}

/** A PDF's pages, each drawn at its size with the cells found on it and their text. */
function PdfPages({ sheet, unparsed }: { sheet: SourceSheet; unparsed: ReadonlySet<string> }) {
  const { t } = useLocale();
  const pages = sheet.pages ?? [];
  const byPage = useMemo(() => {
    const map = new Map<number, TableCell[]>();
    for (const row of sheet.rows) for (const cell of row) if (cell.box) map.set(cell.box.page, [...(map.get(cell.box.page) ?? []), cell]);
    return map;
  }, [sheet]);
  return (
    <div className="source-pages">
      {pages.map((page, p) => (
        <figure key={p} className="source-page">
          <svg viewBox={`0 0 ${page.width} ${page.height}`} role="img" aria-label={t(`第 ${p + 1} 页`, `page ${p + 1}`)}>
            <rect x={0} y={0} width={page.width} height={page.height} fill="#fff" stroke="#d9d9d9" />
            {(byPage.get(p + 1) ?? []).map((cell) => {
              const box = cell.box;
              if (!box) return null;
              const bad = unparsed.has(cell.ref);
              return (
                <g key={cell.ref} data-unparsed={bad || undefined}>
                  <title>{`${cell.ref}: ${cell.text}`}</title>
                  <rect x={box.x} y={box.y} width={box.width} height={box.height} fill={bad ? '#fff1f0' : 'none'} stroke={bad ? '#ff4d4f' : '#bfbfbf'} strokeWidth={bad ? 1.5 : 0.5} />
                  <text x={box.x + 2} y={box.y + Math.min(box.height - 2, 9)} fontSize={7} fill="#262626">
                    {cell.text.length > Math.max(2, box.width / 7) ? `${cell.text.slice(0, Math.max(2, Math.floor(box.width / 7)))}…` : cell.text}
                  </text>
                </g>
              );
            })}
          </svg>
          <figcaption>{t(`第 ${p + 1} 页`, `Page ${p + 1}`)}</figcaption>
        </figure>
      ))}
    </div>
  );
}

export function SourceTables({ source, unparsed, sheet = null, onSheet, pdfView = 'cells' }: SourceTablesProps) {
  const { t } = useLocale();
  const [picked, setPicked] = useState('0');
  if (source.format === 'pdf') return source.sheets[0] ? pdfView === 'pages' ? <PdfPages sheet={source.sheets[0]} unparsed={unparsed} /> : <SheetGrid sheet={source.sheets[0]} unparsed={unparsed} /> : null;
  if (source.sheets.length === 1 && source.sheets[0]) return <SheetGrid sheet={source.sheets[0]} unparsed={unparsed} />;
  return (
    <Tabs
      size="small"
      activeKey={sheet === null ? picked : String(sheet)}
      onChange={(key) => (sheet !== null && onSheet ? onSheet(Number(key)) : setPicked(key))}
      items={source.sheets.map((sheet, i) => ({
        key: String(i),
        label: `${sheet.name}${sheet.rows.some((row) => row.some((c) => unparsed.has(c.ref))) ? t('（有未识别）', ' (unparsed)') : ''}`,
        children: <SheetGrid sheet={sheet} unparsed={unparsed} />,
      }))}
    />
  );
}
