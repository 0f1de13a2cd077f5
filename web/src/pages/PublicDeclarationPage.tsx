/** A published form in its official layout; no sign-in. Anything unpublished is a 404 from the server. */
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Space } from 'antd';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.ts';
import type { PublicDeclaration } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { OfficialForm } from '../declaration/OfficialForm.tsx';
import { useLocale } from '../i18n/locale.tsx';

export function PublicDeclarationPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const declaration = useResource(`p:${id}`, () => api<PublicDeclaration>('GET', `/api/v1/public/declarations/${id}`));
  return (
    <>
      <div className="page-title no-print">
        <h1>
          {declaration.data ? `${declaration.data.departmentName} · ${declaration.data.year}` : t('申报表', 'Form')}
        </h1>
        <Space>
          <Link to="/public">{t('返回列表', 'Back to the list')}</Link>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('打印', 'Print')}
          </Button>
        </Space>
      </div>
      <ErrorAlert error={declaration.error} />
      <Card loading={declaration.loading && !declaration.data}>{declaration.data && <OfficialForm content={declaration.data.content} />}</Card>
    </>
  );
}
