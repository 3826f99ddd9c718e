import { Breadcrumb, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageState } from '@/components/page-state';
import { chinaToday, useRuleset, useVersions, versionInForce } from '@/hooks/use-rulesets';
import { localized } from '@/lib/i18n';
import { paths } from '@/lib/paths';
import { hasRole, useSession } from '@/lib/session';
import type { VersionSummary } from '@/types/api';
import { newestFirst } from '../lib/next-version';
import { ComparePicker } from './compare-picker';
import { DraftNextModal } from './draft-next-modal';
import { VersionsTable } from './versions-table';

/** One ruleset's versions: the list with the one in force today, comparing two, drafting the next. */
export function VersionsPage({ rulesetKey }: { rulesetKey: string }) {
  const { t, i18n } = useTranslation('versions');
  const session = useSession();
  const { ruleset } = useRuleset(rulesetKey);
  const versions = useVersions(rulesetKey);
  const [base, setBase] = useState<VersionSummary | null>(null);
  const list = newestFirst(versions.data ?? []);
  const inForce = versionInForce(list, chinaToday())?.version;
  const title = ruleset ? localized(ruleset.title, i18n.language) : rulesetKey;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to={paths.home}>{t('common:nav.rulesets')}</Link> }, { title }]} />
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {title}
      </Typography.Title>
      <PageState
        loading={versions.isLoading}
        error={versions.error}
        empty={!list.length}
        emptyText={t('table.empty')}
      >
        <ComparePicker rulesetKey={rulesetKey} versions={list} />
        <VersionsTable
          rulesetKey={rulesetKey}
          versions={list}
          inForce={inForce}
          onDraftNext={hasRole(session, 'editor') ? setBase : undefined}
        />
      </PageState>
      {base ? (
        <DraftNextModal rulesetKey={rulesetKey} base={base} versions={list} onClose={() => setBase(null)} />
      ) : null}
    </Space>
  );
}
