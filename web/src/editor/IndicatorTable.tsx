/**
 * The indicator tree edited as a table, one row per third-level indicator: classes chosen from the
 * national framework, targets understood as typed, rows added, moved and deleted.
 */
import PlusOutlined from '@ant-design/icons/es/icons/PlusOutlined';
import Button from 'antd/es/button';
import { memo, useCallback, useRef } from 'react';
import type { Indicator } from '../../../src/core/declaration.ts';
import { classesUnder, LEVEL1 } from '../../../src/core/indicatorFramework.ts';
import type { Comment } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';
import { ClassSelect } from './ClassSelect.tsx';
import { CommentMarker, commentsUnder } from './CommentMarker.tsx';
import { RowButton } from './RowButton.tsx';
import { GrowingTextArea } from './GrowingTextArea.tsx';
import { editIndicator, insertItem, moveItem, newIndicator, removeItem, replaceItem } from './editing.ts';
import { TargetInput } from './TargetInput.tsx';

interface RowProps {
  readonly index: number;
  readonly count: number;
  readonly indicator: Indicator;
  readonly comments: ReadonlyMap<string, Comment[]>;
  readonly onEdit: (index: number, indicator: Indicator) => void;
  readonly onMove: (from: number, to: number) => void;
  readonly onInsert: (at: number) => void;
  readonly onRemove: (at: number) => void;
}

const IndicatorRow = memo(function IndicatorRow({ index, count, indicator, comments, onEdit, onMove, onInsert, onRemove }: RowProps) {
  const { t } = useLocale();
  const path = `/indicators/${index}`;
  const n = index + 1;
  const rowComments = commentsUnder(comments, path);
  return (
    <tr data-path={path} data-testid="indicator-row">
      <td className="center">
        {n}
        <CommentMarker comments={rowComments} />
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
        <ClassSelect
          label={t(`第 ${n} 行二级指标`, `row ${n} level 2`)}
          value={indicator.level2}
          options={classesUnder(indicator.level1)}
          onChange={(level2) => onEdit(index, editIndicator(indicator, 'level2', level2))}
        />
      </td>
      <td data-path={`${path}/name`}>
        <GrowingTextArea aria-label={t(`第 ${n} 行三级指标`, `row ${n} indicator`)} value={indicator.name} onChange={(e) => onEdit(index, editIndicator(indicator, 'name', e.target.value))} />
      </td>
      <td>
        <TargetInput path={`${path}/periodTarget`} label={t(`第 ${n} 行实施周期指标值`, `row ${n} period target`)} text={indicator.periodTarget} value={indicator.periodTargetValue} onChange={(v) => onEdit(index, editIndicator(indicator, 'periodTarget', v))} />
      </td>
      <td>
        <TargetInput path={`${path}/annualTarget`} label={t(`第 ${n} 行年度指标值`, `row ${n} annual target`)} text={indicator.annualTarget} value={indicator.annualTargetValue} onChange={(v) => onEdit(index, editIndicator(indicator, 'annualTarget', v))} />
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

export function IndicatorTable({ indicators, comments, onChange }: { indicators: readonly Indicator[]; comments: ReadonlyMap<string, Comment[]>; onChange: (indicators: Indicator[]) => void }) {
  const { t } = useLocale();
  // Stable handlers that read the latest list: a keystroke re-renders only the row it changed.
  const latest = useRef({ indicators, onChange });
  latest.current = { indicators, onChange };
  const onEdit = useCallback((index: number, indicator: Indicator) => latest.current.onChange(replaceItem(latest.current.indicators, index, indicator)), []);
  const onMove = useCallback((from: number, to: number) => latest.current.onChange(moveItem(latest.current.indicators, from, to)), []);
  const onInsert = useCallback((at: number) => {
    const list = latest.current.indicators;
    const above = list[at - 1];
    latest.current.onChange(insertItem(list, at, newIndicator(above?.level1 ?? '产出指标', above?.level2 ?? '数量指标')));
  }, []);
  const onRemove = useCallback((at: number) => latest.current.onChange(removeItem(latest.current.indicators, at)), []);
  return (
    <div>
      <div className="editor-table-scroll">
      <table className="editor-table indicator-grid" data-testid="indicator-editor">
        <thead>
          <tr>
            <th style={{ width: 44 }}>#</th>
            <th style={{ width: 116 }}>一级指标</th>
            <th style={{ width: 162 }}>二级指标</th>
            <th style={{ minWidth: 140 }}>三级指标</th>
            <th style={{ width: 140 }}>实施周期指标值</th>
            <th style={{ width: 140 }}>年度指标值</th>
            <th style={{ width: 108 }}>{t('操作', 'Actions')}</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((indicator, index) => (
            <IndicatorRow key={index} index={index} count={indicators.length} indicator={indicator} comments={comments} onEdit={onEdit} onMove={onMove} onInsert={onInsert} onRemove={onRemove} />
          ))}
        </tbody>
      </table>
      </div>
      <Button style={{ marginTop: 8 }} icon={<PlusOutlined />} onClick={() => onInsert(indicators.length)}>
        {t('添加指标', 'Add indicator')}
      </Button>
    </div>
  );
}
