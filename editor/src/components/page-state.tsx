import { Empty, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './problem-alert';

/**
 * The loading, error and empty states every screen shows the same way; renders `children` when
 * there is something to show.
 */
export function PageState({
  loading,
  error,
  empty,
  emptyText,
  children,
}: {
  loading?: boolean;
  error?: unknown;
  empty?: boolean;
  emptyText?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  if (error) return <ProblemAlert error={error} />;
  if (loading)
    return (
      <div style={{ padding: 48, textAlign: 'center' }} aria-busy="true">
        <Spin description={t('state.loading')} />
      </div>
    );
  if (empty) return <Empty description={emptyText ?? t('state.empty')} />;
  return <>{children}</>;
}

/** A whole-screen "not found" answer with a way back. */
export function NotFound({ extra }: { extra?: ReactNode }) {
  const { t } = useTranslation();
  return <Result status="404" title={t('state.notFound')} extra={extra} />;
}
