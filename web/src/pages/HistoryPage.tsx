/**
 * A target form's full history page: the shared history view (documents/VersionHistory.tsx) at the
 * width of the page, under the form's name and the way back to it.
 */
import Card from 'antd/es/card';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.ts';
import type { DeclarationView } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { VersionHistory } from '../documents/VersionHistory.tsx';
import { useLocale } from '../i18n/locale.tsx';

export default function HistoryPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const declaration = useResource(`d:${id}`, () => api<DeclarationView>('GET', `/api/v1/declarations/${id}`));
  const view = declaration.data;
  return (
    <>
      <div className="page-title">
        <h1>
          {t('历史版本', 'History')} · {view?.departmentName} · {view?.year}
        </h1>
        <Link to={`/declarations/${id}`}>{t('返回申报表', 'Back to the form')}</Link>
      </div>
      <ErrorAlert error={declaration.error} onRetry={declaration.reload} />
      {!view ? (
        !declaration.error && <Loading />
      ) : (
        <Card size="small">
          <VersionHistory id={id} current={view.version} editable={view.canEdit} restore={{ possible: true }} onRestored={declaration.reload} />
          {view.canEdit && (
            <Link className="btn" style={{ marginTop: 8 }} to={`/declarations/${id}/edit`}>
              {t('去编辑', 'Edit')}
            </Link>
          )}
        </Card>
      )}
    </>
  );
}
