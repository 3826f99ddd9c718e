import type { SettingChange } from '@engine/diff';
import type { RoundingT, TotalsT } from '@engine/schema/ruleset.schema';
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The version-level settings that changed (rounding, annual total, review date), old beside new. */
export function SettingsChanges({ settings }: { settings: SettingChange[] }) {
  const { t } = useTranslation('compare');
  const rounding = (r: RoundingT) =>
    t('settings.roundingValue', { places: r.places, mode: t(`settings.modes.${r.mode}`) });
  const totals = (x: TotalsT) => t('settings.totalsValue', { months: x.monthsPerYear });
  const describe = (change: SettingChange, side: 'old' | 'new'): string => {
    switch (change.setting) {
      case 'rounding':
        return rounding(change[side]);
      case 'totals':
        return totals(change[side]);
      case 'reviewBy':
        return change[side] ?? t('settings.none');
    }
  };
  return (
    <Table<SettingChange>
      size="small"
      bordered
      pagination={false}
      rowKey="setting"
      dataSource={settings}
      title={() => (
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('settings.title')}
        </Typography.Title>
      )}
      columns={[
        { key: 'setting', title: t('settings.setting'), render: (_, c) => t(`settings.${c.setting}`) },
        { key: 'old', title: t('settings.old'), render: (_, c) => describe(c, 'old') },
        { key: 'new', title: t('settings.new'), render: (_, c) => describe(c, 'new') },
      ]}
    />
  );
}
