/** The public frame: no sign-in, published forms only. Plain markup, like the signed-in frame. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useLocale } from '../i18n/locale.tsx';
import { useSession } from '../session/session.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useLocale();
  const { user } = useSession();
  return (
    <div className="app-main">
      <header className="app-header no-print">
        <Link to="/public" className="brand-inline">
          绩效 Jixiao · {t('预算绩效目标公开', 'Published performance targets')}
        </Link>
        <div className="header-tools">
          <Link to="/public" className="btn">
            {t('绩效目标', 'Targets')}
          </Link>
          <Link to="/public/evaluations" className="btn">
            {t('自评结果', 'Self-evaluations')}
          </Link>
          <LanguageSwitch />
          {user ? (
            <Link to="/" className="btn">
              {t('返回工作台', 'Back to work')}
            </Link>
          ) : (
            <Link to="/login" className="btn primary">
              {t('登录', 'Sign in')}
            </Link>
          )}
        </div>
      </header>
      <div className="app-content">
        <main>{children}</main>
      </div>
      <footer className="app-footer no-print">
        <span className="secondary">{t('本页仅显示已公开的绩效目标和自评结果', 'Only published targets and self-evaluations are shown here')}</span>
      </footer>
    </div>
  );
}
