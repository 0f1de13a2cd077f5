/**
 * Under a department form: its project forms with their state and findings, and for each project
 * row that has none yet, "填报项目绩效目标" — a new project form prefilled from the row.
 */
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import type { DeclarationView, DocumentLinks } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';
import { showAmount } from './display.ts';
import { stateName } from './vocabulary.ts';

export function ProjectFormsCard({ view, links, onError }: { view: DeclarationView; links: DocumentLinks; onError: (error: unknown) => void }) {
  const { t } = useLocale();
  const navigate = useNavigate();
  const rows = view.content.projects;
  if (rows.length === 0 && links.projectForms.length === 0) return null;
  const create = async (row: number) => {
    onError(null);
    try {
      const made = await api<{ id: string }>('POST', '/api/v1/declarations', { departmentId: view.departmentId, year: view.year, source: 'project-row', departmentFormId: view.id, row });
      navigate(`/declarations/${made.id}`);
    } catch (caught) {
      onError(caught);
    }
  };
  return (
    <section className="project-forms no-print" aria-labelledby="project-forms-title">
      <h3 id="project-forms-title">{t('项目支出绩效目标申报表', 'Project target forms')}</h3>
      <table className="official-form">
        <thead>
          <tr>
            <th>{t('项目', 'Project')}</th>
            <th>{t('部门表金额（万元）', 'Amount here (10,000 yuan)')}</th>
            <th>{t('项目申报表', 'Project form')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const forms = links.projectForms.filter((f) => f.row === i);
            return (
              <tr key={i}>
                <td>{row.name}</td>
                <td className="amount">{showAmount(row.amount)}</td>
                <td>
                  {forms.map((form) => (
                    <div key={form.id}>
                      <Link to={`/declarations/${form.id}`}>{stateName(form.state, t)}</Link>
                      {form.budgetTotal !== null && ` · ${showAmount(form.budgetTotal)} 万元`}
                      {` · ${t(`${form.errorCount} 个错误、${form.warningCount} 个警告`, `${form.errorCount} errors, ${form.warningCount} warnings`)}`}
                    </div>
                  ))}
                  {forms.length === 0 && view.canEdit && (
                    <button type="button" className="btn" onClick={() => void create(i)}>
                      {t('填报项目绩效目标', 'Fill in its project form')}
                    </button>
                  )}
                  {forms.length === 0 && !view.canEdit && <span className="muted">{t('未填报', 'none yet')}</span>}
                </td>
              </tr>
            );
          })}
          {links.projectForms
            .filter((f) => f.row === null)
            .map((form) => (
              <tr key={form.id}>
                <td>{form.projectName ?? t('（未命名项目）', '(unnamed project)')}</td>
                <td className="amount">—</td>
                <td>
                  <Link to={`/declarations/${form.id}`}>{stateName(form.state, t)}</Link> · {t('未对应部门表中的项目行', 'matches no row here')}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}
