/**
 * A template's criteria read as a tree: each criterion at its level (一级 / 二级 / 三级 …) with its
 * points, 评分要点, its standard where it says more, and the documents asked for; a criterion whose
 * children do not add up says so on its row.
 */
import type { Criterion } from '../../../src/core/assessment/assessment.ts';
import { useLocale } from '../i18n/locale.tsx';
import { sheetRows } from './sheet.ts';
import { levelName } from './templateNames.ts';
import { problemsByCriterion, type TemplateProblem } from './templateTree.ts';

export function TemplateTreeView({ criteria, problems }: { criteria: readonly Criterion[]; problems: readonly TemplateProblem[] }) {
  const { t, pick } = useLocale();
  const { byId } = problemsByCriterion(criteria, problems);
  return (
    <table className="editor-table assessment-sheet template-tree template-view" data-testid="template-tree">
      <caption className="visually-hidden">{t('指标体系', 'Criteria')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('指标', 'Criterion')}</th>
          <th scope="col" className="num">{t('分值', 'Points')}</th>
          <th scope="col">{t('评分要点与标准', 'Guidance and standard')}</th>
        </tr>
      </thead>
      <tbody>
        {sheetRows(criteria).map(({ criterion: c, level }) => {
          const standard = c.standard.text && c.standard.text !== c.guidance ? c.standard.text : '';
          return (
            <tr key={c.id} className={`level-${level}`} data-criterion={c.id}>
              <th scope="row" style={{ paddingLeft: 4 + (level - 1) * 20 }}>
                <span className="secondary template-level">{pick(levelName(level))}</span> {c.name}
                {byId.get(c.id)?.map((p) => (
                  <div key={p.path} className="cell-error" role="note">
                    {pick(p.message)}
                  </div>
                ))}
              </th>
              <td className="num">{c.weight}</td>
              <td className="sheet-guidance">
                {c.guidance}
                {standard && <div className="secondary">{standard}</div>}
                {c.evidence && c.evidence.length > 0 && <div className="secondary">{t(`佐证材料：${c.evidence.join('、')}`, `Evidence: ${c.evidence.join(', ')}`)}</div>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
