import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageState } from '@/components/page-state';
import { chinaToday, useRulesets, useVersions, versionInForce } from '@/hooks/use-rulesets';
import { localized } from '@/lib/i18n';
import { paths } from '@/lib/paths';
import type { RulesetSummary } from '@/types/api';

/** The version of `rulesetKey` in force today (China), read from its version list. */
function InForceCell({ rulesetKey }: { rulesetKey: string }) {
  const { t } = useTranslation('versions');
  const versions = useVersions(rulesetKey);
  if (versions.isLoading)
    return <Typography.Text type="secondary">{t('common:state.loading')}</Typography.Text>;
  if (versions.error) return <Typography.Text type="danger">{t('rulesets.inForceUnknown')}</Typography.Text>;
  const current = versionInForce(versions.data, chinaToday());
  if (!current) return <Typography.Text type="secondary">{t('rulesets.noneInForce')}</Typography.Text>;
  return (
    <Link to={paths.version(rulesetKey, current.version)}>
      {current.version} <Tag color="green">{t('inForce')}</Tag>
      <Typography.Text type="secondary">
        {t('rulesets.since', { date: current.effectiveFrom })}
      </Typography.Text>
    </Link>
  );
}

/** Every ruleset: its title, how many jurisdictions it covers and the version in force today. */
export function RulesetsPage() {
  const { t, i18n } = useTranslation('versions');
  const rulesets = useRulesets();
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('rulesets.title')}
      </Typography.Title>
      <PageState
        loading={rulesets.isLoading}
        error={rulesets.error}
        empty={!rulesets.data?.length}
        emptyText={t('rulesets.empty')}
      >
        <Table<RulesetSummary>
          rowKey="key"
          dataSource={rulesets.data}
          pagination={false}
          columns={[
            {
              key: 'title',
              title: t('rulesets.name'),
              render: (_, r) => <Link to={paths.ruleset(r.key)}>{localized(r.title, i18n.language)}</Link>,
            },
            {
              key: 'jurisdictions',
              title: t('rulesets.jurisdictions'),
              render: (_, r) => t('rulesets.jurisdictionCount', { count: r.jurisdictions.length }),
            },
            {
              key: 'inForce',
              title: t('rulesets.inForce'),
              render: (_, r) => <InForceCell rulesetKey={r.key} />,
            },
          ]}
        />
      </PageState>
    </>
  );
}
