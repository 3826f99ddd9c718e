import { Button, Layout, Menu, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '@/components/language-switch';
import { api } from '@/lib/api-client';
import { paths } from '@/lib/paths';
import { hasRole, useSession, useSessionStore } from '@/lib/session';

/** The frame of every signed-in screen: the platform's name, navigation, who is signed in. */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const end = useSessionStore((s) => s.end);
  const selected = location.pathname.startsWith('/admin/users')
    ? 'users'
    : location.pathname.startsWith('/admin/api-keys')
      ? 'api-keys'
      : 'rulesets';
  const items = [
    { key: 'rulesets', label: <Link to={paths.home}>{t('nav.rulesets')}</Link> },
    ...(hasRole(session, 'admin')
      ? [
          { key: 'users', label: <Link to={paths.users}>{t('nav.users')}</Link> },
          { key: 'api-keys', label: <Link to={paths.apiKeys}>{t('nav.apiKeys')}</Link> },
        ]
      : []),
  ];
  const signOut = async () => {
    try {
      await api('/api/v1/auth/logout', { method: 'POST' });
    } catch {
      // Signing out locally is what matters to this browser.
    }
    end('signed-out');
    navigate(paths.login);
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}>
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Typography.Text>
        <nav aria-label={t('nav.label')} style={{ flex: 1, minWidth: 0 }}>
          <Menu theme="dark" mode="horizontal" selectedKeys={[selected]} items={items} />
        </nav>
        <Space>
          <LanguageSwitch />
          <Typography.Text style={{ color: '#fff' }} data-testid="signed-in-user">
            {session?.username}
          </Typography.Text>
          <Button size="small" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      {/* Layout.Content is the page's one <main> landmark. */}
      <Layout.Content style={{ padding: 24 }}>
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}
