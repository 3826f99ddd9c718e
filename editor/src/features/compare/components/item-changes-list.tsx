import { Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localized } from '@/lib/i18n';
import type { NamedItem, NamedItemChanges } from '../model/item-changes';

const COLOURS = { added: 'green', removed: 'red', changed: 'blue' } as const;

/**
 * The rules, benefits, outcomes, derived facts, constraints, facts and areas added, removed or
 * changed, in words: one line per kind and kind of change, each item by its label.
 */
export function ItemChangesList({ changes }: { changes: NamedItemChanges[] }) {
  const { t, i18n } = useTranslation('compare');
  const name = (item: NamedItem) => {
    const text = item.label ? localized(item.label, i18n.language) : item.name;
    return item.scope ? `${text}(${t(`items.scope.${item.scope}`)})` : text;
  };
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {t('items.title')}
        </Typography.Title>
      }
      items={changes.map((c) => ({
        key: c.kind,
        label: t(`items.kinds.${c.kind}`),
        children: (
          <Space orientation="vertical" size={4}>
            {(['added', 'removed', 'changed'] as const)
              .filter((what) => c[what].length > 0)
              .map((what) => (
                <div key={what} data-testid={`${c.kind}-${what}`}>
                  <Tag color={COLOURS[what]}>{t(`items.${what}`)}</Tag>
                  {c[what].map(name).join(t('items.separator'))}
                </div>
              ))}
          </Space>
        ),
      }))}
    />
  );
}
