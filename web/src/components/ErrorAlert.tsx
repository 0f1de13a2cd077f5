/** A server error shown in the current language, with the fields it names. */
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import { ApiError } from '../api/client.ts';
import { useLocale } from '../i18n/locale.tsx';

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, pick } = useLocale();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError ? pick(apiError.text) : t('发生错误', 'Something went wrong');
  const fields = apiError?.fields.filter((f) => f.field) ?? [];
  return (
    <Alert
      role="alert"
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={message}
      description={fields.length > 0 ? fields.map((f) => `${f.field}: ${f.message}`).join('；') : undefined}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('重试', 'Retry')}</Button> : undefined}
    />
  );
}
