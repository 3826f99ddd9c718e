import { Alert, Descriptions, Drawer, List, Space, Tag, Typography } from 'antd';
import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { useTranslation } from 'react-i18next';
import type { ValidationFinding, ValidationReport } from '@/types/api';
import { placeName } from '../lib/figures';
import { usePointerWords } from '../lib/use-figure-words';
import { JustificationForm } from './justification-form';

/** A warning that the API accepts only with a recorded justification (none recorded yet). */
export const needsJustification = (f: ValidationFinding): boolean =>
  f.severity !== 'error' && !!f.constraint && !f.justification;

/**
 * The validation report in a Drawer: errors, then warnings, each with its message, basis and
 * jurisdiction; a warning that needs a justification offers the form recording one (when `canEdit`).
 */
export function ValidationDrawer({
  rulesetKey,
  version,
  document,
  report,
  canEdit,
  open,
  onClose,
  onJustified,
}: {
  rulesetKey: string;
  version: string;
  document: RulesetVersion | undefined;
  report: ValidationReport | undefined;
  canEdit: boolean;
  open: boolean;
  onClose: () => void;
  onJustified: () => void;
}) {
  const { t, i18n } = useTranslation('workflow');
  const describe = usePointerWords(document);
  const justified = new Set(
    (document?.justifications ?? []).map((j) => `${j.constraint}@${j.jurisdiction ?? ''}`),
  );
  const section = (kind: 'errors' | 'warnings', findings: ValidationFinding[]) => (
    <section aria-label={t(`validate.${kind}`)}>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t(`validate.${kind}`)} ({findings.length})
      </Typography.Title>
      <List
        dataSource={findings}
        locale={{ emptyText: t(`validate.no.${kind}`) }}
        renderItem={(f) => {
          const pending = justified.has(`${f.constraint ?? ''}@${f.jurisdiction ?? ''}`);
          return (
            <List.Item>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Space wrap>
                  <Tag color={kind === 'errors' ? 'red' : 'orange'}>
                    {t(kind === 'errors' ? 'validate.error' : 'validate.warning')}
                  </Tag>
                  <Typography.Text type="secondary">{describe(f.path)}</Typography.Text>
                </Space>
                <Typography.Text>{f.message}</Typography.Text>
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    ...(f.basis ? [{ key: 'basis', label: t('validate.basis'), children: f.basis }] : []),
                    ...(f.jurisdiction
                      ? [
                          {
                            key: 'jurisdiction',
                            label: t('validate.jurisdiction'),
                            children: placeName(document, f.jurisdiction, i18n.language),
                          },
                        ]
                      : []),
                    ...(f.justification
                      ? [
                          {
                            key: 'justification',
                            label: t('validate.justification'),
                            children: f.justification,
                          },
                        ]
                      : []),
                  ]}
                />
                {kind === 'warnings' && needsJustification(f) && f.constraint ? (
                  pending ? (
                    <Alert type="info" showIcon title={t('justify.pending')} />
                  ) : canEdit ? (
                    <JustificationForm
                      rulesetKey={rulesetKey}
                      version={version}
                      constraint={f.constraint}
                      jurisdiction={f.jurisdiction ?? null}
                      onAdded={onJustified}
                    />
                  ) : (
                    <Typography.Text type="warning">{t('justify.needed')}</Typography.Text>
                  )
                ) : null}
              </Space>
            </List.Item>
          );
        }}
      />
    </section>
  );
  return (
    <Drawer open={open} onClose={onClose} title={t('validate.title')} size="large" destroyOnHidden>
      {report ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert
            type={report.valid ? 'success' : 'error'}
            showIcon
            title={report.valid ? t('validate.valid') : t('validate.invalid')}
          />
          {section('errors', report.errors)}
          {section('warnings', report.warnings)}
        </Space>
      ) : null}
    </Drawer>
  );
}
