/** The budget overview: every amount of the form, with exact totals shown as one types. */
import Alert from 'antd/es/alert';
import type { Amount, BudgetOverview, DepartmentTargetDeclaration } from '../../../src/core/declaration.ts';
import { showAmount } from '../declaration/display.ts';
import { useLocale } from '../i18n/locale.tsx';
import { budgetTotals } from './editing.ts';
import { useEditorFields } from './editorFields.tsx';
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

/** The form's groups of amounts, as it prints them, each with its own sum. */
const GROUPS: ReadonlyArray<{ zh: string; en: string; keys: readonly AmountPath[]; sum?: keyof ReturnType<typeof budgetTotals> }> = [
  { zh: '部门预算支出', en: 'Department budget', keys: ['basic', 'project', 'total'] },
  { zh: '收入来源', en: 'Income sources', keys: ['income.fiscal', 'income.other'], sum: 'income' },
  { zh: '事业发展性支出', en: 'Developmental spending', keys: ['developmental.specialFiscal', 'developmental.other'] },
  { zh: '按预算级次划分', en: 'By budget level', keys: ['byLevel.ownLevel', 'byLevel.transferDown'], sum: 'byLevel' },
];

const pathOf = (key: AmountPath) => `/budget/${key.replace('.', '/')}`;

export function BudgetSection({ content, onChange }: { content: DepartmentTargetDeclaration; onChange: (budget: BudgetOverview) => void }) {
  const { t } = useLocale();
  const { invalid } = useEditorFields();
  const budget = content.budget;
  const totals = budgetTotals(content);
  // A sum over a box that holds what is not an amount would be the sum of its last valid value: not shown.
  const unsure = (keys: readonly AmountPath[]) => keys.some((key) => invalid?.has(pathOf(key)) ?? false);
  const sumText = (amount: string, keys: readonly AmountPath[]) => (unsure(keys) ? t('—（有无效输入，改正后合计）', '— (an entry is invalid: corrected, it is summed)') : `${showAmount(amount)} ${t('万元', '(10k yuan)')}`);
  const mismatch = budget.total !== null && !budget.totalDerived && !unsure(['basic', 'project']) && showAmount(budget.total) !== showAmount(totals.basicPlusProject);
  const field = (key: AmountPath) => {
    const f = FIELDS.find((x) => x.key === key) as (typeof FIELDS)[number];
    if (key === 'total' && budget.totalDerived) {
      return (
        <div className="field" key={key} data-path="/budget/total">
          <span className="field-label">
            {t(f.zh, f.en)} <FieldComments path="/budget/total" />
          </span>
          <strong data-testid="derived-total">{sumText(totals.basicPlusProject, ['basic', 'project'])}</strong>
          <span className="secondary"> {t('（自动合计）', '(computed)')}</span>
        </div>
      );
    }
    return (
      <div className="field" key={key}>
        <label htmlFor={`budget-${key}`}>
          {t(f.zh, f.en)} <FieldComments path={pathOf(key)} />
        </label>
        <MoneyInput id={`budget-${key}`} path={pathOf(key)} label={t(f.zh, f.en)} value={read(budget, key)} onChange={(amount) => onChange(write(budget, key, amount))} />
      </div>
    );
  };
  return (
    <>
      <div className="budget-groups">
        {GROUPS.map((group) => (
          <fieldset className="budget-group" key={group.zh} data-testid="budget-group">
            <legend>{t(group.zh, group.en)}</legend>
            <div className="field-grid three">{group.keys.map(field)}</div>
            {group.sum && (
              <div className="secondary budget-group-sum">
                {t('合计', 'Sum')}
                {t('：', ': ')}
                <b>{sumText(totals[group.sum], group.keys)}</b>
              </div>
            )}
          </fieldset>
        ))}
      </div>
      <label className="check">
        <input type="checkbox" checked={budget.totalDerived} onChange={(e) => onChange({ ...budget, totalDerived: e.target.checked, total: e.target.checked ? totals.basicPlusProject : budget.total })} />
        {t('合计 = 基本支出 + 项目支出（自动计算）', 'Total = basic + project (computed)')}
      </label>
      <div style={{ marginTop: 12 }} data-testid="budget-totals">
        <span className="secondary">
          {t('基本支出 + 项目支出 = ', 'Basic + project = ')}
          <b>{sumText(totals.basicPlusProject, ['basic', 'project'])}</b> · {t('重点项目合计 ', 'Key projects ')}
          <b>{showAmount(totals.projects)}</b> {t('万元', '(10k yuan)')}
          <FieldComments path="/budget" />
        </span>
      </div>
      {mismatch && <Alert style={{ marginTop: 8 }} type="warning" showIcon message={t(`合计 ${showAmount(budget.total)} 与基本支出 + 项目支出 ${showAmount(totals.basicPlusProject)} 不等`, `Total ${showAmount(budget.total)} differs from basic + project ${showAmount(totals.basicPlusProject)}`)} />}
    </>
  );
}
