import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { Card, Empty, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { PageState } from '@/components/page-state';
import { useVersionDocument } from '@/hooks/use-rulesets';
import { useDraftStore } from '@/stores/draft-store';
import type { VersionTabProps } from '@/types/version-tab';
import { useWords } from '../hooks/use-words';
import type { ExpressionContext } from '../lib/expression-text';
import { buildGlossary, pick, ruleTitle } from '../lib/glossary';
import { benefitParts, roundingText, ruleParts } from '../lib/sentences';
import { Sentence } from './sentence';

/** The rules tab: every rule and benefit of the version as sentences; values editable in a draft. */
export function RulesTab({ rulesetKey, version }: VersionTabProps) {
  const doc = useVersionDocument(rulesetKey, version);
  return (
    <PageState loading={doc.isLoading} error={doc.error} empty={!doc.document}>
      {doc.document ? (
        <RulesView
          rulesetKey={rulesetKey}
          version={version}
          document={doc.document}
          editable={doc.editable}
        />
      ) : null}
    </PageState>
  );
}

function RulesView({
  rulesetKey,
  version,
  document,
  editable,
}: VersionTabProps & { document: RulesetVersion; editable: boolean }) {
  const { t, words, language } = useWords();
  const ctx = useMemo<ExpressionContext>(
    () => ({ glossary: buildGlossary(document), language, words }),
    [document, language, words],
  );
  const sentence = { glossary: ctx.glossary, language, words, rulesetKey, version, editable };
  const onValue = (pointer: string, value: unknown) =>
    useDraftStore.getState().setValue(rulesetKey, version, pointer, value);
  const ruleSection = (scope: 'household' | 'member') => {
    const rules = document.rules?.[scope] ?? [];
    return (
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t(`rules.${scope}`)}</h2>}>
        {rules.length === 0 ? (
          <Empty description={t('rules.emptyRules')} />
        ) : (
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {rules.map((rule, i) => (
              <li key={i} style={{ marginBottom: 12 }}>
                <Space size="small" wrap>
                  <Typography.Text strong>{ruleTitle(rule.name, language)}</Typography.Text>
                  {rule.priority !== undefined ? (
                    <Tag>{t('rules.priority', { priority: rule.priority })}</Tag>
                  ) : null}
                </Space>
                <div>
                  <Sentence
                    {...sentence}
                    parts={ruleParts(rule, `/rules/${scope}/${i}`, ctx)}
                    onValue={onValue}
                  />
                </div>
              </li>
            ))}
          </ol>
        )}
      </Card>
    );
  };
  const benefits = document.benefits ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('rules.intro')}
      </Typography.Paragraph>
      {ruleSection('household')}
      {ruleSection('member')}
      <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('rules.benefits')}</h2>}>
        {benefits.length === 0 ? (
          <Empty description={t('rules.emptyBenefits')} />
        ) : (
          <ol style={{ margin: 0, paddingInlineStart: 20 }}>
            {benefits.map((benefit, i) => (
              <li key={`${benefit.code}-${i}`} style={{ marginBottom: 12 }}>
                <Space size="small" wrap>
                  <Typography.Text strong>{pick(benefit.label, language) || benefit.code}</Typography.Text>
                  <Tag>{t('rules.code', { code: benefit.code })}</Tag>
                </Space>
                <div>
                  <Sentence {...sentence} parts={benefitParts(benefit, ctx)} onValue={onValue} />
                </div>
                <Typography.Text type="secondary">
                  {t('rules.rounding')}:{roundingText(benefit.rounding ?? document.rounding, ctx)};
                  {t('rules.basis')}:{benefit.basis}
                </Typography.Text>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </Space>
  );
}
