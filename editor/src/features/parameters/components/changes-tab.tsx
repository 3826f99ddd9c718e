import { Button, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageState } from '@/components/page-state';
import { localized } from '@/lib/i18n';
import type { VersionTabProps } from '@/types/version-tab';
import { useGridData } from '../hooks/use-grid-data';
import { changesOf, type ChangeRow } from '../model/changes';
import { formatFigure } from '../model/figures';
import { OTHER_SCHEME } from '../model/resolve';
import { placeName } from './place-name';
import { sourceText } from './source-text';

/**
 * 变更清单: every figure of this version that differs from its base version, per place, with its
 * old and new value, the change and its source (缺少来源 in red). Printable on A4.
 */
export function ChangesTab({ rulesetKey, version }: VersionTabProps) {
  const { t, i18n } = useTranslation('parameters');
  const data = useGridData(rulesetKey, version);
  const document = data.document;
  const rows = document ? changesOf(document, data.values, data.base, data.baseValues) : [];
  const missing = rows.filter((r) => r.missingSource).length;
  const scheme = (id: string) =>
    id === OTHER_SCHEME
      ? t('grid.otherScheme')
      : localized(document?.parameterGroups?.find((g) => g.id === id)?.label, i18n.language);
  return (
    <PageState
      loading={data.loading}
      error={data.error}
      empty={!data.baseVersion || rows.length === 0}
      emptyText={data.baseVersion ? t('changes.none', { base: data.baseVersion }) : t('changes.noBase')}
    >
      {document ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 16 }}>
            <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
              {t('changes.title', {
                title: localized(document.metadata.title, i18n.language),
                version,
                base: data.baseVersion,
              })}
            </Typography.Title>
            <Button className="no-print" onClick={() => window.print()}>
              {t('changes.print')}
            </Button>
          </div>
          <Typography.Text>
            {t('changes.count', { count: rows.length })}
            {missing ? (
              <Typography.Text type="danger">{t('changes.missingCount', { count: missing })}</Typography.Text>
            ) : null}
          </Typography.Text>
          <Table<ChangeRow>
            size="small"
            bordered
            rowKey="id"
            pagination={false}
            dataSource={rows}
            columns={[
              { key: 'scheme', title: t('changes.scheme'), render: (_, r) => scheme(r.scheme) },
              {
                key: 'what',
                title: t('changes.what'),
                render: (_, r) => (
                  <>
                    {localized(r.parameter.label, i18n.language)}{' '}
                    <Typography.Text type="secondary">
                      ({t(`unit.${r.parameter.unit}`, { defaultValue: r.parameter.unit })})
                    </Typography.Text>
                  </>
                ),
              },
              {
                key: 'where',
                title: t('changes.where'),
                render: (_, r) => placeName(document, r.target, t, i18n.language),
              },
              {
                key: 'before',
                title: t('changes.before'),
                align: 'right',
                render: (_, r) => (r.added ? '—' : formatFigure(r.before, r.parameter.unit)),
              },
              {
                key: 'after',
                title: t('changes.after'),
                align: 'right',
                render: (_, r) => <strong>{formatFigure(r.after, r.parameter.unit)}</strong>,
              },
              {
                key: 'delta',
                title: t('changes.delta'),
                align: 'right',
                render: (_, r) =>
                  r.added
                    ? t('delta.added')
                    : [r.delta?.difference, r.delta?.percent].filter(Boolean).join(' / '),
              },
              {
                key: 'source',
                title: t('changes.source'),
                render: (_, r) =>
                  r.missingSource ? (
                    <Tag color="red">{t('source.missing')}</Tag>
                  ) : (
                    sourceText(document, r.source, t)
                  ),
              },
            ]}
          />
        </Space>
      ) : null}
    </PageState>
  );
}
