/**
 * A published form in its official layout; no sign-in. Anything unpublished is a 404 from the server,
 * and the page then says there is no such form, offering nothing to print or download.
 */
import { FileExcelOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Space } from 'antd';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { DocumentLinks, PublicDeclaration } from '../api/types.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { StatusPage } from '../components/StatusPage.tsx';
import { OfficialForm } from '../declaration/OfficialForm.tsx';
import { ProjectForm } from '../declaration/ProjectForm.tsx';
import { useLocale } from '../i18n/locale.tsx';

export function PublicDeclarationPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const declaration = useResource(`p:${id}`, () => api<PublicDeclaration>('GET', `/api/v1/public/declarations/${id}`));
  // A department form's published project forms are listed under it; a project form names its department form.
  const links = useResource(`pl:${id}`, () => api<DocumentLinks>('GET', `/api/v1/declarations/${id}/links`));
  const content = declaration.data?.content;
  // An id that is none (400) or of no published form (404): a form that is not there.
  if (declaration.error instanceof ApiError && (declaration.error.status === 404 || declaration.error.status === 400)) {
    return <StatusPage code="404" title={t('没有这张公开的申报表', 'No such published form')} detail={t('它可能尚未公开、已撤回，或链接有误。', 'It may not be published yet, may have been withdrawn, or the link is wrong.')} actions={<Link className="btn" to="/public">{t('返回公开列表', 'Back to the public forms')}</Link>} />;
  }
  return (
    <>
      <div className="page-title no-print">
        <h1>
          {declaration.data ? `${declaration.data.departmentName} · ${declaration.data.year}` : t('申报表', 'Form')}
        </h1>
        <Space>
          <Link to="/public">{t('返回列表', 'Back to the list')}</Link>
          {declaration.data && (
            <>
              <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
                {t('打印', 'Print')}
              </Button>
              <a className="btn" href={`/api/v1/public/declarations/${id}.pdf`} download>
                <FilePdfOutlined />
                {t('下载 PDF', 'Download PDF')}
              </a>
              <a className="btn" href={`/api/v1/public/declarations/${id}.xlsx`} download>
                <FileExcelOutlined />
                {t('下载 Excel', 'Download Excel')}
              </a>
            </>
          )}
        </Space>
      </div>
      <ErrorAlert error={declaration.error} />
      <Card loading={declaration.loading && !declaration.data}>
        {content && (content.kind === 'project-target' ? <ProjectForm content={content} /> : <OfficialForm content={content} />)}
        {content?.kind === 'project-target' && links.data?.departmentForm && (
          <p className="no-print">
            <Link to={`/public/${links.data.departmentForm.id}`}>{t('所属部门整体绩效目标申报表', 'The department-wide form it belongs to')}</Link>
          </p>
        )}
        {content?.kind === 'department-target' && (links.data?.projectForms.length ?? 0) > 0 && (
          <section className="project-forms no-print">
            <h3>{t('已公开的项目支出绩效目标申报表', 'Published project forms')}</h3>
            <ul>
              {links.data?.projectForms.map((form) => (
                <li key={form.id}>
                  <Link to={`/public/${form.id}`}>{form.projectName ?? t('（未命名项目）', '(unnamed project)')}</Link>
                </li>
              ))}
            </ul>
          </section>
        )}
      </Card>
    </>
  );
}
