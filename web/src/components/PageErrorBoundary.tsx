/**
 * Keeps the frame when a page fails to render — above all when its code cannot be loaded because
 * the server is down or was updated ("Failed to fetch dynamically imported module"): the menu stays,
 * the page says what happened, and retrying loads it again.
 */
import { Component, type ReactNode } from 'react';
import { useLocale } from '../i18n/locale.tsx';
import { StatusPage } from './StatusPage.tsx';

function Failure({ error }: { error: Error }) {
  const { t } = useLocale();
  const loading = /dynamically imported module|Importing a module script failed|Failed to fetch|error loading dynamically/i.test(error.message);
  return (
    <StatusPage
      code={loading ? '!' : '500'}
      title={loading ? t('页面未能加载', 'The page could not be loaded') : t('页面出错了', 'The page went wrong')}
      detail={loading ? t('无法连接服务器，或服务器刚刚更新。请检查网络后重试；已保存的内容不受影响。', 'The server could not be reached, or was just updated. Check the network and retry; nothing saved is affected.') : t('请重试；如再次出现，请把此页地址告知管理员。', 'Please retry; if it happens again, tell an administrator the address of this page.')}
      actions={
        <button type="button" className="btn primary" onClick={() => window.location.reload()}>
          {t('重试', 'Retry')}
        </button>
      }
    />
  );
}

export class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null; key: string }> {
  override state: { error: Error | null; key: string } = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    // Another page was chosen: it gets its chance.
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override render(): ReactNode {
    return this.state.error ? <Failure error={this.state.error} /> : this.props.children;
  }
}
