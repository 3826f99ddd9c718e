import type { FactDeclarationT, RulesetVersion } from '@engine/schema/ruleset.schema';
import { Card, Col, Form, Row, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localized } from '@/lib/i18n';
import { GIVEN } from '../lib/household-form';
import { FactField } from './fact-field';

/** An optional `object` fact: a switch saying whether it is given, then its sub-facts. */
function FactGroup({
  fact,
  document,
  problemAt,
}: {
  fact: FactDeclarationT;
  document: RulesetVersion;
  problemAt: (pointer: string) => string | undefined;
}) {
  const { t, i18n } = useTranslation('calculator');
  const label = localized(fact.label, i18n.language);
  const given = Form.useWatch([GIVEN, fact.name]) === true;
  return (
    <Card
      size="small"
      title={label}
      extra={
        <Form.Item name={[GIVEN, fact.name]} valuePropName="checked" noStyle>
          <Switch aria-label={t('form.giveGroup', { label })} />
        </Form.Item>
      }
      style={{ marginBottom: 16 }}
    >
      {fact.description ? (
        <Typography.Paragraph type="secondary">
          {localized(fact.description, i18n.language)}
        </Typography.Paragraph>
      ) : null}
      {given ? (
        <Row gutter={16}>
          {(fact.properties ?? []).map((sub) => (
            <Col key={sub.name} xs={24} md={12} lg={8}>
              <FactField
                fact={sub}
                name={[fact.name, sub.name]}
                jurisdictions={document.jurisdictions}
                problem={problemAt(`/${fact.name}/${sub.name}`)}
              />
            </Col>
          ))}
        </Row>
      ) : null}
    </Card>
  );
}

/** The household facts of `document.facts.household`: plain facts in a grid, then optional groups. */
export function HouseholdFields({
  document,
  problemAt,
}: {
  document: RulesetVersion;
  problemAt: (pointer: string) => string | undefined;
}) {
  const facts = document.facts.household;
  return (
    <>
      <Row gutter={16}>
        {facts
          .filter((f) => f.type !== 'object')
          .map((fact) => (
            <Col key={fact.name} xs={24} md={12} lg={8}>
              <FactField
                fact={fact}
                name={[fact.name]}
                jurisdictions={document.jurisdictions}
                problem={problemAt(`/${fact.name}`)}
              />
            </Col>
          ))}
      </Row>
      {facts
        .filter((f) => f.type === 'object')
        .map((fact) => (
          <FactGroup key={fact.name} fact={fact} document={document} problemAt={problemAt} />
        ))}
    </>
  );
}
