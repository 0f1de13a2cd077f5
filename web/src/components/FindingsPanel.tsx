/**
 * The checker's findings, errors first; each one leads to the field it concerns, named as the user
 * sees it (`绩效指标第 25 行 · 年度指标值`), never as a rule id or a 0-based pointer.
 */
import Empty from 'antd/es/empty';
import type { TargetDocument } from '../../../src/core/document.ts';
import type { Finding } from '../api/types.ts';
import { pointerLabel } from '../declaration/pointerLabel.ts';
import { useLocale } from '../i18n/locale.tsx';

const ORDER = { error: 0, warning: 1, info: 2 } as const;
const CHIP = { error: 'chip red', warning: 'chip orange', info: 'chip blue' } as const;

/** How many findings of each severity: every count a page shows comes from here, so they agree. */
export function findingCounts(findings: readonly Finding[]): { error: number; warning: number; info: number } {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function FindingsPanel({ findings, content, onSelect }: { findings: readonly Finding[]; content?: TargetDocument; onSelect?: (path: string) => void }) {
  const { t, pick } = useLocale();
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const names = { error: t('错误', 'Error'), warning: t('警告', 'Warning'), info: t('提示', 'Note') };
  if (sorted.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('未发现问题', 'No findings')} />;
  // Plain markup, the frame's chips and secondary text (styles.css): the panel re-renders as
  // the user types, with dozens of entries, and is part of the editor's first render.
  return (
    <ul className="findings" data-testid="findings">
      {sorted.map((finding, i) => (
        <li key={`${finding.rule}${finding.path}${i}`}>
          <button type="button" className="finding" disabled={!onSelect} onClick={() => onSelect?.(finding.path)} data-rule={finding.rule} data-path-target={finding.path} aria-label={`${names[finding.severity]}: ${pick(finding.message)}`} title={finding.rule}>
            <span className={CHIP[finding.severity]}>{names[finding.severity]}</span>
            <span>{pick(finding.message)}</span>
            {finding.suggestion && <span className="finding-suggestion">{pick(finding.suggestion)}</span>}
            <span className="finding-where">{pointerLabel(content, finding.path, t)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
