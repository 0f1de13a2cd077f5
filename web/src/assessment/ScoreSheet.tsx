/**
 * A scorer's sheet: every criterion with its points, 评分要点 and 评分标准, the department's self-score
 * beside where there is one, and the scorer's own score and reason. Keyboard alone: Tab moves from a
 * score to its reason and on to the next score; Enter or ↓ to the next score, Shift+Enter or ↑ back.
 * A score outside its criterion's range or bands is refused at once, naming the criterion, and
 * nothing is saved until it is corrected.
 */
import { useRef, type KeyboardEvent } from 'react';
import type { Assessment, AssessmentResult } from '../../../src/core/assessment/assessment.ts';
import { CellInput } from '../editor/CellInput.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { scoreProblem, type SheetRow } from './sheet.ts';

export interface ScoreSheetProps {
  readonly rows: readonly SheetRow[];
  readonly content: Assessment;
  /** The computed result as the server last gave it (the figures, the self-score, the aggregate once concluded). */
  readonly result: AssessmentResult | null;
  /** The scorer whose sheet this is; null: the sheet read by someone who does not score. */
  readonly scorer: { id: string; name: string } | null;
  readonly editable: boolean;
  readonly invalid: ReadonlyMap<string, string>;
  readonly onScore: (criterion: string, change: { score?: string; reason?: string }, problem: string | null) => void;
  readonly onSave: () => void;
}

export function ScoreSheet({ rows, content, result, scorer, editable, invalid, onScore, onSave }: ScoreSheetProps) {
  const { t, pick } = useLocale();
  const grid = useRef<HTMLTableElement>(null);
  const criteria = result?.criteria ?? [];
  const byId = new Map(criteria.map((r) => [r.id, r]));
  const hasSelf = criteria.some((r) => r.self !== null);
  const mine = new Map(scorer ? content.scores.filter((s) => s.scorer === scorer.id).map((s) => [s.criterion, s]) : []);
  const leaves = rows.filter((r) => r.leaf && byId.get(r.criterion.id)?.source !== 'data');
  const scored = leaves.filter((r) => (mine.get(r.criterion.id)?.score ?? '') !== '').length;
  const myResult = scorer ? result?.scorers.find((s) => s.id === scorer.id) : undefined;
  const myTotal = myResult?.total ?? null;

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const target = event.target as HTMLElement;
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      onSave();
      return;
    }
    if (target.dataset.column !== 'score') return;
    const at = Number(target.dataset.row);
    let next: number | null = null;
    if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'ArrowDown') next = at + 1;
    else if ((event.key === 'Enter' && event.shiftKey) || event.key === 'ArrowUp') next = at - 1;
    if (next === null) return;
    const cell = grid.current?.querySelector<HTMLInputElement>(`[data-row="${next}"][data-column="score"]`);
    event.preventDefault();
    if (cell) {
      cell.focus();
      cell.select();
    }
  };

  let leafIndex = -1;
  return (
    <div data-testid="score-sheet">
      {scorer && (
        <p className="secondary" data-testid="sheet-progress">
          {t(`${scorer.name}：已评 ${scored} / ${leaves.length} 项`, `${scorer.name}: ${scored} of ${leaves.length} scored`)}
          {myTotal !== null ? t(`，合计 ${myTotal} 分`, `, total ${myTotal}`) : ''}
          {editable ? t('。回车或 ↓ 到下一项得分，Tab 到理由，Ctrl+S 保存。', '. Enter or ↓ goes to the next score, Tab to the reason, Ctrl+S saves.') : ''}
        </p>
      )}
      <div className="editor-table-scroll">
        <table className="editor-table assessment-sheet" ref={grid} onKeyDown={onKeyDown}>
          <caption className="visually-hidden">{t('评分表', 'Score sheet')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('指标', 'Criterion')}</th>
              <th scope="col" className="num">{t('分值', 'Points')}</th>
              <th scope="col">{t('评分要点与标准', 'Guidance and standard')}</th>
              {hasSelf && <th scope="col" className="num">{t('自评分', 'Self-score')}</th>}
              {scorer && <th scope="col" className="num">{t('得分', 'Score')}</th>}
              {scorer && <th scope="col">{t('评分理由', 'Reason')}</th>}
              {!scorer && <th scope="col" className="num">{t('汇总得分', 'Aggregate')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ criterion: c, level, leaf }) => {
              const r = byId.get(c.id);
              const computed = r?.source === 'data';
              const own = mine.get(c.id);
              const path = `/scores/${c.id}`;
              const problem = invalid.get(path);
              const scoredHere = leaf && !computed;
              if (scoredHere) leafIndex += 1;
              const row = leafIndex;
              const name = `${c.id} ${c.name}`;
              return (
                <tr key={c.id} className={leaf ? undefined : `level-${level}`} data-testid={`sheet-row-${c.id}`}>
                  <th scope="row" style={{ paddingInlineStart: 8 + (level - 1) * 16, fontWeight: leaf ? 'normal' : 600 }}>
                    {name}
                  </th>
                  <td className="num">{c.weight}</td>
                  <td className="sheet-guidance">
                    {c.guidance && <div>{c.guidance}</div>}
                    {c.standard.text && c.standard.text !== c.guidance && <div className="secondary">{c.standard.text}</div>}
                    {computed && r?.expression && <div className="chip blue">{t(`按数据计算：${r.expression}`, `from the data: ${r.expression}`)}</div>}
                  </td>
                  {hasSelf && <td className="num">{r?.self ?? ''}</td>}
                  {scorer && (
                    <td className="num score-cell">
                      {scoredHere ? (
                        editable ? (
                          <>
                            <CellInput
                              aria-label={t(`${name} 得分（0–${c.weight}）`, `${name} score (0–${c.weight})`)}
                              data-row={row}
                              data-column="score"
                              inputMode="decimal"
                              value={own?.score ?? ''}
                              invalid={problem !== undefined}
                              aria-describedby={problem ? `problem-${c.id}` : undefined}
                              onChange={(e) => {
                                const found = scoreProblem(c, e.target.value, scorer.name);
                                onScore(c.id, { score: e.target.value }, found ? pick(found) : null);
                              }}
                            />
                            {problem && (
                              <div id={`problem-${c.id}`} className="cell-error" role="alert">
                                {problem}
                              </div>
                            )}
                          </>
                        ) : (
                          own?.score ?? '—'
                        )
                      ) : computed ? (
                        (r?.score ?? '—')
                      ) : (
                        (myResult?.levels.find((l) => l.id === c.id)?.score ?? '')
                      )}
                    </td>
                  )}
                  {scorer && (
                    <td>
                      {scoredHere &&
                        (editable ? (
                          <CellInput aria-label={t(`${name} 评分理由`, `${name} reason`)} data-row={row} data-column="reason" value={own?.reason ?? ''} maxLength={2000} onChange={(e) => onScore(c.id, { reason: e.target.value }, invalid.get(path) ?? null)} />
                        ) : (
                          own?.reason
                        ))}
                    </td>
                  )}
                  {!scorer && <td className="num">{r?.score ?? '—'}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
