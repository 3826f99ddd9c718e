import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { Alert, Space, Table, Tag, theme, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localized } from '@/lib/i18n';
import { amountDifference, type TestLine, type TestRunCase } from '../lib/test-run';

/** Benefit and outcome labels of the version, by code, in the editor's language. */
export function useLabels(document: RulesetVersion) {
  const { i18n } = useTranslation();
  return {
    benefit: (code: string) => {
      const b = document.benefits.find((x) => x.code === code);
      return b ? localized(b.label, i18n.language) : code;
    },
    outcome: (name: string) => {
      const o = document.outcomes.find((x) => x.name === name);
      return o ? localized(o.label, i18n.language) : name;
    },
  };
}

/** A signed difference as a coloured tag, or why there is none (a line missing or not expected). */
export function DifferenceTag({ expected, got }: { expected: string | null; got: string | null }) {
  const { t } = useTranslation('tests');
  const d = amountDifference(expected, got);
  if (expected !== null && expected === got) return <Tag>{t('diff.same')}</Tag>;
  if (d === null) return <Tag color="orange">{got === null ? t('diff.missing') : t('diff.unexpected')}</Tag>;
  return <Tag color={d.startsWith('−') ? 'red' : 'green'}>{d}</Tag>;
}

/**
 * What one failing test found: every benefit line expected → got (label, member, amounts, difference;
 * the differing ones highlighted), the totals and eligibility that differ; or why its household could
 * not be evaluated.
 */
export function TestDifferences({ test, document }: { test: TestRunCase; document: RulesetVersion }) {
  const { t } = useTranslation('tests');
  const { token } = theme.useToken();
  const labels = useLabels(document);
  const yesNo = (v: boolean | null) => (v === null ? t('diff.notReported') : v ? t('yes') : t('no'));
  if (!test.evaluated)
    return (
      <Alert
        type="error"
        showIcon
        title={t('diff.notEvaluated')}
        description={test.messages.map((d, i) => (
          <div key={i}>{d}</div>
        ))}
      />
    );
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      {test.lines.length > 0 ? (
        <Table<TestLine>
          size="small"
          pagination={false}
          rowKey={(l) => `${l.code}|${l.memberId ?? ''}|${l.expected ?? ''}|${l.got ?? ''}`}
          dataSource={test.lines}
          onRow={(l) => (l.passed ? {} : { style: { background: token.colorWarningBg } })}
          title={() => t('diff.lines')}
          columns={[
            { title: t('diff.benefit'), key: 'code', render: (_, l) => labels.benefit(l.code) },
            {
              title: t('diff.member'),
              key: 'member',
              render: (_, l) => (l.memberId ? l.memberId : t('diff.household')),
            },
            {
              title: t('diff.expected'),
              key: 'expected',
              align: 'right',
              render: (_, l) => l.expected ?? '—',
            },
            { title: t('diff.got'), key: 'got', align: 'right', render: (_, l) => l.got ?? '—' },
            {
              title: t('diff.difference'),
              key: 'difference',
              render: (_, l) => <DifferenceTag expected={l.expected} got={l.got} />,
            },
          ]}
        />
      ) : null}
      {test.totals.length > 0 ? (
        <Table
          size="small"
          pagination={false}
          rowKey="total"
          dataSource={test.totals}
          title={() => t('diff.totals')}
          columns={[
            { title: t('diff.total'), key: 'total', render: (_, x) => t(`total.${x.total}`) },
            { title: t('diff.expected'), dataIndex: 'expected', align: 'right' },
            { title: t('diff.got'), dataIndex: 'got', align: 'right' },
            {
              title: t('diff.difference'),
              key: 'difference',
              render: (_, x) => <DifferenceTag expected={x.expected} got={x.got} />,
            },
          ]}
        />
      ) : null}
      {test.eligibility.map((e) => (
        <Typography.Text key={e.outcome}>
          <Tag color="orange">{t('diff.eligibility')}</Tag>
          {t('diff.eligibilityChange', {
            outcome: labels.outcome(e.outcome),
            expected: yesNo(e.expected),
            got: yesNo(e.got),
          })}
        </Typography.Text>
      ))}
    </Space>
  );
}
