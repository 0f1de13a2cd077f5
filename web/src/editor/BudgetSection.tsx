/** The budget overview: every amount of the form, with exact totals shown as one types. */
import Alert from 'antd/es/alert';
import type { Amount, BudgetOverview, DepartmentTargetDeclaration } from '../../../src/core/declaration.ts';
import { showAmount } from '../declaration/display.ts';
import { useLocale } from '../i18n/locale.tsx';
import { budgetTotals } from './editing.ts';
import { FieldComments } from './FieldComments.tsx';
import { MoneyInput } from './MoneyInput.tsx';

type AmountPath = 'basic' | 'project' | 'total' | 'income.fiscal' | 'income.other' | 'developmental.specialFiscal' | 'developmental.other' | 'byLevel.ownLevel' | 'byLevel.transferDown';

const FIELDS: ReadonlyArray<{ key: AmountPath; zh: string; en: string }> = [
  { key: 'basic', zh: '基本支出', en: 'Basic expenditure' },
  { key: 'project', zh: '项目支出', en: 'Project expenditure' },
  { key: 'total', zh: '合计', en: 'Total' },
  { key: 'income.fiscal', zh: '财政拨款', en: 'Fiscal appropriation' },
  { key: 'income.other', zh: '其他资金', en: 'Other funds' },
  { key: 'developmental.specialFiscal', zh: '财政专项资金', en: 'Special fiscal funds' },
  { key: 'developmental.other', zh: '其他事业发展性支出', en: 'Other developmental spending' },
  { key: 'byLevel.ownLevel', zh: '本级使用资金', en: 'Used at own level' },
  { key: 'byLevel.transferDown', zh: '拟用于对下转移支付资金', en: 'Transfers to lower levels' },
];

function read(budget: BudgetOverview, key: AmountPath): Amount {
  const [group, field] = key.split('.') as [string, string | undefined];
  if (!field) return budget[group as 'basic' | 'project' | 'total'];
  return (budget[group as 'income' | 'developmental' | 'byLevel'] as Record<string, Amount>)[field] ?? null;
}

function write(budget: BudgetOverview, key: AmountPath, amount: Amount): BudgetOverview {
  const [group, field] = key.split('.') as [string, string | undefined];
  if (!field) return { ...budget, [group]: amount };
  const section = group as 'income' | 'developmental' | 'byLevel';
  return { ...budget, [section]: { ...budget[section], [field]: amount } };
}

export function BudgetSection({ content, onChange }: { content: DepartmentTargetDeclaration; onChange: (budget: BudgetOverview) => void }) {
  const { t } = useLocale();
  const budget = content.budget;
  const totals = budgetTotals(content);
  const mismatch = budget.total !== null && !budget.totalDerived && showAmount(budget.total) !== showAmount(totals.basicPlusProject);
  return (
    <>
      <div className="field-grid three">
        {FIELDS.map((field) => (
          <div className="field" key={field.key}>
            {field.key === 'total' && budget.totalDerived ? (
              <div data-path="/budget/total">
                <span className="field-label">
                  {t(field.zh, field.en)} <FieldComments path="/budget/total" />
                </span>
                <strong data-testid="derived-total">
                  {showAmount(totals.basicPlusProject)} 万元
                </strong>
                <span className="secondary"> {t('（自动合计）', '(computed)')}</span>
              </div>
            ) : (
              <>
                <label htmlFor={`budget-${field.key}`}>
                  {t(field.zh, field.en)} <FieldComments path={`/budget/${field.key.replace('.', '/')}`} />
                </label>
                <MoneyInput id={`budget-${field.key}`} path={`/budget/${field.key.replace('.', '/')}`} label={t(field.zh, field.en)} value={read(budget, field.key)} onChange={(amount) => onChange(write(budget, field.key, amount))} />
              </>
            )}
          </div>
        ))}
      </div>
      <label className="check">
        <input type="checkbox" checked={budget.totalDerived} onChange={(e) => onChange({ ...budget, totalDerived: e.target.checked, total: e.target.checked ? totals.basicPlusProject : budget.total })} />
        {t('合计 = 基本支出 + 项目支出（自动计算）', 'Total = basic + project (computed)')}
      </label>
      <div style={{ marginTop: 12 }} data-testid="budget-totals">
        <span className="secondary">
          {t('基本支出 + 项目支出 = ', 'Basic + project = ')}
          <b>{showAmount(totals.basicPlusProject)}</b> · {t('收入来源合计 ', 'Income sources ')}
          <b>{showAmount(totals.income)}</b> · {t('按级次合计 ', 'By level ')}
          <b>{showAmount(totals.byLevel)}</b> · {t('重点项目合计 ', 'Key projects ')}
          <b>{showAmount(totals.projects)}</b> {t('万元', '(10k yuan)')}
          <FieldComments path="/budget" />
        </span>
      </div>
      {mismatch && <Alert style={{ marginTop: 8 }} type="warning" showIcon message={t(`合计 ${showAmount(budget.total)} 与基本支出 + 项目支出 ${showAmount(totals.basicPlusProject)} 不等`, `Total ${showAmount(budget.total)} differs from basic + project ${showAmount(totals.basicPlusProject)}`)} />}
    </>
  );
}
