/**
 * The indicator tree edited as a table, one row per third-level indicator: classes chosen from the
 * national framework, targets understood as typed, rows added, moved and deleted (each undoable),
 * and a block pasted from a spreadsheet spread over rows and columns.
 */
import PlusOutlined from '@ant-design/icons/es/icons/PlusOutlined';
import Button from 'antd/es/button';
import { memo, useCallback, useRef, useState } from 'react';
import type { Indicator } from '../../../src/core/declaration.ts';
import { classesUnder, LEVEL1 } from '../../../src/core/indicatorFramework.ts';
import { useLocale } from '../i18n/locale.tsx';
import { ClassSelect } from './ClassSelect.tsx';
import { editIndicator, insertItem, moveItem, newIndicator, removeItem, replaceItem } from './editing.ts';
import { useEditorFields } from './editorFields.tsx';
import { FieldComments } from './FieldComments.tsx';
import { GrowingTextArea } from './GrowingTextArea.tsx';
import { LibrarySuggestions } from './LibrarySuggestions.tsx';
import { pastedCells, spreadCells } from './pasteGrid.ts';
import { deletion, structural } from './rowActions.ts';
import { RowButton } from './RowButton.tsx';
import { TargetInput } from './TargetInput.tsx';

/** The grid's text columns in order, for pasting: what a copied spreadsheet row holds. */
const COLUMNS = ['level1', 'level2', 'name', 'periodTarget', 'annualTarget'] as const;
type Column = (typeof COLUMNS)[number];

interface RowProps {
  readonly index: number;
  readonly count: number;
  readonly indicator: Indicator;
  readonly onEdit: (index: number, indicator: Indicator) => void;
  readonly onMove: (from: number, to: number) => void;
  readonly onInsert: (at: number) => void;
  readonly onRemove: (at: number) => void;
  readonly onPaste: (index: number, column: Column, event: React.ClipboardEvent<HTMLTextAreaElement>) => void;
}

const IndicatorRow = memo(function IndicatorRow({ index, count, indicator, onEdit, onMove, onInsert, onRemove, onPaste }: RowProps) {
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
      <td data-path={`${path}/level1`}>
        <ClassSelect
          label={t(`第 ${n} 行一级指标`, `row ${n} level 1`)}
          value={indicator.level1}
          options={LEVEL1}
          onChange={(level1) => {
            const allowed = classesUnder(level1);
            const level2 = indicator.level2 && allowed.includes(indicator.level2) ? indicator.level2 : (allowed[0] ?? null);
            onEdit(index, { ...indicator, level1, level2 });
          }}
        />
      </td>
      <td data-path={`${path}/level2`}>
        <ClassSelect label={t(`第 ${n} 行二级指标`, `row ${n} level 2`)} value={indicator.level2} options={classesUnder(indicator.level1)} onChange={(level2) => onEdit(index, editIndicator(indicator, 'level2', level2))} />
      </td>
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
            level1={indicator.level1}
            onPick={(entry) => {
              setTyping(false);
              onEdit(index, { ...indicator, name: entry.name, level1: entry.level1 ?? indicator.level1, level2: entry.level2 ?? indicator.level2 });
            }}
          />
        )}
      </td>
      <td>
        <TargetInput path={`${path}/periodTarget`} label={t(`第 ${n} 行实施周期指标值`, `row ${n} period target`)} text={indicator.periodTarget} value={indicator.periodTargetValue} onPaste={(e) => onPaste(index, 'periodTarget', e)} onChange={(v) => onEdit(index, editIndicator(indicator, 'periodTarget', v))} />
      </td>
      <td>
        <TargetInput path={`${path}/annualTarget`} label={t(`第 ${n} 行年度指标值`, `row ${n} annual target`)} text={indicator.annualTarget} value={indicator.annualTargetValue} onPaste={(e) => onPaste(index, 'annualTarget', e)} onChange={(v) => onEdit(index, editIndicator(indicator, 'annualTarget', v))} />
      </td>
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
});

export function IndicatorTable({ indicators, onChange }: { indicators: readonly Indicator[]; onChange: (indicators: Indicator[]) => void }) {
  const { t } = useLocale();
  const fields = useEditorFields();
  // Stable handlers that read the latest list: a keystroke re-renders only the row it changed.
  const latest = useRef({ indicators, onChange, fields, t });
  latest.current = { indicators, onChange, fields, t };
  const onEdit = useCallback((index: number, indicator: Indicator) => latest.current.onChange(replaceItem(latest.current.indicators, index, indicator)), []);
  const onMove = useCallback((from: number, to: number) => {
    structural(latest.current.fields);
    latest.current.onChange(moveItem(latest.current.indicators, from, to));
  }, []);
  const onInsert = useCallback((at: number) => {
    const list = latest.current.indicators;
    const above = list[at - 1];
    structural(latest.current.fields);
    latest.current.onChange(insertItem(list, at, newIndicator(above?.level1 ?? '产出指标', above?.level2 ?? '数量指标')));
  }, []);
  const onRemove = useCallback((at: number) => {
    const { indicators: list, fields: f, t: tr } = latest.current;
    const name = list[at]?.name.trim();
    deletion(f, name ? tr(`第 ${at + 1} 行指标「${name}」`, `row ${at + 1} (${name})`) : tr(`第 ${at + 1} 行指标`, `row ${at + 1}`), tr);
    latest.current.onChange(removeItem(list, at));
  }, []);
  const onPaste = useCallback((index: number, column: Column, event: React.ClipboardEvent<HTMLTextAreaElement>) => {
    const cells = pastedCells(event.clipboardData.getData('text/plain'));
    if (!cells) return;
    event.preventDefault();
    const { indicators: list, fields: f, t: tr } = latest.current;
    const above = list[index];
    structural(f);
    const next = spreadCells(list, { row: index, column: COLUMNS.indexOf(column) }, cells, COLUMNS, (row, field, value) => editIndicator(row, field as Column, value), () => newIndicator(above?.level1 ?? null, above?.level2 ?? null));
    f.announce(tr(`已粘贴 ${cells.length} 行 × ${Math.max(...cells.map((c) => c.length))} 列`, `pasted ${cells.length} rows × ${Math.max(...cells.map((c) => c.length))} columns`));
    latest.current.onChange(next);
  }, []);
  return (
    <div>
      <div className="editor-table-scroll">
        <table className="editor-table indicator-grid" data-testid="indicator-editor">
          <colgroup>
            <col style={{ width: 36 }} />
            <col style={{ width: 108 }} />
            <col style={{ width: 170 }} />
            <col />
            <col style={{ width: '19%' }} />
            <col style={{ width: '19%' }} />
            <col style={{ width: 96 }} />
          </colgroup>
          <thead>
            <tr>
              <th>#</th>
              <th>{t('一级指标', 'Level 1')}</th>
              <th>{t('二级指标', 'Level 2')}</th>
              <th>{t('三级指标', 'Indicator')}</th>
              <th>{t('实施周期指标值', 'Period target')}</th>
              <th>{t('年度指标值', 'Annual target')}</th>
              <th>{t('操作', 'Actions')}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((indicator, index) => (
              <IndicatorRow key={index} index={index} count={indicators.length} indicator={indicator} onEdit={onEdit} onMove={onMove} onInsert={onInsert} onRemove={onRemove} onPaste={onPaste} />
            ))}
          </tbody>
        </table>
      </div>
      <Button style={{ marginTop: 8 }} icon={<PlusOutlined />} onClick={() => onInsert(indicators.length)}>
        {t('添加指标', 'Add indicator')}
      </Button>
      <span className="secondary" style={{ marginLeft: 12, fontSize: 12 }}>
        {t('可从 Excel/WPS 复制多行多列，粘贴到任一单元格', 'Copy rows and columns from Excel or WPS and paste them into any cell')}
      </span>
    </div>
  );
}
