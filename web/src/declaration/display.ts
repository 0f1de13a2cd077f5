/** How declaration values are shown: amounts as printed on forms, targets as understood. */
import { formatMoneyGrouped, parseMoney } from '../../../src/core/money.ts';
import type { TargetValue } from '../../../src/core/targetValue.ts';

/** `4417.50` → `4,417.50`; null → empty; text that is not an amount is shown as it is. */
export function showAmount(amount: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const parsed = parseMoney(amount);
  return parsed.ok ? formatMoneyGrouped(parsed.value) : amount;
}

/** How a target was understood, in words: `≥ 85 分`, `定性`, `待填`, … */
export function describeTarget(value: TargetValue, t: (zh: string, en: string) => string): string {
  switch (value.kind) {
    case 'quantity': {
      const number = value.upper ? `${value.value}–${value.upper}` : value.value;
      const parts = [value.operator ?? t('（无比较符）', '(no operator)'), number, value.unit ?? t('（无单位）', '(no unit)')];
      if (value.approximate) parts.push(t('约数', 'approximate'));
      if (value.basis) parts.push(`(${value.basis})`);
      return `${t('定量', 'quantity')}: ${parts.join(' ')}`;
    }
    case 'deadline':
      return `${t('时限', 'deadline')}: ${value.operator ?? ''} ${value.year ? `${value.year}年` : ''}${value.month}月${value.day ? `${value.day}日` : value.part ?? ''}`.trim();
    case 'qualitative':
      // A comparison sign alone is a target not finished, not a qualitative one.
      if (/^[≥≤><=＞＜≧≦＝]+$/.test(value.text.trim())) return t('不完整：只有比较符，缺少数值', 'incomplete: a sign without a number');
      return `${t('定性', 'qualitative')}: ${value.text}`;
    case 'placeholder':
      return t(`待填占位符「${value.text}」`, `placeholder "${value.text}"`);
    default:
      return value.kind === 'not-applicable' ? t('不适用', 'not applicable') : t('空', 'empty');
  }
}
