import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { Alert, Card, Descriptions, Space, Spin, Table, Tag, theme, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/problem-alert';
import { ApiProblem } from '@/lib/api-client';
import { localized } from '@/lib/i18n';
import type { EvaluatedDetermination } from '../api/use-evaluate';
import { lineKeys, type DeterminationComparison, type LineComparison } from '../lib/determination-diff';

type Line = EvaluatedDetermination['benefits'][number];

/** True when the API says no published version is in force on the date asked. */
export const isNoVersionInForce = (error: unknown): boolean =>
  error instanceof ApiProblem &&
  error.status === 404 &&
  /no-version-in-force$/.test(error.problem.type ?? '');

const changeColour = (delta: string) => (delta.startsWith('−') ? 'red' : 'green');

/** The tag that marks how a line differs from the other column, if it does. */
function ChangeTag({ change, side }: { change: LineComparison | undefined; side: 'ours' | 'theirs' }) {
  const { t } = useTranslation('calculator');
  if (!change) return null;
  if (side === 'ours' && change.change === 'changed' && change.delta)
    return <Tag color={changeColour(change.delta)}>{change.delta}</Tag>;
  if (side === 'ours' && change.change === 'onlyOurs') return <Tag color="blue">{t('result.onlyOurs')}</Tag>;
  if (side === 'theirs' && change.change === 'onlyTheirs')
    return <Tag color="orange">{t('result.onlyTheirs')}</Tag>;
  return null;
}

/**
 * One column of the side-by-side result: a determination's lines (label, member, amount and period,
 * basis, explanation), totals and eligibility, with what differs from the other column marked; or
 * why there is none (no version in force, an API problem).
 */
export function ResultColumn({
  title,
  side,
  pending,
  error,
  data,
  comparison,
  document,
}: {
  title: ReactNode;
  side: 'ours' | 'theirs';
  pending: boolean;
  error: unknown;
  data: EvaluatedDetermination | undefined;
  comparison: DeterminationComparison | undefined;
  document: RulesetVersion;
}) {
  const { t, i18n } = useTranslation('calculator');
  const { token } = theme.useToken();
  const benefitLabel = (code: string) => {
    const benefit = document.benefits.find((b) => b.code === code);
    return benefit ? localized(benefit.label, i18n.language) : code;
  };
  const outcomeLabel = (name: string) => {
    const outcome = document.outcomes.find((o) => o.name === name);
    return outcome ? localized(outcome.label, i18n.language) : name;
  };
  let body: ReactNode;
  if (pending) body = <Spin description={t('result.running')} />;
  else if (isNoVersionInForce(error))
    body = (
      <Alert
        type="info"
        showIcon
        title={t('result.noVersionInForce')}
        description={error instanceof ApiProblem ? error.problem.detail : undefined}
      />
    );
  else if (error) body = <ProblemAlert error={error} />;
  else if (!data) body = <Typography.Text type="secondary">{t('result.notRun')}</Typography.Text>;
  else {
    const keys = lineKeys(data.benefits);
    const rows = data.benefits.map((line, i) => ({ line, key: keys[i]! }));
    body = (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t('result.version', { version: data.ruleset.version, effectiveFrom: data.ruleset.effectiveFrom })}
        </Typography.Text>
        {(data.warnings ?? []).map((w) => (
          <Alert key={w.code} type="warning" showIcon title={w.message} />
        ))}
        <Table<{ line: Line; key: string }>
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rows}
          locale={{ emptyText: t('result.noLines') }}
          onRow={({ key }) => {
            const c = comparison?.byKey.get(key);
            const marked = c && c.change !== 'same' && (side === 'ours' || c.change === 'onlyTheirs');
            return marked ? { style: { background: token.colorWarningBg } } : {};
          }}
          columns={[
            {
              title: t('result.benefit'),
              key: 'benefit',
              render: (_, { line }) => (
                <>
                  <div>{benefitLabel(line.code)}</div>
                  <Typography.Text type="secondary">
                    {line.memberId ? t('result.member', { id: line.memberId }) : t('result.household')}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: t('result.amount'),
              key: 'amount',
              align: 'right',
              render: (_, { line, key }) => (
                <>
                  <div style={{ whiteSpace: 'nowrap' }}>
                    {line.amount} {t(`period.${line.period}`)}
                  </div>
                  <ChangeTag change={comparison?.byKey.get(key)} side={side} />
                </>
              ),
            },
            {
              title: t('result.explanation'),
              key: 'explanation',
              render: (_, { line }) => (
                <>
                  <div>{line.explanation}</div>
                  <Typography.Text type="secondary">
                    {t('result.basis', { basis: line.basis })}
                  </Typography.Text>
                </>
              ),
            },
          ]}
        />
        <Descriptions size="small" column={1} bordered title={t('result.totals')}>
          {(['monthly', 'annual', 'oneOff'] as const).map((total) => {
            const delta = comparison?.totals.find((x) => x.total === total)?.delta;
            return (
              <Descriptions.Item key={total} label={t(`total.${total}`)}>
                {data.totals[total]}{' '}
                {side === 'ours' && delta ? <Tag color={changeColour(delta)}>{delta}</Tag> : null}
              </Descriptions.Item>
            );
          })}
        </Descriptions>
        <Descriptions size="small" column={1} bordered title={t('result.eligibility')}>
          {Object.entries(data.eligibility).map(([outcome, report]) => {
            const changed = comparison?.eligibility.find((e) => e.outcome === outcome)?.changed;
            const reasons = Array.isArray(report['reasons']) ? (report['reasons'] as string[]) : [];
            return (
              <Descriptions.Item key={outcome} label={outcomeLabel(outcome)}>
                <Tag color={report['eligible'] === true ? 'green' : 'default'}>
                  {report['eligible'] === true ? t('result.eligible') : t('result.notEligible')}
                </Tag>
                {changed ? <Tag color="orange">{t('result.eligibilityChanged')}</Tag> : null}
                {reasons.map((r, i) => (
                  <div key={i}>{r}</div>
                ))}
              </Descriptions.Item>
            );
          })}
        </Descriptions>
      </Space>
    );
  }
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      {body}
    </Card>
  );
}
