/** A figure that cannot be known yet because an amount it is computed from is not a number (see figuresWhileTyping.ts). */
import { useLocale } from '../i18n/locale.tsx';

/**
 * `—` and why, in place of a rate, light, score or total while an amount box holds something else:
 * the reason under the dash in a grid cell, beside it (`inline`) in a line of text.
 */
export function UnknownFigure({ inline = false }: { inline?: boolean }) {
  const { t } = useLocale();
  return (
    <span data-unknown="true">
      —<span className="cell-hint" style={{ display: inline ? 'inline' : 'block', marginLeft: inline ? 4 : 0 }}>{inline ? t('（金额不是数字）', '(amount is not a number)') : t('金额不是数字，改正后计算', 'amount is not a number; shown once it is')}</span>
    </span>
  );
}
