/**
 * What a page shows instead of itself: an address that leads nowhere (404), a page this role is not
 * offered (403), a form that does not exist or may not be seen, or a page whose code could not be
 * loaded because the server is down — each says what happened and offers the way on.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useLocale } from '../i18n/locale.tsx';

export function StatusPage({ code, title, detail, actions }: { code: string; title: string; detail?: ReactNode; actions?: ReactNode }) {
  const { t } = useLocale();
  return (
    <section className="status-page" role="alert" data-testid={`status-${code}`}>
      <div className="status-code" aria-hidden="true">
        {code}
      </div>
      <h1>{title}</h1>
      {detail && <p className="secondary">{detail}</p>}
      <div className="status-actions">
        {actions}
        <Link className="btn" to="/">
          {t('返回工作台', 'Back to the start page')}
        </Link>
      </div>
    </section>
  );
}

/** No page at this address. */
export function NotFoundPage() {
  const { t } = useLocale();
  return <StatusPage code="404" title={t('没有这个页面', 'There is no such page')} detail={t(`地址 ${window.location.pathname} 不存在，可能输错了，或链接已失效。`, `The address ${window.location.pathname} leads nowhere: mistyped, or an old link.`)} />;
}

/** This role is not offered this page. */
export function ForbiddenPage() {
  const { t } = useLocale();
  return <StatusPage code="403" title={t('无权访问此页面', 'You may not open this page')} detail={t('你的角色不能使用此页面。如需使用，请联系管理员。', 'Your role does not include this page. Ask an administrator if you need it.')} />;
}
