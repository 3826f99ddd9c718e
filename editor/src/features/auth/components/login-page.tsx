import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { LanguageSwitch } from '@/components/language-switch';
import { ProblemAlert } from '@/components/problem-alert';
import { api } from '@/lib/api-client';
import { paths } from '@/lib/paths';
import { useSessionStore, type Role } from '@/lib/session';

interface LoginAnswer {
  accessToken: string;
  expiresIn: number;
}

/** Only addresses inside the editor are followed after signing in. */
const safeNext = (next: string | null): string =>
  next && next.startsWith('/') && !next.startsWith('//') ? next : paths.home;

/**
 * The sign-in screen. After an expired session it says so and returns the official to the screen
 * they were on; what they typed there is still in the browser's draft store.
 */
export function LoginPage() {
  const { t } = useTranslation('auth');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { session, ended, signIn } = useSessionStore();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));
  if (session) return <Navigate to={next} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const login = await api<LoginAnswer>('/api/v1/auth/login', {
        method: 'POST',
        body: values,
        anonymous: true,
      });
      const me = await fetch('/api/v1/auth/me', {
        headers: { Authorization: `Bearer ${login.accessToken}` },
      });
      const account = (await me.json()) as { username: string; roles: Role[] };
      signIn({
        token: login.accessToken,
        username: account.username,
        roles: account.roles,
        expiresAt: Date.now() + login.expiresIn * 1000,
      });
      navigate(next, { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5' }}>
      <main>
        <Card style={{ width: 400 }}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
              <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
                {t('title')}
              </Typography.Title>
              <LanguageSwitch />
            </div>
            <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
            {ended === 'expired' ? <Alert type="warning" showIcon title={t('expired')} /> : null}
            <ProblemAlert error={error} />
            <Form layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
              <Form.Item
                label={t('username')}
                name="username"
                rules={[{ required: true, message: t('usernameRequired') }]}
              >
                <Input autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item
                label={t('password')}
                name="password"
                rules={[{ required: true, message: t('passwordRequired') }]}
              >
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>
                {t('submit')}
              </Button>
            </Form>
          </Space>
        </Card>
      </main>
    </div>
  );
}
