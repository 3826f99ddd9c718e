import { lazy, Suspense } from 'react';
import { Link, Route, Routes, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { NotFound, PageState } from '@/components/page-state';
import { ApiKeysPage, UsersPage } from '@/features/admin';
import { LoginPage, RequireSession } from '@/features/auth';
import { RulesetsPage, VersionsPage } from '@/features/versions';
import { paths } from '@/lib/paths';
import { AppLayout } from './app-layout';
import { VersionPage } from './version-page';

function RulesetRoute() {
  return <VersionsPage rulesetKey={useParams().key ?? ''} />;
}

// The comparison carries Monaco's diff editor: loaded when first opened, not with the app.
const ComparePage = lazy(() => import('@/features/compare').then((m) => ({ default: m.ComparePage })));

function CompareRoute() {
  return (
    <Suspense fallback={<PageState loading />}>
      <ComparePage rulesetKey={useParams().key ?? ''} />
    </Suspense>
  );
}

function NotFoundRoute() {
  const { t } = useTranslation();
  return <NotFound extra={<Link to={paths.home}>{t('state.backHome')}</Link>} />;
}

/** Every screen of the editor. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path={paths.login} element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<RulesetsPage />} />
        <Route path="rulesets/:key" element={<RulesetRoute />} />
        <Route path="rulesets/:key/compare" element={<CompareRoute />} />
        <Route path="rulesets/:key/versions/:version" element={<VersionPage />} />
        <Route path="rulesets/:key/versions/:version/:tab" element={<VersionPage />} />
        <Route path="admin/users" element={<UsersPage />} />
        <Route path="admin/api-keys" element={<ApiKeysPage />} />
        <Route path="*" element={<NotFoundRoute />} />
      </Route>
    </Routes>
  );
}
