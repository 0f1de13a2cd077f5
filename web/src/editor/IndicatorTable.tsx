/**
 * The indicator tree edited as a table, one row per third-level indicator: classes chosen from the
 * national framework, targets understood as typed, rows added, moved and deleted (each undoable),
 * a block pasted from a spreadsheet spread over rows and columns, and the comments on each row. The
 * one grid of every target form: the department form's as it is, the project form's with its own
 * columns after the targets (unit, standard, points, note, ★) and its name box.
 */
import PlusOutlined from '@ant-design/icons/es/icons/PlusOutlined';
import Button from 'antd/es/button';
import { memo, useCallback, useRef, useState, type ReactNode } from 'react';
import type { IndicatorRow as Row } from '../../../src/core/document.ts';
import { classesUnder, LEVEL1 } from '../../../src/core/indicatorFramework.ts';
import { useLocale } from '../i18n/locale.tsx';
import { ClassSelect } from './ClassSelect.tsx';
import { CarriedOverMark } from './CarriedOverMark.tsx';
import { editIndicator, groupByClass, insertItem, moveItem, placeInClass, removeItem, replaceItem } from './editing.ts';
import { useEditorFields } from './editorFields.tsx';
import { FieldComments } from './FieldComments.tsx';
import { GrowingTextArea } from './GrowingTextArea.tsx';
import { LibrarySuggestions } from './LibrarySuggestions.tsx';
import { pastedCells, planPaste, spreadPlanned } from './pasteGrid.ts';
import { deletion, structural } from './rowActions.ts';
import { RowButton } from './RowButton.tsx';
import { TargetInput } from './TargetInput.tsx';

/** The grid's columns in order, for pasting: what a copied spreadsheet row holds. */
const COLUMNS = ['level1', 'level2', 'name', 'periodTarget', 'annualTarget'] as const;
type Column = (typeof COLUMNS)[number];
const COLUMN_NAMES: Record<Column, readonly [string, string]> = { level1: ['一级指标', 'level 1'], level2: ['二级指标', 'level 2'], name: ['三级指标', 'indicator'], periodTarget: ['实施周期指标值', 'period target'], annualTarget: ['年度指标值', 'annual target'] };
/** Header texts a copied block may start with. */
const HEADERS: Record<Column, readonly string[]> = { level1: ['一级指标'], level2: ['二级指标'], name: ['三级指标', '指标名称'], periodTarget: ['实施周期指标值', '实施期指标值', '中长期指标值'], annualTarget: ['年度指标值', '指标值'] };

/** A row of any target form: the framework's columns, and a mark when copied from last year. */
type AnyRow = Row & { readonly carriedOver?: string | undefined };

/** A column a kind adds after the targets: its head, its width, and its cell. */
export interface ExtraColumn<R> {
  readonly key: string;
  readonly header: ReactNode;
  readonly className?: string;
  readonly cell: (row: R, index: number, edit: (row: R) => void) => ReactNode;
}

/** The name cell, where a kind has its own box (the project form picks from a list). */
export type NameCell<R> = (row: R, index: number, handlers: { edit: (row: R) => void; reclass: (row: R) => void }) => ReactNode;

interface RowProps<R extends AnyRow> {
  readonly index: number;
  readonly count: number;
  readonly indicator: R;
  readonly onEdit: (index: number, indicator: R) => void;
  /** A change of class: the row then joins its class's block. */
  readonly onReclass: (index: number, indicator: R) => void;
  readonly onMove: (from: number, to: number) => void;
  readonly onInsert: (at: number) => void;
  readonly onRemove: (at: number) => void;
  readonly onPaste: (index: number, column: Column, event: React.ClipboardEvent<HTMLElement>) => void;
  readonly extraColumns: readonly ExtraColumn<R>[];
  readonly nameCell: NameCell<R> | undefined;
}

function IndicatorRowCells<R extends AnyRow>({ index, count, indicator, onEdit, onReclass, onMove, onInsert, onRemove, onPaste, extraColumns, nameCell }: RowProps<R>) {
  const { t } = useLocale();
  // The library is asked only while this row's name is being typed in (focus within its cell).
  const [typing, setTyping] = useState(false);
  const path = `/indicators/${index}`;
  const n = index + 1;
  return (
    <tr data-path={path} data-testid="indicator-row">
      <td className="center">
        {n}
        <FieldComments path={path} under />
      </td>
      <td data-path={`${path}/level1`} onPaste={(e) => onPaste(index, 'level1', e)}>
        <ClassSelect
          label={t(`第 ${n} 行一级指标`, `row ${n} level 1`)}
          value={indicator.level1}
          options={LEVEL1}
          onChange={(level1) => {
            const allowed = classesUnder(level1);
            const level2 = indicator.level2 && allowed.includes(indicator.level2) ? indicator.level2 : (allowed[0] ?? null);
            onReclass(index, { ...indicator, level1, level2 });
          }}
        />
      </td>
      <td data-path={`${path}/level2`} onPaste={(e) => onPaste(index, 'level2', e)}>
        <ClassSelect label={t(`第 ${n} 行二级指标`, `row ${n} level 2`)} value={indicator.level2} options={classesUnder(indicator.level1)} onChange={(level2) => onReclass(index, editIndicator(indicator, 'level2', level2))} />
      </td>
      {nameCell ? (
        <td data-path={`${path}/name`} onPaste={(e) => onPaste(index, 'name', e)}>
          {nameCell(indicator, index, { edit: (row) => onEdit(index, row), reclass: (row) => onReclass(index, row) })}
        </td>
      ) : (
        <td
          data-path={`${path}/name`}
          className="with-suggestions"
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setTyping(false);
          }}
        >
          <GrowingTextArea
            aria-label={t(`第 ${n} 行三级指标`, `row ${n} indicator`)}
            value={indicator.name}
            onPaste={(e) => onPaste(index, 'name', e)}
            onChange={(e) => {
              setTyping(true);
              onEdit(index, editIndicator(indicator, 'name', e.target.value));
            }}
          />
          {typing && (
            <LibrarySuggestions
              typed={indicator.name}
              onPick={(entry) => {
                setTyping(false);
                // The entry says where the indicator belongs: its class is taken, and the row joins that class.
                onReclass(index, { ...indicator, name: entry.name, level1: entry.level1 ?? indicator.level1, level2: entry.level2 ?? indicator.level2 });
              }}
            />
          )}
        </td>
      )}
      <td>
        <TargetInput path={`${path}/periodTarget`} label={t(`第 ${n} 行实施周期指标值`, `row ${n} period target`)} text={indicator.periodTarget ?? ''} value={indicator.periodTargetValue} onPaste={(e) => onPaste(index, 'periodTarget', e)} onChange={(v) => onEdit(index, editIndicator(indicator, 'periodTarget', v))} />
      </td>
      <td>
        <TargetInput path={`${path}/annualTarget`} label={t(`第 ${n} 行年度指标值`, `row ${n} annual target`)} text={indicator.annualTarget} value={indicator.annualTargetValue} onPaste={(e) => onPaste(index, 'annualTarget', e)} onChange={(v) => onEdit(index, editIndicator(indicator, 'annualTarget', v))} />
        <CarriedOverMark row={indicator} />
      </td>
      {extraColumns.map((column) => (
        <td key={column.key}>{column.cell(indicator, index, (row) => onEdit(index, row))}</td>
      ))}
      <td>
        <div className="row-actions">
          <RowButton label={t(`第 ${n} 行上移`, `move row ${n} up`)} icon="up" disabled={index === 0} onClick={() => onMove(index, index - 1)} />
          <RowButton label={t(`第 ${n} 行下移`, `move row ${n} down`)} icon="down" disabled={index === count - 1} onClick={() => onMove(index, index + 1)} />
          <RowButton label={t(`在第 ${n} 行下方插入`, `insert below row ${n}`)} icon="insert" onClick={() => onInsert(index + 1)} />
          <RowButton label={t(`删除第 ${n} 行`, `delete row ${n}`)} icon="delete" onClick={() => onRemove(index)} />
        </div>
      </td>
    </tr>
  );
}
// Typed again after memo, which drops the row's type parameter.
const IndicatorRow = memo(IndicatorRowCells) as typeof IndicatorRowCells;

export interface IndicatorTableProps<R extends AnyRow> {
  readonly indicators: readonly R[];
  readonly onChange: (indicators: R[]) => void;
  /** A new row: no class until one is chosen. */
  readonly newRow: () => R;
  readonly testId?: string;
  /** The kind's table class (its column widths), beside `editor-table`. */
  readonly className?: string;
  readonly extraColumns?: readonly ExtraColumn<R>[];
  readonly nameCell?: NameCell<R>;
  /** What the kind shows under the table's buttons (a switch for more columns, similar projects). */
  readonly children?: ReactNode;
}

/** No columns of a kind's own: one array, so that the memoised rows keep theirs. */
const NO_COLUMNS: readonly [] = [];

export function IndicatorTable<R extends AnyRow>({ indicators, onChange, newRow, testId = 'indicator-editor', className = 'indicator-grid', extraColumns = NO_COLUMNS, nameCell, children }: IndicatorTableProps<R>) {
  const { t } = useLocale();
  const fields = useEditorFields();
  // Stable handlers that read the latest list: a keystroke re-renders only the row it changed.
  const latest = useRef({ indicators, onChange, fields, t, newRow });
  latest.current = { indicators, onChange, fields, t, newRow };
  // A kind's own columns leave less room: the framework's columns narrow so that the name keeps its width.
  const narrow = extraColumns.length > 0;
  const onEdit = useCallback((index: number, indicator: R) => latest.current.onChange(replaceItem(latest.current.indicators, index, indicator)), []);
  const onMove = useCallback((from: number, to: number) => {
    structural(latest.current.fields);
    latest.current.onChange(moveItem(latest.current.indicators, from, to));
  }, []);
  const onReclass = useCallback((index: number, indicator: R) => {
    const { indicators: list, fields: f, t: tr } = latest.current;
    const placed = placeInClass(replaceItem(list, index, indicator), index);
    if (placed.to !== index) {
      structural(f);
      f.announce(tr(`第 ${index + 1} 行已移到「${indicator.level1 ?? ''}${indicator.level2 ? ` / ${indicator.level2}` : ''}」类的末尾（第 ${placed.to + 1} 行），同类指标排在一起`, `row ${index + 1} moved to the end of ${indicator.level1 ?? ''}${indicator.level2 ? ` / ${indicator.level2}` : ''} (row ${placed.to + 1}), with its class`));
    }
    latest.current.onChange(placed.rows);
  }, []);
  const onInsert = useCallback((at: number) => {
    const list = latest.current.indicators;
    structural(latest.current.fields);
    // A new row has no class until one is chosen (or a library entry gives it one): never the class of the row above unseen.
    latest.current.onChange(insertItem(list, at, latest.current.newRow()));
  }, []);
  const onRemove = useCallback((at: number) => {
    const { indicators: list, fields: f, t: tr } = latest.current;
    const name = list[at]?.name.trim();
    deletion(f, name ? tr(`第 ${at + 1} 行指标「${name}」`, `row ${at + 1} (${name})`) : tr(`第 ${at + 1} 行指标`, `row ${at + 1}`), tr);
    latest.current.onChange(removeItem(list, at));
  }, []);
  const onPaste = useCallback((index: number, column: Column, event: React.ClipboardEvent<HTMLElement>) => {
    const cells = pastedCells(event.clipboardData.getData('text/plain'));
    if (!cells) return;
    event.preventDefault();
    event.stopPropagation();
    const { indicators: list, fields: f, t: tr } = latest.current;
    const plan = planPaste(cells, COLUMNS.indexOf(column), COLUMNS, HEADERS, (text) => (LEVEL1 as readonly string[]).includes(text.trim()));
    structural(f);
    // Rows the block adds have the classes it gives them, or none.
    const next = spreadPlanned(list, index, plan, (row, field, value) => editIndicator(row, field as Column, field === 'level1' || field === 'level2' ? value.trim() || null : value), () => latest.current.newRow());
    const written = plan.fields.filter((field) => field !== null).length;
    const names = plan.fields.map((field) => (field === null ? null : COLUMN_NAMES[field as Column]));
    const said = names.filter((name): name is readonly [string, string] => name !== null);
    const placed = { header: tr('按表头对应各列', 'matched by its header'), classes: tr('首列为一级指标，从一级指标列起', 'its first column holds classes: from 一级指标 on'), position: tr('从所在列起', 'from this column on') }[plan.by];
    f.announce(
      plan.dropped > 0
        ? tr(`已粘贴 ${plan.rows.length} 行 × ${written} 列（${placed}：${said.map((n) => n[0]).join('、')}）；超出表格的 ${plan.dropped} 列未粘贴`, `pasted ${plan.rows.length} rows × ${written} columns (${placed}: ${said.map((n) => n[1]).join(', ')}); ${plan.dropped} columns beyond the grid left out`)
        : tr(`已粘贴 ${plan.rows.length} 行 × ${written} 列（${placed}：${said.map((n) => n[0]).join('、')}）`, `pasted ${plan.rows.length} rows × ${written} columns (${placed}: ${said.map((n) => n[1]).join(', ')})`),
    );
    latest.current.onChange(next);
  }, []);
  return (
    <div>
      <div className="editor-table-scroll">
        <table className={`editor-table ${className}`} data-testid={testId}>
          <colgroup>
            <col style={{ width: 32 }} />
            <col style={{ width: narrow ? 92 : 100 }} />
            <col style={{ width: narrow ? 112 : 136 }} />
            <col />
            <col style={{ width: narrow ? 96 : '17%' }} />
            <col style={{ width: narrow ? 96 : '17%' }} />
            {extraColumns.map((column) => (
              <col key={column.key} className={column.className} />
            ))}
            <col style={{ width: 92 }} />
          </colgroup>
          <thead>
            <tr>
              <th>#</th>
              <th>{t('一级指标', 'Level 1')}</th>
              <th>{t('二级指标', 'Level 2')}</th>
              <th>{t('三级指标', 'Indicator')}</th>
              <th>{t('实施周期指标值', 'Period target')}</th>
              <th>{t('年度指标值', 'Annual target')}</th>
              {extraColumns.map((column) => (
                <th key={column.key}>{column.header}</th>
              ))}
              <th>{t('操作', 'Actions')}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((indicator, index) => (
              <IndicatorRow key={index} index={index} count={indicators.length} indicator={indicator} onEdit={onEdit} onReclass={onReclass} onMove={onMove} onInsert={onInsert} onRemove={onRemove} onPaste={onPaste} extraColumns={extraColumns} nameCell={nameCell} />
            ))}
          </tbody>
        </table>
      </div>
      <Button style={{ marginTop: 8 }} icon={<PlusOutlined />} onClick={() => onInsert(indicators.length)}>
        {t('添加指标', 'Add indicator')}
      </Button>
      <Button
        style={{ marginTop: 8, marginLeft: 8 }}
        onClick={() => {
          const grouped = groupByClass(indicators);
          if (grouped.every((row, i) => row === indicators[i])) {
            fields.announce(t('各行已按类别排列', 'The rows already stand by class'));
            return;
          }
          structural(fields);
          fields.announce(t('已把同类指标排在一起', 'Rows of one class put together'));
          onChange(grouped);
        }}
      >
        {t('按类别排列', 'Group by class')}
      </Button>
      <span className="secondary" style={{ marginLeft: 12, fontSize: 12 }}>
        {t('可从 Excel/WPS 复制多行多列，粘贴到任一单元格', 'Copy rows and columns from Excel or WPS and paste them into any cell')}
      </span>
      {children}
    </div>
  );
}
