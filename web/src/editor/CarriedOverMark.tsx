/** 沿用上年: beside a target copied from last year's form and not yet edited (复制上年 promises it). */
import { carriedOverUnchanged } from '../declaration/carriedOver.ts';
import { useLocale } from '../i18n/locale.tsx';

export function CarriedOverMark({ row }: { row: { readonly annualTarget: string; readonly carriedOver?: string | undefined } }) {
  const { t } = useLocale();
  if (!carriedOverUnchanged(row)) return null;
  return (
    <span className="carried-over" data-testid="carried-over" title={t('此目标复制自上年度申报表，尚未修改；请按本年度核对', 'Copied from last year’s form and not yet edited: check it for this year')}>
      {t('沿用上年', 'as last year')}
    </span>
  );
}
