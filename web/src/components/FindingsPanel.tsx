/** The checker's findings, errors first; each one leads to the field it concerns. */
import { Empty, List, Tag, Typography } from 'antd';
import type { Finding } from '../api/types.ts';
import { useLocale } from '../i18n/locale.tsx';

const ORDER = { error: 0, warning: 1, info: 2 } as const;
const COLOR = { error: 'red', warning: 'orange', info: 'blue' } as const;

export function FindingsPanel({ findings, onSelect }: { findings: readonly Finding[]; onSelect?: (path: string) => void }) {
  const { t, pick } = useLocale();
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const names = { error: t('错误', 'error'), warning: t('警告', 'warning'), info: t('提示', 'info') };
  if (sorted.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('未发现问题', 'No findings')} />;
  return (
    <List
      size="small"
      data-testid="findings"
      dataSource={sorted}
      renderItem={(finding) => (
        <List.Item style={{ display: 'block' }}>
          <button
            type="button"
            className="anchor-button"
            style={{ all: 'unset', cursor: onSelect ? 'pointer' : 'default', display: 'block' }}
            onClick={() => onSelect?.(finding.path)}
            data-rule={finding.rule}
            aria-label={`${names[finding.severity]}: ${pick(finding.message)}`}
          >
            <Tag color={COLOR[finding.severity]}>{names[finding.severity]}</Tag>
            <Typography.Text>{pick(finding.message)}</Typography.Text>
            {finding.suggestion && (
              <div>
                <Typography.Text type="secondary">{pick(finding.suggestion)}</Typography.Text>
              </div>
            )}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {finding.rule} · {finding.path || '/'}
              </Typography.Text>
            </div>
          </button>
        </List.Item>
      )}
    />
  );
}
