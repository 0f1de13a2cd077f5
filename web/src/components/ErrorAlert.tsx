/** A server error shown in the current language, with the fields it names said in words (not as request paths). */
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { pointerLabel } from '../declaration/pointerLabel.ts';
import { useLocale } from '../i18n/locale.tsx';

/** A request field (`body.content.indicators.3.annualTarget`, `query.year`) in words. */
function fieldLabel(field: string, t: (zh: string, en: string) => string): string {
  const parts = field.split('.');
  const at = parts.indexOf('content');
  if (at >= 0) return pointerLabel(undefined, parts.slice(at + 1).map((p) => `/${p}`).join(''), t);
  const last = parts[parts.length - 1] ?? field;
  const names: Record<string, [string, string]> = { year: ['年度', 'year'], departmentId: ['部门', 'department'], text: ['文本', 'text'], password: ['密码', 'password'], username: ['用户名', 'username'], name: ['名称', 'name'], through: ['数据截至', 'data to'], due: ['报送期限', 'due date'], regionId: ['区划', 'region'], reason: ['意见', 'reason'], advice: ['整改意见', 'advice'], file: ['文件', 'file'], targetId: ['绩效目标', 'targets'] };
  return Object.hasOwn(names, last) ? t(...(names[last] as [string, string])) : last;
}

/** The error; `detail`, when the page says more of it (the fields as links to their boxes), replaces the fields in words. */
export function ErrorAlert({ error, onRetry, detail }: { error: unknown; onRetry?: () => void; detail?: ReactNode }) {
  const { t, pick } = useLocale();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError ? pick(apiError.text) : t('发生错误', 'Something went wrong');
  const fields = apiError?.fields.filter((f) => f.field) ?? [];
  // A missing thing does not come back by retrying; a lost connection or a server error may.
  const retry = onRetry && (!apiError || apiError.status === 0 || apiError.status >= 500) ? onRetry : undefined;
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={message}
      description={detail ?? (fields.length > 0 ? fields.map((f) => t(fieldLabel(f.field, t), `${fieldLabel(f.field, t)}: ${f.message}`)).join(t('；', '; ')) : undefined)}
      action={retry ? <Button size="small" onClick={retry}>{t('重试', 'Retry')}</Button> : undefined}
    />
  );
}
