/**
 * A region's version of a template being made: each criterion's name and points typed in place, and
 * buttons on its row to move it up or down among its siblings, nest it under the one above, lift it
 * out of its parent, add a criterion below it or remove it. Where the weights do not add up is said on
 * the row it concerns as it is typed (the core's check, the server's words), and so is the server's
 * refusal of a save. Keyboard alone: every control is a button or a box, and after a move the focus
 * stays on the button that moved the criterion. Removing a criterion with others below it asks first
 * (saying how many go with it); after a removal the focus goes to the name of the row above (or the
 * add button), never to another remove button, so a second Enter deletes nothing.
 */
import { PlusOutlined } from '@ant-design/icons';
import Popconfirm from 'antd/es/popconfirm';
import { useEffect, useRef, useState } from 'react';
import type { Criterion } from '../../../src/core/assessment/assessment.ts';
import { CellInput } from '../editor/CellInput.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { sheetRows } from './sheet.ts';
import { levelName } from './templateNames.ts';
import { addCriterion, canNest, liftCriterion, moveCriterion, nestCriterion, problemsByCriterion, removeCriterion, subtreeIds, updateCriterion, type TemplateProblem } from './templateTree.ts';

export interface TemplateEditorProps {
  readonly criteria: readonly Criterion[];
  readonly onChange: (criteria: Criterion[]) => void;
  /** The core's problems of `criteria`, as typed. */
  readonly problems: readonly TemplateProblem[];
  /** The server's refusal of the last save, with the criteria it was sent. */
  readonly refused: { readonly criteria: readonly Criterion[]; readonly problems: readonly TemplateProblem[] } | null;
}

type Action = 'up' | 'down' | 'nest' | 'lift' | 'add' | 'remove' | 'name';

export function TemplateEditor({ criteria, onChange, problems, refused }: TemplateEditorProps) {
  const { t, pick } = useLocale();
  const table = useRef<HTMLTableElement>(null);
  const addFirst = useRef<HTMLButtonElement>(null);
  const [focus, setFocus] = useState<{ id: string; action: Action } | null>(null);
  const rows = sheetRows(criteria);
  const local = problemsByCriterion(criteria, problems).byId;
  // The refusal names criteria by their place in what was sent: shown on the same criteria, by id, until it is put right.
  const server = refused ? problemsByCriterion(refused.criteria, refused.problems).byId : new Map<string, TemplateProblem[]>();

  useEffect(() => {
    if (!focus) return;
    const at = (action: Action) => table.current?.querySelector<HTMLElement>(`[data-criterion="${CSS.escape(focus.id)}"][data-action="${action}"]`);
    // A criterion moved to the end of its siblings: the way back (↓ after ↑), else its name.
    const opposite: Partial<Record<Action, Action>> = { up: 'down', down: 'up', nest: 'lift', lift: 'nest' };
    const usable = [focus.action, opposite[focus.action], 'name' as const].map((a) => (a ? at(a) : undefined)).find((el) => el && !el.hasAttribute('disabled'));
    // Nothing left to focus on the rows (the last criterion removed): the add button.
    (usable ?? addFirst.current)?.focus();
    setFocus(null);
  }, [focus]);

  const act = (next: Criterion[], id: string, action: Action) => {
    onChange(next);
    setFocus({ id, action });
  };

  // Drawn as the form editor's row buttons (styles.css, `.row-button.icon-*`).
  const icons: Partial<Record<Action, string>> = { up: 'up', down: 'down', nest: 'nest', lift: 'lift', add: 'insert', remove: 'delete' };
  const button = (c: Criterion, action: Action, label: string, run: (() => void) | undefined, disabled = false) => (
    <button type="button" className={`row-button icon-${icons[action] ?? ''}${action === 'remove' ? ' danger' : ''}`} data-criterion={c.id} data-action={action} aria-label={`${label}：${c.name || c.id}`} title={label} disabled={disabled} onClick={run} />
  );

  // The row above stays (a parent is above its children): its name takes the focus.
  const remove = (c: Criterion, index: number) => {
    const next = removeCriterion(criteria, c.id);
    const above = rows.slice(0, index).reverse().find((r) => next.includes(r.criterion));
    act(next, above?.criterion.id ?? '', 'name');
  };

  return (
    <div data-testid="template-editor">
      <table className="editor-table assessment-sheet template-tree" ref={table}>
        <caption className="visually-hidden">{t('编辑指标体系', 'Editing the criteria')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('指标', 'Criterion')}</th>
            <th scope="col" className="template-points">{t('分值', 'Points')}</th>
            <th scope="col" className="template-actions">{t('调整', 'Arrange')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ criterion: c, level }, index) => {
            const siblings = criteria.filter((x) => x.parent === c.parent);
            const place = siblings.indexOf(c);
            const mine = [...(local.get(c.id) ?? []), ...(server.get(c.id) ?? []).filter((p) => !(local.get(c.id) ?? []).some((l) => l.path === p.path))];
            const errorId = `criterion-problem-${index}`;
            const below = subtreeIds(criteria, c.id).size - 1;
            return (
              <tr key={c.id} className={`level-${level}`} data-criterion={c.id}>
                <td style={{ paddingLeft: 4 + (level - 1) * 20 }}>
                  <span className="template-name">
                    <span className="secondary template-level" aria-hidden="true">{pick(levelName(level))}</span>
                    <CellInput data-criterion={c.id} data-action="name" aria-label={t(`${levelName(level).zh}名称`, `Name (${levelName(level).en})`)} value={c.name} maxLength={200} invalid={mine.some((p) => !p.path.endsWith('.weight'))} aria-describedby={mine.length > 0 ? errorId : undefined} onChange={(e) => onChange(updateCriterion(criteria, c.id, { name: e.target.value }))} />
                  </span>
                  {mine.length > 0 && (
                    <div id={errorId} className="cell-error" role="alert" data-testid="criterion-problem">
                      {mine.map((p) => (
                        <div key={p.path}>{pick(p.message)}</div>
                      ))}
                    </div>
                  )}
                </td>
                <td className="template-points">
                  <CellInput data-criterion={c.id} data-action="weight" inputMode="decimal" aria-label={t(`${c.name || c.id} 的分值`, `Points of ${c.name || c.id}`)} invalid={mine.some((p) => p.path.endsWith('.weight'))} aria-describedby={mine.length > 0 ? errorId : undefined} value={c.weight} onChange={(e) => onChange(updateCriterion(criteria, c.id, { weight: e.target.value.trim() }))} />
                </td>
                <td className="template-actions">
                  {button(c, 'up', t('上移', 'Move up'), () => act(moveCriterion(criteria, c.id, 'up'), c.id, 'up'), place <= 0)}
                  {button(c, 'down', t('下移', 'Move down'), () => act(moveCriterion(criteria, c.id, 'down'), c.id, 'down'), place === siblings.length - 1)}
                  {button(c, 'nest', t('降为上一项的下级', 'Nest under the one above'), () => act(nestCriterion(criteria, c.id), c.id, 'nest'), !canNest(criteria, c.id))}
                  {button(c, 'lift', t('升为上级的同级', 'Lift out of its parent'), () => act(liftCriterion(criteria, c.id), c.id, 'lift'), c.parent === null)}
                  {button(c, 'add', t('添加下级指标', 'Add a criterion below'), () => {
                    const added = addCriterion(criteria, c.id, t('新指标', 'New criterion'));
                    act(added.criteria, added.id, 'name');
                  })}
                  {below === 0 ? (
                    button(c, 'remove', t('删除', 'Remove'), () => remove(c, index))
                  ) : (
                    // The cancel button takes the focus: a second Enter keeps the criteria.
                    <Popconfirm
                      title={t(`删除「${c.name || c.id}」及其下 ${below} 项指标？`, `Remove "${c.name || c.id}" and the ${below} criteri${below === 1 ? 'on' : 'a'} below it?`)}
                      okText={t('删除', 'Remove')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('取消', 'Cancel')}
                      cancelButtonProps={{ autoFocus: true }}
                      onConfirm={() => remove(c, index)}
                    >
                      {button(c, 'remove', t('删除（连同下级）', 'Remove (with what is below)'), undefined)}
                    </Popconfirm>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        className="btn"
        style={{ marginTop: 8 }}
        data-testid="add-first-level"
        ref={addFirst}
        onClick={() => {
          const added = addCriterion(criteria, null, t('新指标', 'New criterion'));
          act(added.criteria, added.id, 'name');
        }}
      >
        <PlusOutlined /> {t('添加一级指标', 'Add a first-level criterion')}
      </button>
    </div>
  );
}
