import { Breadcrumb, Empty, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { PageState } from '@/components/page-state';
import { useRuleset, useVersions } from '@/hooks/use-rulesets';
import { localized } from '@/lib/i18n';
import { paths } from '@/lib/paths';
import { defaultPair } from '../model/default-pair';
import { Comparison, VIEWS, type View } from './comparison';
import { VersionPickers } from './version-pickers';

/**
 * 版本比较 (`/rulesets/:key/compare?from=&to=&view=`): two versions chosen above (kept in the URL;
 * without them, the latest version and the one it is based on), then what changed in words, the
 * two documents side by side, and the annex to print with the notice.
 */
export function ComparePage({ rulesetKey }: { rulesetKey: string }) {
  const { t, i18n } = useTranslation('compare');
  const { t: common } = useTranslation();
  const [params, setParams] = useSearchParams();
  const versions = useVersions(rulesetKey);
  const { ruleset } = useRuleset(rulesetKey);
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const view: View = VIEWS.includes(params.get('view') as View) ? (params.get('view') as View) : 'changes';

  const update = (next: { from?: string; to?: string; view?: View }) =>
    setParams((current) => {
      const out = new URLSearchParams(current);
      for (const [name, value] of Object.entries(next))
        if (value) out.set(name, value);
        else out.delete(name);
      return out;
    });

  // Without both versions in the address, the latest and the one it is based on.
  useEffect(() => {
    if ((from && to) || !versions.data) return;
    const pair = defaultPair(versions.data, from, to);
    if (pair.from !== from || pair.to !== to)
      setParams(
        (current) => {
          const out = new URLSearchParams(current);
          if (pair.from) out.set('from', pair.from);
          if (pair.to) out.set('to', pair.to);
          return out;
        },
        { replace: true },
      );
  }, [from, to, versions.data, setParams]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="no-print">
        <Breadcrumb
          items={[
            { title: <Link to={paths.home}>{common('nav.rulesets')}</Link> },
            {
              title: (
                <Link to={paths.ruleset(rulesetKey)}>
                  {ruleset ? localized(ruleset.title, i18n.language) : rulesetKey}
                </Link>
              ),
            },
            { title: t('title') },
          ]}
        />
        <Typography.Title level={1} style={{ fontSize: 22, margin: '12px 0' }}>
          {t('title')}
        </Typography.Title>
        <PageState loading={versions.isLoading} error={versions.error}>
          <VersionPickers
            versions={versions.data ?? []}
            from={from}
            to={to}
            onChange={(nextFrom, nextTo) => update({ from: nextFrom, to: nextTo })}
          />
        </PageState>
      </div>
      {!from || !to ? (
        versions.data ? (
          <Empty description={t('choose')} />
        ) : null
      ) : from === to ? (
        <Empty description={t('same')} />
      ) : (
        <Comparison
          rulesetKey={rulesetKey}
          from={from}
          to={to}
          view={view}
          onViewChange={(next) => update({ view: next })}
        />
      )}
    </Space>
  );
}
