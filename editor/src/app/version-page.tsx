import { StatusTag } from '@/components/status-tag';
import { Alert, Breadcrumb, Descriptions, Space, Tabs, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { NotFound, PageState } from '@/components/page-state';
import { CalculatorTab } from '@/features/calculator';
import { ChangesTab, ParametersTab } from '@/features/parameters';
import { TestsTab } from '@/features/tests';
import { HistoryTab, WorkflowBar } from '@/features/workflow';
import { chinaToday, useRuleset, useVersionDocument } from '@/hooks/use-rulesets';
import { localized } from '@/lib/i18n';
import { paths, VERSION_TABS, type VersionTab } from '@/lib/paths';
import { hasRole, useSession } from '@/lib/session';

// Rules and JSON carry Monaco: loaded when one of their tabs is first opened, not with the app.
const RulesTab = lazy(() => import('@/features/rules').then((m) => ({ default: m.RulesTab })));
const JsonTab = lazy(() => import('@/features/rules').then((m) => ({ default: m.JsonTab })));

/** One version's screen: its header and workflow actions, then a tab per way of looking at it. */
export function VersionPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const params = useParams();
  const key = params.key ?? '';
  const version = params.version ?? '';
  const tab: VersionTab = VERSION_TABS.includes(params.tab as VersionTab)
    ? (params.tab as VersionTab)
    : 'parameters';
  const { ruleset } = useRuleset(key);
  const doc = useVersionDocument(key, version);
  if (!doc.isLoading && !doc.error && !doc.summary)
    return <NotFound extra={<Link to={paths.ruleset(key)}>{t('state.backHome')}</Link>} />;
  const props = { rulesetKey: key, version };
  const panes: Record<VersionTab, React.ReactNode> = {
    parameters: <ParametersTab {...props} />,
    changes: <ChangesTab {...props} />,
    rules: (
      <Suspense fallback={<PageState loading />}>
        <RulesTab {...props} />
      </Suspense>
    ),
    json: (
      <Suspense fallback={<PageState loading />}>
        <JsonTab {...props} />
      </Suspense>
    ),
    tests: <TestsTab {...props} />,
    calculator: <CalculatorTab {...props} />,
    history: <HistoryTab {...props} />,
  };
  // The API warns callers when a version is past its review date; so does this screen.
  const reviewBy = doc.document?.metadata.reviewBy;
  const reviewOverdue = doc.summary?.status === 'published' && !!reviewBy && reviewBy < chinaToday();
  const readOnlyReason =
    doc.summary && !doc.editable
      ? doc.summary.status !== 'draft'
        ? t('version.readOnlyNotDraft')
        : !hasRole(session, 'editor')
          ? t('version.readOnlyRole')
          : null
      : null;
  return (
    <PageState loading={doc.isLoading} error={doc.error}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Breadcrumb
          items={[
            { title: <Link to={paths.home}>{t('nav.rulesets')}</Link> },
            {
              title: (
                <Link to={paths.ruleset(key)}>{ruleset ? localized(ruleset.title, i18n.language) : key}</Link>
              ),
            },
            { title: version },
          ]}
        />
        <div
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'flex-start',
            gap: 16,
            flexWrap: 'wrap',
          }}
        >
          <div>
            <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
              {doc.document ? localized(doc.document.metadata.title, i18n.language) : version}
            </Typography.Title>
            {doc.summary ? (
              <Descriptions size="small" column={3} style={{ marginTop: 8 }}>
                <Descriptions.Item label={t('version.status')}>
                  <StatusTag status={doc.summary.status} />
                </Descriptions.Item>
                <Descriptions.Item label={t('version.effectiveFrom')}>
                  {doc.summary.effectiveFrom}
                </Descriptions.Item>
                <Descriptions.Item label="">
                  <Link
                    to={paths.compare(
                      key,
                      doc.summary.basedOn ?? undefined,
                      doc.summary.basedOn ? version : undefined,
                    )}
                  >
                    {t('version.compare')}
                  </Link>
                </Descriptions.Item>
              </Descriptions>
            ) : null}
          </div>
          <WorkflowBar {...props} />
        </div>
        {readOnlyReason ? (
          <Alert type="info" showIcon title={t('version.readOnly', { reason: readOnlyReason })} />
        ) : null}
        {reviewOverdue ? (
          <Alert type="warning" showIcon title={t('version.reviewOverdue', { date: reviewBy })} />
        ) : null}
        <Tabs
          activeKey={tab}
          onChange={(next) => navigate(paths.version(key, version, next))}
          destroyOnHidden
          items={VERSION_TABS.map((name) => ({ key: name, label: t(`tabs.${name}`), children: panes[name] }))}
        />
      </Space>
    </PageState>
  );
}
