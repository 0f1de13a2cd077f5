/**
 * For the reviewer of a form sent back and submitted again: what the department changed since the
 * return — the differences between the version returned and the one submitted, field by field.
 */
import Card from 'antd/es/card';
import Empty from 'antd/es/empty';
import { useState } from 'react';
import { api, query } from '../api/client.ts';
import type { Change, StoredVersion } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useLocale } from '../i18n/locale.tsx';
import { ChangesTable } from './ChangesTable.tsx';
import { documentPath } from '../documents/documentPath.ts';

export function ChangesSinceReturn({ id, returned, submitted }: { id: string; returned: number; submitted: number }) {
  const { t } = useLocale();
  const [open, setOpen] = useState(true);
  const diff = useResource(`since:${id}:${returned}:${submitted}`, async () => {
    const [changes, older, newer] = await Promise.all([
      api<{ changes: Change[] }>('GET', documentPath(id, `/diff${query({ from: returned, to: submitted })}`)),
      api<StoredVersion>('GET', documentPath(id, `/versions/${returned}`)),
      api<StoredVersion>('GET', documentPath(id, `/versions/${submitted}`)),
    ]);
    return { changes: changes.changes, older: older.content, newer: newer.content };
  });
  const count = diff.data?.changes.length;
  return (
    <Card
      size="small"
      className="no-print"
      style={{ marginBottom: 12 }}
      data-testid="changes-since-return"
      title={count === undefined ? t('退回后的修改', 'Changed since the return') : t(`退回（第 ${returned} 版）后修改了 ${count} 处`, `${count} changes since the return (version ${returned})`)}
      extra={
        <button type="button" className="btn small text" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          {open ? t('收起', 'Hide') : t('展开', 'Show')}
        </button>
      }
    >
      {open && (
        <>
          <ErrorAlert error={diff.error} onRetry={diff.reload} />
          {count === 0 ? <Empty description={t('退回后没有修改', 'Nothing changed since the return')} /> : <ChangesTable changes={diff.data?.changes ?? []} older={diff.data?.older} newer={diff.data?.newer} loading={diff.loading} testId="changes-since-return-table" />}
        </>
      )}
    </Card>
  );
}
