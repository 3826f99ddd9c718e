import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, useSession } from '@/lib/session';

/** Shows `children` to an administrator; anyone else gets a "no access" (403) answer. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation('admin');
  const session = useSession();
  if (!hasRole(session, 'admin'))
    return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.detail')} />;
  return <>{children}</>;
}
