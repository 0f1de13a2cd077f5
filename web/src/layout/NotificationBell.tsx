/**
 * The bell in the header: how many notifications are unread, and the latest ones in a panel — each
 * opens its page and is marked read. Plain markup like the rest of the frame (it is on every page's
 * first paint); it asks the server again every 30 seconds and whenever the page changes.
 */
import { BellOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { NotificationView } from '../../../src/format/apiTypes.ts';
import { api } from '../api/client.ts';
import { useLocale } from '../i18n/locale.tsx';

const POLL_MS = 30_000;

export function NotificationBell() {
  const { t, pick, time } = useLocale();
  const location = useLocation();
  const navigate = useNavigate();
  const [inbox, setInbox] = useState<{ items: NotificationView[]; unread: number } | null>(null);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const panel = useRef<HTMLDivElement>(null);

  const load = useCallback(() => {
    api<{ items: NotificationView[]; unread: number }>('GET', '/api/v1/notifications?limit=10')
      .then((answer) => {
        setInbox(answer);
        setFailed(false);
      })
      // A bell that cannot ring keeps its last count; the page says the rest.
      .catch(() => setFailed(true));
  }, []);

  useEffect(() => {
    load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [load, location.pathname]);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !panel.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const openOne = async (item: NotificationView) => {
    setOpen(false);
    if (!item.read) await api('POST', `/api/v1/notifications/${item.id}/read`).catch(() => undefined);
    navigate(item.link);
    load();
  };
  const readAll = async () => {
    await api('POST', '/api/v1/notifications/read-all').catch(() => undefined);
    load();
  };

  const unread = inbox?.unread ?? 0;
  return (
    <div className="bell" ref={panel}>
      <button type="button" className="btn" aria-haspopup="true" aria-expanded={open} onClick={() => setOpen((v) => !v)} data-testid="notification-bell" title={failed ? t('无法获取消息', 'messages unavailable') : undefined}>
        <BellOutlined />
        <span className="visually-hidden">{t('消息', 'Messages')}</span>
        {unread > 0 && (
          <span className="bell-count" data-testid="unread-count" aria-label={t(`${unread} 条未读`, `${unread} unread`)}>
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-panel" role="dialog" aria-label={t('消息', 'Messages')} data-testid="notification-panel">
          <div className="bell-head">
            <strong>{t('消息', 'Messages')}</strong>
            {unread > 0 && (
              <button type="button" className="link-button" onClick={() => void readAll()}>
                {t('全部标为已读', 'Mark all read')}
              </button>
            )}
          </div>
          {(inbox?.items ?? []).length === 0 ? (
            <p className="secondary">{t('暂无消息', 'No messages')}</p>
          ) : (
            <ul>
              {inbox?.items.map((item) => (
                <li key={item.id}>
                  <button type="button" className={item.read ? 'bell-item' : 'bell-item unread'} onClick={() => void openOne(item)} data-testid="notification-item">
                    <span className="bell-title">{pick(item.title)}</span>
                    {item.body && <span className="bell-body">{item.body}</span>}
                    <span className="secondary">{time(item.createdAt)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
