/** The checker's findings, errors first; each one leads to the field it concerns. */
import Empty from 'antd/es/empty';
import type { Finding } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';

const ORDER = { error: 0, warning: 1, info: 2 } as const;
const CHIP = { error: 'chip red', warning: 'chip orange', info: 'chip blue' } as const;

export function FindingsPanel({ findings, onSelect }: { findings: readonly Finding[]; onSelect?: (path: string) => void }) {
  const { t, pick } = useLocale();
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const names = { error: t('错误', 'error'), warning: t('警告', 'warning'), info: t('提示', 'info') };
  if (sorted.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('未发现问题', 'No findings')} />;
  // Plain markup, the frame's chips and secondary text (styles.css): the panel re-renders as
  // the user types, with dozens of entries, and is part of the editor's first render.
  return (
    <ul className="findings" data-testid="findings">
      {sorted.map((finding, i) => (
        <li key={`${finding.rule}${finding.path}${i}`}>
          <button type="button" className="finding" disabled={!onSelect} onClick={() => onSelect?.(finding.path)} data-rule={finding.rule} aria-label={`${names[finding.severity]}: ${pick(finding.message)}`}>
            <span className={CHIP[finding.severity]}>{names[finding.severity]}</span>
            <span>{pick(finding.message)}</span>
            {finding.suggestion && <span className="finding-suggestion">{pick(finding.suggestion)}</span>}
            <span className="finding-where">
              {finding.rule} · {finding.path || '/'}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
