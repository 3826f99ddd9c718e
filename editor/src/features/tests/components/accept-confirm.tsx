import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { Alert, Descriptions, Modal, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { changedLines, type TestRunCase } from '../lib/test-run';
import { DifferenceTag, useLabels } from './test-differences';

/** The confirmation before accepting: for each chosen test, every amount old → new. */
export function AcceptConfirm({
  open,
  tests,
  document,
  accepting,
  refreshing,
  onAccept,
  onCancel,
}: {
  open: boolean;
  tests: TestRunCase[];
  document: RulesetVersion;
  accepting: boolean;
  refreshing: boolean;
  onAccept: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('tests');
  const labels = useLabels(document);
  const yesNo = (v: boolean | null) => (v === null ? t('diff.notReported') : v ? t('yes') : t('no'));
  const flips = tests.filter((x) => x.eligibility.length > 0);
  return (
    <Modal
      open={open}
      title={t('accept.confirmTitle', { count: tests.length })}
      okText={t('accept.confirm')}
      cancelText={t('common:action.cancel')}
      confirmLoading={accepting}
      okButtonProps={{ disabled: refreshing || tests.length === 0 }}
      onOk={onAccept}
      onCancel={onCancel}
      width={760}
      destroyOnHidden
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {refreshing ? <Spin description={t('accept.refreshing')} /> : null}
        <Typography.Paragraph>{t('accept.confirmIntro')}</Typography.Paragraph>
        {flips.length > 0 ? (
          <Alert type="warning" showIcon title={t('accept.flipWarning', { count: flips.length })} />
        ) : null}
        {tests.map((test) => (
          <Descriptions key={test.name} size="small" column={1} bordered title={test.name}>
            {changedLines(test).map((l, i) => (
              <Descriptions.Item
                key={`l${i}`}
                label={`${labels.benefit(l.code)} · ${l.memberId ?? t('diff.household')}`}
              >
                {l.expected ?? t('diff.none')} → {l.got ?? t('diff.none')}{' '}
                <DifferenceTag expected={l.expected} got={l.got} />
              </Descriptions.Item>
            ))}
            {test.totals.map((x) => (
              <Descriptions.Item key={x.total} label={t(`total.${x.total}`)}>
                {x.expected} → {x.got} <DifferenceTag expected={x.expected} got={x.got} />
              </Descriptions.Item>
            ))}
            {test.eligibility.map((e) => (
              <Descriptions.Item key={e.outcome} label={labels.outcome(e.outcome)}>
                <Typography.Text type="warning">
                  {yesNo(e.expected)} → {yesNo(e.got)}
                </Typography.Text>
              </Descriptions.Item>
            ))}
          </Descriptions>
        ))}
      </Space>
    </Modal>
  );
}
