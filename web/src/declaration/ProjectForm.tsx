/**
 * The project target form (项目支出绩效目标申报表) laid out as published: the project's header,
 * its funds split, the goals, and the indicator table with every column the form has. Read-only;
 * a field is clickable (for a comment) where `onPick` is given.
 */
import { Link } from 'react-router';
import type { ProjectTargetDeclaration } from '../../../src/core/projectTarget.ts';
import { goalList } from '../../../src/core/projectTarget.ts';
import type { DocumentLinks } from '../../../src/format/apiTypes.ts';
import { useLocale } from '../i18n/locale.tsx';
import { showAmount } from './display.ts';
import { yearLine } from './yearLine.ts';
import { className } from './vocabulary.ts';
import { CarriedOverMark } from '../editor/CarriedOverMark.tsx';

const COLUMNS = [
  ['unit', '计量单位', 'Unit'],
  ['standard', '绩效标准', 'Standard'],
  ['explanation', '指标解释', 'Explanation'],
  ['scoringRule', '评（扣）分标准', 'Scoring rule'],
  ['weight', '分值', 'Points'],
  ['note', '备注', 'Note'],
] as const;

export function ProjectForm({ content, links, onPick }: { content: ProjectTargetDeclaration; links?: DocumentLinks | null; onPick?: (path: string) => void }) {
  const { t } = useLocale();
  const pick = (path: string) => (onPick ? { onClick: () => onPick(path), className: 'pickable', role: 'button', tabIndex: 0 } : {});
  const p = content.project;
  const hasPeriod = content.indicators.some((i) => i.periodTarget !== null);
  const columns = COLUMNS.filter(([key]) => content.indicators.some((i) => i[key] !== null));
  const goals = (goal: string | string[]) => goalList(goal).map((g, i, all) => <div key={i}>{all.length > 1 ? `${i + 1}. ${g}` : g}</div>);
  return (
    <div className="official-form-wrap" data-testid="official-form">
      <h2 className="official-form-title">{content.title ?? t('项目支出绩效目标申报表', 'Project target form')}</h2>
      {yearLine(content.title, content.year, t) && <p className="official-form-year">{yearLine(content.title, content.year, t)}</p>}
      {links?.departmentForm && (
        <p className="no-print">
          {t('所属部门整体申报表：', 'Department form: ')}
          <Link to={`/declarations/${links.departmentForm.id}`}>{links.departmentForm.rowName ? t(`第 ${(links.departmentForm.row ?? 0) + 1} 项「${links.departmentForm.rowName}」`, `row ${(links.departmentForm.row ?? 0) + 1}: ${links.departmentForm.rowName}`) : t('未关联到项目行', 'not linked to a row')}</Link>
          {links.departmentForm.rowAmount && t(`（部门表金额 ${showAmount(links.departmentForm.rowAmount)} 万元）`, ` (${showAmount(links.departmentForm.rowAmount)} 万元 there)`)}
        </p>
      )}
      <table className="official-form">
        <tbody>
          <tr>
            <th>{t('项目名称', 'Project')}</th>
            <td colSpan={3} {...pick('/project/name')}>{p.name}</td>
          </tr>
          <tr>
            <th>{t('项目编码', 'Code')}</th>
            <td {...pick('/project/code')}>{p.code}</td>
            <th>{t('项目属性', 'Nature')}</th>
            <td {...pick('/project/nature')}>{p.nature}</td>
          </tr>
          <tr>
            <th>{t('主管部门', 'Department')}</th>
            <td {...pick('/department')}>{content.department}</td>
            <th>{t('实施单位', 'Implementer')}</th>
            <td {...pick('/implementer')}>{content.implementer}</td>
          </tr>
          <tr>
            <th>{t('项目类型', 'Category')}</th>
            <td {...pick('/project/category')}>{p.category}</td>
            <th>{t('实施期', 'Period')}</th>
            <td {...pick('/project/period/text')}>{p.period.text ?? [p.period.start, p.period.end].filter(Boolean).join(' — ')}</td>
          </tr>
          {p.basis && (
            <tr>
              <th>{t('立项依据', 'Basis')}</th>
              <td colSpan={3} {...pick('/project/basis')}>{p.basis}</td>
            </tr>
          )}
          {p.content && (
            <tr>
              <th>{t('项目概况', 'Content')}</th>
              <td colSpan={3} {...pick('/project/content')}>{p.content}</td>
            </tr>
          )}
          <tr>
            <th rowSpan={Math.max(1, content.funds.items.length + 1)}>{t('项目资金（万元）', 'Funds (10,000 yuan)')}</th>
            <td>{t('资金总额', 'Total')}</td>
            <td colSpan={2} className="amount" {...pick('/funds/total')}>{showAmount(content.funds.total)}</td>
          </tr>
          {content.funds.items.map((item, i) => (
            <tr key={i}>
              <td>{item.label}</td>
              <td colSpan={2} className="amount" {...pick(`/funds/items/${i}/amount`)}>{showAmount(item.amount)}</td>
            </tr>
          ))}
          <tr>
            <th>{t('实施期目标', 'Period goal')}</th>
            <td colSpan={3} {...pick('/periodGoal')}>{goals(content.periodGoal)}</td>
          </tr>
          <tr>
            <th>{t('年度目标', 'Annual goal')}</th>
            <td colSpan={3} {...pick('/annualGoal')}>{goals(content.annualGoal)}</td>
          </tr>
          {content.extra.map((e, i) => (
            <tr key={`x${i}`}>
              <th>{e.label}</th>
              <td colSpan={3}>{e.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="official-form official-form-indicators">
        <thead>
          <tr>
            <th>{t('一级指标', 'Level 1')}</th>
            <th>{t('二级指标', 'Level 2')}</th>
            <th>{t('三级指标', 'Indicator')}</th>
            {hasPeriod && <th>{t('实施期指标值', 'Period target')}</th>}
            <th>{t('年度指标值', 'Annual target')}</th>
            {columns.map(([key, zh, en]) => (
              <th key={key}>{t(zh, en)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {content.indicators.map((indicator, i) => (
            <tr key={i} data-path={`/indicators/${i}`}>
              <td>{className(indicator.level1, t)}</td>
              <td>{className(indicator.level2, t)}</td>
              <td {...pick(`/indicators/${i}/name`)}>
                {indicator.core && <span title={t('核心指标', 'Core indicator')}>★</span>}
                {indicator.name}
              </td>
              {hasPeriod && <td {...pick(`/indicators/${i}/periodTarget`)}>{indicator.periodTarget}</td>}
              <td {...pick(`/indicators/${i}/annualTarget`)}>
                {indicator.annualTarget}
                <CarriedOverMark row={indicator} />
              </td>
              {columns.map(([key]) => (
                <td key={key}>{indicator[key]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {content.unparsed.length > 0 && (
        <div className="unparsed">
          <h3>{t('未识别的文字', 'Unparsed text')}</h3>
          {content.unparsed.map((u, i) => (
            <div key={i}>
              {u.at ? `${u.at}${t('：', ': ')}` : t(`第 ${u.line} 行：`, `line ${u.line}: `)}
              {u.text}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
