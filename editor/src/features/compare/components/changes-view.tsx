import type { VersionDiff } from '@engine/diff';
import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { Empty, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changeRows } from '../model/change-rows';
import { isEmptyDiff, namedItemChanges } from '../model/item-changes';
import { ItemChangesList } from './item-changes-list';
import { SettingsChanges } from './settings-changes';
import { StandardsTable } from './standards-table';

/**
 * Everything that changed between two versions, in the policy's terms: the standards table, then
 * the items added, removed or changed, then the settings; "两个版本相同" when nothing did.
 */
export function ChangesView({
  diff,
  from,
  to,
}: {
  diff: VersionDiff;
  from: RulesetVersion | undefined;
  to: RulesetVersion | undefined;
}) {
  const { t } = useTranslation('compare');
  const [merged, setMerged] = useState(true);
  const rows = useMemo(() => changeRows(diff.parameters, from, to, merged), [diff, from, to, merged]);
  const items = useMemo(() => namedItemChanges(diff, from, to), [diff, from, to]);
  if (isEmptyDiff(diff)) return <Empty description={t('same')} />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {diff.parameters.length > 0 ? (
        <section>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('standards.title')}
          </Typography.Title>
          <StandardsTable rows={rows} merged={merged} onMergedChange={setMerged} />
        </section>
      ) : null}
      {items.length > 0 ? <ItemChangesList changes={items} /> : null}
      {diff.settings.length > 0 ? <SettingsChanges settings={diff.settings} /> : null}
    </Space>
  );
}
